import { parseFeed } from '@rowanmanning/feed-parser'
import { parseAtomFeed, parseJsonFeed, parseRssFeed } from 'feedsmith'
import { describe, expect, it } from 'vitest'
import { renderFormat } from '../../src/feeds'
import { ITEMS, parseWithRssParser, topicView } from './fixtures'

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

  it('date the feed with view.updated in every format, never the clock', () => {
    const updated = topicView('rss').updated
    expect(rss).toContain(`<lastBuildDate>${new Date(updated).toUTCString()}</lastBuildDate>`)
    expect(atom).toContain(`<updated>${updated}</updated>`)
    expect(JSON.parse(json).items.at(-1).date_modified).toBe(ITEMS.at(-1)?.updated)
  })
})
