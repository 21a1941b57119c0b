import { parseFeed } from '@rowanmanning/feed-parser'
import { parseAtomFeed, parseJsonFeed, parseRssFeed } from 'feedsmith'
import { describe, expect, it } from 'vitest'
import { renderFormat } from '../../src/feeds'
import {
  archiveView,
  findAll,
  findOne,
  ITEMS,
  parseWithRssParser,
  parseXml,
  topicView,
  VIEW_SCRIPT_URL,
} from './fixtures'

type Entry = { id: string | undefined; link: string | undefined }

const rss = renderFormat('rss', topicView('rss'))
const atom = renderFormat('atom', topicView('atom'))
const json = renderFormat('json', topicView('json'))

/** What each parser reads as item id and link, per format and parser. */
async function readAll(): Promise<Record<string, Entry[]>> {
  const [rssParsed, atomParsed] = await Promise.all([
    parseWithRssParser(rss),
    parseWithRssParser(atom),
  ])
  return {
    'rss/rss-parser': rssParsed.items.map((i) => ({ id: i.guid, link: i.link })),
    'rss/feedsmith': (parseRssFeed(rss).items ?? []).map((i) => ({
      id: i.guid?.value,
      link: i.link,
    })),
    'rss/feed-parser': parseFeed(rss).items.map((i) => ({
      id: i.id ?? undefined,
      link: i.url ?? undefined,
    })),
    'atom/rss-parser': atomParsed.items.map((i) => ({ id: i.id, link: i.link })),
    'atom/feedsmith': (parseAtomFeed(atom).entries ?? []).map((e) => ({
      id: e.id,
      link: e.links?.[0]?.href,
    })),
    'atom/feed-parser': parseFeed(atom).items.map((i) => ({
      id: i.id ?? undefined,
      link: i.url ?? undefined,
    })),
    'json/feedsmith': (parseJsonFeed(json).items ?? []).map((i) => ({ id: i.id, link: i.url })),
  }
}

describe('the three formats of one view', () => {
  it('give the same item ids and links in every parser, in the view order', async () => {
    const expected = ITEMS.map((i) => ({ id: i.guid, link: i.url }))
    const normalised = ITEMS.map((i) => ({ id: i.guid, link: new URL(i.url).href }))
    for (const [name, entries] of Object.entries(await readAll())) {
      // feed-parser normalises links through `new URL()` on its side (IDN hosts to punycode).
      expect(entries, name).toEqual(name.endsWith('feed-parser') ? normalised : expected)
    }
  })

  it.each([
    ['rss', rss, 'channel', 'item'],
    ['atom', atom, 'feed', 'entry'],
  ] as const)(
    '%s loads the feed view script from an XHTML element in the head, before the entries',
    (format, xml, head, entry) => {
      const parent = findOne(parseXml(xml), head)
      const [script, ...more] = findAll(parent, 'html:script')
      expect(more).toEqual([])
      expect(script?.uri).toBe('http://www.w3.org/1999/xhtml')
      expect(script?.attrs.src).toBe(VIEW_SCRIPT_URL)
      const names = parent.children.map((c) => c.name)
      expect(names.indexOf('html:script')).toBeLessThan(names.indexOf(entry))
      // An archive of a view without the script has none; readers read both alike (above).
      expect(findAll(parseXml(renderFormat(format, archiveView(format))), 'html:script')).toEqual(
        []
      )
    }
  )

  it('date the feed with view.updated in every format, never the clock', () => {
    const updated = topicView('rss').updated
    expect(rss).toContain(`<lastBuildDate>${new Date(updated).toUTCString()}</lastBuildDate>`)
    expect(atom).toContain(`<updated>${updated}</updated>`)
    expect(JSON.parse(json).items.at(-1).date_modified).toBe(ITEMS.at(-1)?.updated)
  })
})
