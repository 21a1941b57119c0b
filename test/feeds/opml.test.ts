import { parseOpml } from 'feedsmith'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { type OpmlView, renderOpml } from '../../src/feeds/opml'
import { BASE, CONTROL_CHARS, findAll, findOne, parseXml } from './fixtures'

const VIEW: OpmlView = {
  title: `News ${CONTROL_CHARS}& <Co>`,
  homeUrl: `${BASE}/`,
  selfUrl: `${BASE}/opml.xml`,
  outlines: [
    {
      text: 'News & <Co>',
      title: 'News & <Co>',
      description: 'Everything, "quoted".',
      xmlUrl: `${BASE}/feed.xml`,
      htmlUrl: `${BASE}/`,
      type: 'rss',
    },
    {
      text: 'News: ОДКБ — מאבק בטרור',
      title: 'News: ОДКБ — מאבק בטרור',
      description: 'Тема',
      xmlUrl: `${BASE}/topics/terrorism/feed.xml?a=1&b=2`,
      htmlUrl: `${BASE}/topics/terrorism`,
      type: 'rss',
    },
  ],
}

const opml = renderOpml(VIEW)
const root = parseXml(opml)

afterEach(() => {
  vi.useRealTimers()
})

describe('renderOpml', () => {
  it('is well-formed, namespace-correct OPML 2.0 to a strict parser', () => {
    expect(root.name).toBe('opml')
    expect(root.attrs.version).toBe('2.0')
  })

  it('has a head with the title, the spec as docs, and no dateCreated', () => {
    const head = findOne(root, 'head')
    expect(findOne(head, 'title').text).toBe('News & <Co>')
    expect(findOne(head, 'docs').text).toBe('http://opml.org/spec2.opml')
    expect(findAll(head, 'dateCreated')).toEqual([])
    expect(findOne(head, 'atom:link').attrs.href).toBe(VIEW.selfUrl)
  })

  it('lists one outline per feed with every attribute round-tripped', () => {
    const outlines = findAll(findOne(root, 'body'), 'outline').map((o) => o.attrs)
    expect(outlines).toEqual(VIEW.outlines)
  })

  it('parses in feedsmith with every feed URL', () => {
    const parsed = parseOpml(opml)
    expect(parsed.body?.outlines?.map((o) => o.xmlUrl)).toEqual(VIEW.outlines.map((o) => o.xmlUrl))
    expect(parsed.head?.title).toBe('News & <Co>')
  })

  it('renders the same view twice to identical bytes, whatever the clock says', () => {
    vi.useFakeTimers()
    vi.setSystemTime(new Date('2001-01-01T00:00:00Z'))
    const first = renderOpml(VIEW)
    vi.setSystemTime(new Date('2031-12-31T23:59:59Z'))
    expect(renderOpml(VIEW)).toBe(first)
    expect(first).toBe(opml)
  })
})
