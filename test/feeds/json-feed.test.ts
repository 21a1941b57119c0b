import { parseJsonFeed } from 'feedsmith'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { renderFormat } from '../../src/feeds'
import {
  archiveView,
  CONTROL_CHARS,
  IPTC_AI,
  ITEMS,
  NASTY_TITLE,
  readBack,
  topicView,
} from './fixtures'

const json = renderFormat('json', topicView('json'))
const feed = JSON.parse(json)

afterEach(() => {
  vi.useRealTimers()
})

describe('renderJsonFeed', () => {
  it('is JSON Feed 1.1 with title, home page, own URL, description and language', () => {
    const view = topicView('json')
    expect(feed).toMatchObject({
      version: 'https://jsonfeed.org/version/1.1',
      title: view.title,
      home_page_url: view.homeUrl,
      feed_url: view.selfUrl,
      description: view.description,
      language: 'en',
    })
  })

  it('names the authors, the WebSub hub and the next older page as next_url', () => {
    const view = topicView('json')
    expect(feed.authors).toEqual([{ name: view.author.name, url: view.author.url }])
    expect(feed.hubs).toEqual([{ type: 'WebSub', url: view.hubUrl }])
    expect(feed.next_url).toBe(view.archive.prevArchive)
  })

  it('pages an archive on to the older archive and lists no hub', () => {
    const view = archiveView('json')
    const archive = JSON.parse(renderFormat('json', view))
    expect(archive.next_url).toBe(view.archive.prevArchive)
    expect(archive).not.toHaveProperty('hubs')
  })

  it('leaves out next_url and hubs when the view has neither', () => {
    const view = { ...topicView('json'), hubUrl: null }
    view.archive = { ...view.archive, prevArchive: null }
    const bare = JSON.parse(renderFormat('json', view))
    expect(bare).not.toHaveProperty('next_url')
    expect(bare).not.toHaveProperty('hubs')
  })

  it('parses in feedsmith with every id and link of the view', () => {
    const parsed = parseJsonFeed(json)
    expect(parsed.items?.map((i) => i.id)).toEqual(ITEMS.map((i) => i.guid))
    expect(parsed.items?.map((i) => i.url)).toEqual(ITEMS.map((i) => i.url))
    expect(parsed.items?.[0]?.title).toBe(readBack(NASTY_TITLE))
  })

  it('gives each item both content_html and content_text, and its summary', () => {
    const [first] = ITEMS
    expect(feed.items[0]).toMatchObject({
      content_html: readBack(first?.contentHtml ?? ''),
      content_text: readBack(first?.contentText ?? ''),
      summary: readBack(first?.summary ?? ''),
    })
  })

  it('dates items with date_modified always and date_published only when known', () => {
    expect(feed.items.map((i: { date_published?: string }) => i.date_published ?? null)).toEqual(
      ITEMS.map((i) => i.published)
    )
    expect(feed.items.map((i: { date_modified: string }) => i.date_modified)).toEqual(
      ITEMS.map((i) => i.updated)
    )
  })

  it('tags items with topic titles and gives each its language unless undetermined', () => {
    expect(feed.items[0].tags).toEqual(['AI & <ML>', 'Terrorism'])
    expect(feed.items.map((i: { language?: string }) => i.language ?? null)).toEqual([
      'en',
      'en',
      null,
      'ru',
    ])
  })

  it('names each IPTC Media Topic once in an `_iptc` extension of the item and of a topic feed', () => {
    const subject = (code: string, name: string) => ({
      name,
      uri: `http://cv.iptc.org/newscodes/mediatopic/${code}`,
      literal: `medtop:${code}`,
    })
    const about = 'https://iptc.org/standards/media-topics/'
    expect(feed.items[0]._iptc).toEqual({
      about,
      subjects: [subject('20001298', IPTC_AI.label), subject('20000053', 'act of terror')],
    })
    expect(feed.items[2]).not.toHaveProperty('_iptc')
    expect(feed._iptc).toEqual({ about, subjects: [subject('20001298', IPTC_AI.label)] })
    // Readers that do not know the extension ignore it; `tags` stay topic titles.
    expect(parseJsonFeed(json).items?.[0]?.tags).toEqual(['AI & <ML>', 'Terrorism'])
  })

  it('drops the characters the XML formats must drop, so all formats say the same', () => {
    for (const char of CONTROL_CHARS) expect(JSON.stringify(feed)).not.toContain(char)
    expect(json).not.toContain('\\u0001')
  })

  it('renders the same view twice to identical bytes, whatever the clock says', () => {
    vi.useFakeTimers()
    vi.setSystemTime(new Date('2001-01-01T00:00:00Z'))
    const first = renderFormat('json', topicView('json'))
    vi.setSystemTime(new Date('2031-12-31T23:59:59Z'))
    expect(renderFormat('json', topicView('json'))).toBe(first)
    expect(first).toBe(json)
  })
})
