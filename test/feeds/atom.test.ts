import { parseFeed } from '@rowanmanning/feed-parser'
import { parseAtomFeed } from 'feedsmith'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { renderFormat } from '../../src/feeds'
import {
  archiveView,
  CONTROL_CHARS,
  ENTITY_TITLE,
  findAll,
  findOne,
  IPTC_AI,
  ITEMS,
  NASTY_TITLE,
  parseWithRssParser,
  parseXml,
  readBack,
  topicView,
  type XmlNode,
} from './fixtures'

const IPTC_SCHEME = 'http://cv.iptc.org/newscodes/mediatopic/'
const ATOM_NS = 'http://www.w3.org/2005/Atom'
const FH_NS = 'http://purl.org/syndication/history/1.0'

const atom = renderFormat('atom', topicView('atom'))
const root = parseXml(atom)
const entries = findAll(root, 'entry')

/** The feed-level links by rel (entries have only alternates). */
function feedLinks(xml: string): Record<string, string> {
  const links = parseXml(xml).children.filter((node) => node.name === 'link')
  return Object.fromEntries(links.map((link) => [link.attrs.rel, link.attrs.href]))
}

afterEach(() => {
  vi.useRealTimers()
})

describe('renderAtom', () => {
  it('is well-formed, namespace-correct XML to a strict parser, nasty fixture and all', () => {
    expect(root.uri).toBe(ATOM_NS)
    expect(() => parseXml(renderFormat('atom', archiveView('atom')))).not.toThrow()
  })

  it('parses in rss-parser with every id and link of the view', async () => {
    const feed = await parseWithRssParser(atom)
    expect(feed.items.map((i) => i.id)).toEqual(ITEMS.map((i) => i.guid))
    expect(feed.items.map((i) => i.link)).toEqual(ITEMS.map((i) => i.url))
  })

  it('parses in @rowanmanning/feed-parser with every id and link of the view', () => {
    const feed = parseFeed(atom)
    expect(feed.meta.type).toBe('atom')
    expect(feed.items.map((i) => i.id)).toEqual(ITEMS.map((i) => i.guid))
    // This reader runs links through `new URL()` itself: the IDN link comes back in punycode.
    expect(feed.items.map((i) => i.url)).toEqual(ITEMS.map((i) => new URL(i.url).href))
    expect(feed.language).toBe('en')
  })

  it('parses in feedsmith with every id and link of the view', () => {
    const feed = parseAtomFeed(atom)
    expect(feed.entries?.map((e) => e.id)).toEqual(ITEMS.map((i) => i.guid))
    expect(feed.entries?.map((e) => e.links?.[0]?.href)).toEqual(ITEMS.map((i) => i.url))
  })

  it('says the language on the feed and on each entry, and none on an undetermined one', () => {
    expect(root.attrs['xml:lang']).toBe('en')
    expect(entries.map((e) => e.attrs['xml:lang'] ?? null)).toEqual(
      ITEMS.map((i) => (i.lang === 'und' ? null : i.lang))
    )
  })

  it('round-trips a title with markup, `&`, two `]]>` and emoji as type="text"', async () => {
    const title = findOne(entries[0] ?? root, 'title')
    expect(title.attrs.type).toBe('text')
    expect(title.text).toBe(readBack(NASTY_TITLE))
    expect((await parseWithRssParser(atom)).items[0]?.title).toBe(readBack(NASTY_TITLE))
    expect(parseAtomFeed(atom).entries?.[0]?.title).toEqual({
      type: 'text',
      value: readBack(NASTY_TITLE),
    })
    expect(findOne(entries[1] ?? root, 'title').text).toBe(ENTITY_TITLE)
  })

  it('carries the HTML content escaped once, as type="html"', () => {
    const content = findOne(entries[0] ?? root, 'content')
    expect(content.attrs.type).toBe('html')
    expect(content.text).toBe(readBack(ITEMS[0]?.contentHtml ?? ''))
  })

  it('carries the summary as plain text', () => {
    const summary = findOne(entries[0] ?? root, 'summary')
    expect(summary.attrs.type).toBe('text')
    expect(summary.text).toBe(readBack(ITEMS[0]?.summary ?? ''))
  })

  it('drops U+0001, U+001F and U+FFFE from every field', () => {
    for (const char of CONTROL_CHARS) expect(atom).not.toContain(char)
  })

  it('has id, title, subtitle, updated and an author with name and uri', () => {
    const view = topicView('atom')
    const head = (name: string) => root.children.find((node) => node.name === name)?.text
    expect([head('id'), head('title'), head('subtitle'), head('updated')]).toEqual([
      view.id,
      view.title,
      view.description,
      view.updated,
    ])
    const author = findOne(root, 'author')
    expect([findOne(author, 'name').text, findOne(author, 'uri').text]).toEqual([
      view.author.name,
      view.author.url,
    ])
  })

  it('links itself as application/atom+xml, its HTML page, the hub and the newest archive', () => {
    const view = topicView('atom')
    expect(feedLinks(atom)).toEqual({
      self: view.selfUrl,
      alternate: view.homeUrl,
      hub: view.hubUrl,
      'prev-archive': view.archive.prevArchive,
    })
    const self = root.children.find((node) => node.name === 'link' && node.attrs.rel === 'self')
    expect(self?.attrs.type).toBe('application/atom+xml')
    expect(findAll(root, 'fh:archive')).toEqual([])
  })

  it('marks an archive with fh:archive and links current, prev-archive and next-archive', () => {
    const view = archiveView('atom')
    const archive = renderFormat('atom', view)
    expect(parseXml(archive).attrs['xmlns:fh']).toBe(FH_NS)
    expect(findOne(parseXml(archive), 'fh:archive').uri).toBe(FH_NS)
    expect(feedLinks(archive)).toEqual({
      self: view.selfUrl,
      alternate: view.homeUrl,
      current: view.archive.current,
      'prev-archive': view.archive.prevArchive,
      'next-archive': view.archive.nextArchive,
    })
  })

  it('tags the feed with its topic and each entry with term, label and the topics scheme', () => {
    const feedCategory = root.children.find((node) => node.name === 'category')
    expect(feedCategory?.attrs).toEqual({
      term: 'ai',
      label: 'AI & <ML>',
      scheme: 'https://news.example.org/topics/',
    })
    expect(findAll(entries[0] ?? root, 'category').map((c) => c.attrs.term)).toEqual([
      'ai',
      'terrorism',
      '20001298',
      '20000053',
    ])
  })

  it('adds each IPTC Media Topic once, as term, label and the IPTC scheme, labels escaped', () => {
    const iptc = (node: XmlNode) =>
      node.children
        .filter((c) => c.name === 'category' && c.attrs.scheme === IPTC_SCHEME)
        .map((c) => c.attrs)
    // AI and Terrorism share 20001298: it is named once, in tag order.
    expect(iptc(entries[0] ?? root)).toEqual([
      { term: '20001298', label: IPTC_AI.label, scheme: IPTC_SCHEME },
      { term: '20000053', label: 'act of terror', scheme: IPTC_SCHEME },
    ])
    expect(iptc(entries[2] ?? root)).toEqual([])
    expect(iptc(root)).toEqual([{ term: '20001298', label: IPTC_AI.label, scheme: IPTC_SCHEME }])
    expect(atom).toContain('label="artificial intelligence &amp; &lt;ML&gt; &quot;quoted&quot;"')
  })

  it('gives the IPTC categories to rss-parser, feed-parser and feedsmith with scheme and label', () => {
    const expected = [
      ['20001298', IPTC_SCHEME, IPTC_AI.label],
      ['20000053', IPTC_SCHEME, 'act of terror'],
    ]
    const onlyIptc = (rows: Array<[unknown, unknown, unknown]>) =>
      rows.filter(([, scheme]) => scheme === IPTC_SCHEME)
    const feedParser = parseFeed(atom).items[0]?.categories ?? []
    expect(onlyIptc(feedParser.map((c) => [c.term, c.url, c.label]))).toEqual(expected)
    const feedsmith = parseAtomFeed(atom).entries?.[0]?.categories ?? []
    expect(onlyIptc(feedsmith.map((c) => [c.term, c.scheme, c.label]))).toEqual(expected)
  })

  it('writes published when the item has a date, and updated always', () => {
    expect(entries.map((e) => findAll(e, 'published')[0]?.text ?? null)).toEqual(
      ITEMS.map((i) => i.published)
    )
    expect(entries.map((e) => findOne(e, 'updated').text)).toEqual(ITEMS.map((i) => i.updated))
  })

  it('renders the same view twice to identical bytes, whatever the clock says', () => {
    vi.useFakeTimers()
    vi.setSystemTime(new Date('2001-01-01T00:00:00Z'))
    const first = renderFormat('atom', topicView('atom'))
    vi.setSystemTime(new Date('2031-12-31T23:59:59Z'))
    expect(renderFormat('atom', topicView('atom'))).toBe(first)
    expect(first).toBe(atom)
  })
})
