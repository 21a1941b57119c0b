import { parseFeed } from '@rowanmanning/feed-parser'
import { parseRssFeed } from 'feedsmith'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { renderFormat } from '../../src/feeds'
import {
  AI,
  archiveView,
  CONTROL_CHARS,
  ENTITY_TITLE,
  findAll,
  findOne,
  ITEMS,
  makeItem,
  NASTY_TITLE,
  parseWithRssParser,
  parseXml,
  readBack,
  topicView,
  type XmlNode,
} from './fixtures'

const IPTC_SCHEME = 'http://cv.iptc.org/newscodes/mediatopic/'
const ATOM_NS = 'http://www.w3.org/2005/Atom'
const CONTENT_NS = 'http://purl.org/rss/1.0/modules/content/'
const FH_NS = 'http://purl.org/syndication/history/1.0'

const rss = renderFormat('rss', topicView('rss'))
const channel = findOne(parseXml(rss), 'channel')
const items = findAll(channel, 'item')

function atomLinks(xml: string): Record<string, string> {
  const links = findAll(parseXml(xml), 'atom:link')
  return Object.fromEntries(links.map((link) => [link.attrs.rel, link.attrs.href]))
}

afterEach(() => {
  vi.useRealTimers()
})

describe('renderRss', () => {
  it('is well-formed, namespace-correct XML to a strict parser, nasty fixture and all', () => {
    expect(() => parseXml(rss)).not.toThrow()
    expect(() => parseXml(renderFormat('rss', archiveView('rss')))).not.toThrow()
  })

  it('parses in rss-parser with every guid and link of the view', async () => {
    const feed = await parseWithRssParser(rss)
    expect(feed.items.map((i) => i.guid)).toEqual(ITEMS.map((i) => i.guid))
    expect(feed.items.map((i) => i.link)).toEqual(ITEMS.map((i) => i.url))
    expect(feed.title).toBe('News: AI & <ML>')
  })

  it('parses in @rowanmanning/feed-parser with every guid and link of the view', () => {
    const feed = parseFeed(rss)
    expect(feed.items.map((i) => i.id)).toEqual(ITEMS.map((i) => i.guid))
    // This reader runs links through `new URL()` itself: the IDN link comes back in punycode.
    expect(feed.items.map((i) => i.url)).toEqual(ITEMS.map((i) => new URL(i.url).href))
    expect(feed.self).toBe(topicView('rss').selfUrl)
  })

  it('parses in feedsmith with every guid and link of the view', () => {
    const feed = parseRssFeed(rss)
    expect(feed.items?.map((i) => i.guid?.value)).toEqual(ITEMS.map((i) => i.guid))
    expect(feed.items?.map((i) => i.link)).toEqual(ITEMS.map((i) => i.url))
  })

  it('round-trips a title with markup, `&`, two `]]>` and emoji, less the control characters', async () => {
    const expected = readBack(NASTY_TITLE)
    expect(findOne(items[0] ?? channel, 'title').text).toBe(expected)
    expect((await parseWithRssParser(rss)).items[0]?.title).toBe(expected)
    expect(parseRssFeed(rss).items?.[0]?.title).toBe(expected)
  })

  it('keeps a literal `&amp;` in a title literal, though xml-js unescapes `&amp;` in text', () => {
    expect(findOne(items[1] ?? channel, 'title').text).toBe(ENTITY_TITLE)
    expect(parseRssFeed(rss).items?.[1]?.title).toBe(ENTITY_TITLE)
  })

  it('carries the content HTML in content:encoded, the text in it escaped once', () => {
    const html = findOne(items[0] ?? channel, 'content:encoded').text
    expect(html).toBe(readBack(ITEMS[0]?.contentHtml ?? ''))
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
  })

  it('keeps raw `]]>` in HTML content (legal in HTML text) from closing the CDATA early', () => {
    const contentHtml = '<p>a[b[0]]> first</p>\n<p>second ]]> end</p>'
    const view = {
      ...topicView('rss'),
      items: [makeItem('cdata', { title: 'T', contentText: 'C', contentHtml })],
    }
    const html = findOne(parseXml(renderFormat('rss', view)), 'content:encoded').text
    expect(html).toBe('<p>a[b[0]]&gt; first</p>\n<p>second ]]&gt; end</p>')
  })

  it('escapes the summary as HTML in description', () => {
    const description = findOne(items[0] ?? channel, 'description').text
    expect(description).toBe('First &lt;b&gt;bold&lt;/b&gt; &amp; AT&amp;T ]]&gt; and ]]&gt;')
  })

  it('drops U+0001, U+001F and U+FFFE from every field', () => {
    for (const char of CONTROL_CHARS) expect(rss).not.toContain(char)
  })

  it('writes links verbatim, where `feed` would turn an IDN host into punycode', async () => {
    const cyrillic = ITEMS[3]?.url ?? ''
    expect(cyrillic).toContain('пример.рф')
    expect(findOne(items[3] ?? channel, 'link').text).toBe(cyrillic)
    expect((await parseWithRssParser(rss)).items[3]?.link).toBe(cyrillic)
    expect(findOne(channel, 'link').text).toBe(topicView('rss').homeUrl)
  })

  it('marks guids as not permalinks: they are tag URIs', () => {
    expect(items.map((i) => findOne(i, 'guid').attrs.isPermaLink)).toEqual(ITEMS.map(() => 'false'))
  })

  it('writes pubDate from published, and none for an undated item', () => {
    expect(items.map((i) => findAll(i, 'pubDate')[0]?.text ?? null)).toEqual(
      ITEMS.map((i) => (i.published ? new Date(i.published).toUTCString() : null))
    )
  })

  it('writes a category with the topic URL as domain for each tag', () => {
    const categories = findAll(items[0] ?? channel, 'category').filter(
      (c) => c.attrs.domain !== IPTC_SCHEME
    )
    expect(categories.map((c) => [c.text, c.attrs.domain])).toEqual(
      ITEMS[0]?.tags.map((t) => [t.title, t.url])
    )
    expect(findAll(channel, 'category')[0]?.attrs.domain).toBe(AI.url)
  })

  it('writes each IPTC Media Topic of an item once, as a category with the IPTC scheme as domain', () => {
    const iptc = (node: XmlNode) =>
      node.children
        .filter((c) => c.name === 'category' && c.attrs.domain === IPTC_SCHEME)
        .map((c) => c.text)
    // AI and Terrorism share 20001298: it is named once, in tag order.
    expect(iptc(items[0] ?? channel)).toEqual(['20001298', '20000053'])
    expect(iptc(items[1] ?? channel)).toEqual(['20001298'])
    expect(iptc(items[2] ?? channel)).toEqual([])
    // A topic feed's channel carries its topic's codes too.
    expect(iptc(channel)).toEqual(['20001298'])
  })

  it('gives the IPTC categories to rss-parser, feed-parser and feedsmith with their scheme', async () => {
    const expected = [
      ['20001298', IPTC_SCHEME],
      ['20000053', IPTC_SCHEME],
    ]
    const onlyIptc = (pairs: Array<[unknown, unknown]>) =>
      pairs.filter(([, domain]) => domain === IPTC_SCHEME)
    const rssParser = (await parseWithRssParser(rss)).items[0]?.categories as unknown as Array<{
      _: string
      $: { domain: string }
    }>
    expect(onlyIptc(rssParser.map((c) => [c._, c.$.domain]))).toEqual(expected)
    const feedParser = parseFeed(rss).items[0]?.categories ?? []
    expect(onlyIptc(feedParser.map((c) => [c.term, c.url]))).toEqual(expected)
    const feedsmith = parseRssFeed(rss).items?.[0]?.categories ?? []
    expect(onlyIptc(feedsmith.map((c) => [c.name, c.domain]))).toEqual(expected)
  })

  it('escapes `&` and `<` in a category domain, which `feed` passes through raw', () => {
    const tag = { ...AI, url: 'https://news.example.org/topics?a=1&b=<2>' }
    const view = {
      ...topicView('rss'),
      topic: tag,
      items: [makeItem('tagged', { title: 'T', contentText: 'C', tags: [tag] })],
    }
    const domains = findAll(parseXml(renderFormat('rss', view)), 'category')
      .map((c) => c.attrs.domain)
      .filter((domain) => domain !== IPTC_SCHEME)
    expect(domains).toEqual([tag.url, tag.url])
  })

  it('has ttl, language, generator-free channel and lastBuildDate from view.updated', () => {
    expect(findOne(channel, 'ttl').text).toBe('15')
    expect(findOne(channel, 'language').text).toBe('en')
    expect(findAll(channel, 'generator')).toEqual([])
    expect(findOne(channel, 'lastBuildDate').text).toBe('Mon, 03 Jun 2024 09:00:00 GMT')
  })

  it('declares xmlns:content for content:encoded and xmlns:atom for atom:link', () => {
    const root = parseXml(rss)
    expect(root.attrs['xmlns:content']).toBe(CONTENT_NS)
    expect(findOne(root, 'content:encoded').uri).toBe(CONTENT_NS)
    expect(findOne(root, 'atom:link').uri).toBe(ATOM_NS)
  })

  it('links itself with the RSS type, the hub (with `&` escaped) and the newest archive', () => {
    const self = findAll(channel, 'atom:link').find((l) => l.attrs.rel === 'self')
    expect(self?.attrs).toEqual({
      href: topicView('rss').selfUrl,
      rel: 'self',
      type: 'application/rss+xml',
    })
    expect(atomLinks(rss)).toEqual({
      self: topicView('rss').selfUrl,
      hub: 'https://hub.example.net/?a=1&b=2',
      'prev-archive': topicView('rss').archive.prevArchive,
    })
    expect(findAll(channel, 'fh:archive')).toEqual([])
  })

  it('marks an archive with fh:archive and links current, prev-archive and next-archive', () => {
    const view = archiveView('rss')
    const root = parseXml(renderFormat('rss', view))
    expect(root.attrs['xmlns:fh']).toBe(FH_NS)
    expect(findOne(root, 'fh:archive').uri).toBe(FH_NS)
    expect(atomLinks(renderFormat('rss', view))).toEqual({
      self: view.selfUrl,
      current: view.archive.current,
      'prev-archive': view.archive.prevArchive,
      'next-archive': view.archive.nextArchive,
    })
  })

  it('fills an empty channel description with the title: RSS 2.0 requires one', () => {
    const root = parseXml(renderFormat('rss', { ...topicView('rss'), description: '' }))
    expect(findOne(findOne(root, 'channel'), 'description').text).toBe('News: AI & <ML>')
  })

  it('renders the same view twice to identical bytes, whatever the clock says', () => {
    vi.useFakeTimers()
    vi.setSystemTime(new Date('2001-01-01T00:00:00Z'))
    const first = renderFormat('rss', topicView('rss'))
    vi.setSystemTime(new Date('2031-12-31T23:59:59Z'))
    const second = renderFormat('rss', topicView('rss'))
    expect(second).toBe(first)
    expect(first).toBe(rss)
  })
})
