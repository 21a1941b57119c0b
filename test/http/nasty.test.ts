/**
 * A page full of text that breaks feeds, from the admin API through the pipeline to the served
 * feeds: every format stays well-formed and parses in the parsers readers use, with the same ids
 * and links, and the text arrives as text.
 */
import { parseFeed } from '@rowanmanning/feed-parser'
import { parseAtomFeed, parseJsonFeed, parseRssFeed } from 'feedsmith'
import { beforeAll, describe, expect, it } from 'vitest'
import { parseWithRssParser, parseXml } from '../feeds/fixtures'
import { addPages, BASE, call, page, rebuildNow } from '../helpers'

const NASTY = [
  'Alert <script>alert(1)</script> & AT&T said "]]>" twice: ]]> and \u0001\u001F control characters',
  'Emoji 🚀🇰🇿 and right-to-left text: مرحبا بالعالم and שלום עולם, and <![CDATA[ opened.',
  'Markup &amp; entities &lt;b&gt; stay text; so does <img src=x onerror=alert(1)>.',
]

let rss = ''
let atom = ''
let json = ''

beforeAll(async () => {
  await addPages([
    page('nasty-1.txt', '03.03.2025', '', NASTY[0] ?? ''),
    page('nasty-2.txt', '04.03.2025', '', NASTY[1] ?? ''),
    page('nasty-3.txt', '05.03.2025', '', NASTY[2] ?? ''),
  ])
  await rebuildNow()
  const read = async (path: string) => (await call(path)).text()
  rss = await read('/feed.xml')
  atom = await read('/atom.xml')
  json = await read('/feed.json')
})

describe('text that breaks feeds', () => {
  it('keeps RSS, Atom and OPML well-formed XML', async () => {
    expect(() => parseXml(rss)).not.toThrow()
    expect(() => parseXml(atom)).not.toThrow()
    const opml = await (await call('/opml.xml')).text()
    expect(() => parseXml(opml)).not.toThrow()
    expect(() => JSON.parse(json)).not.toThrow()
  })

  it('parses in rss-parser, feed-parser and feedsmith with the same ids and links in all formats', async () => {
    const fromJson = (parseJsonFeed(json).items ?? []).map((i) => [i.id, i.url])
    expect(fromJson).toHaveLength(3)
    const readings = {
      'rss/rss-parser': (await parseWithRssParser(rss)).items.map((i) => [i.guid, i.link]),
      'atom/rss-parser': (await parseWithRssParser(atom)).items.map((i) => [i.id, i.link]),
      'rss/feedsmith': (parseRssFeed(rss).items ?? []).map((i) => [i.guid?.value, i.link]),
      'atom/feedsmith': (parseAtomFeed(atom).entries ?? []).map((e) => [e.id, e.links?.[0]?.href]),
      'rss/feed-parser': parseFeed(rss).items.map((i) => [i.id, i.url]),
      'atom/feed-parser': parseFeed(atom).items.map((i) => [i.id, i.url]),
    }
    for (const [name, entries] of Object.entries(readings)) expect(entries, name).toEqual(fromJson)
    for (const [, url] of fromJson) expect(url).toMatch(new RegExp(`^${BASE}/items/`))
  })

  it('carries the text as text: markup arrives escaped, control characters are gone', async () => {
    const items = parseJsonFeed(json).items ?? []
    const texts = items.map((i) => i.content_text ?? '')
    expect(texts).toContain(NASTY[2])
    expect(
      texts.some((t) => t.includes('<script>alert(1)</script> & AT&T said "]]>" twice: ]]>'))
    ).toBe(true)
    expect(texts.join('').includes('\u0001') || texts.join('').includes('\u001F')).toBe(false)
    for (const item of items) expect(item.content_html ?? '').not.toMatch(/<(script|img)/)
    const atomTitles = (parseAtomFeed(atom).entries ?? []).map((e) => JSON.stringify(e.title))
    expect(atomTitles.some((t) => t.includes('🚀🇰🇿'))).toBe(true)
    expect(rss).toContain('مرحبا بالعالم')
  })
})
