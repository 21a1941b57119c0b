/**
 * Backfill per RFC 5005: the subscription feed holds the newest items and links monthly archive
 * documents; following the links to the oldest archive visits every item exactly once.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import type { RawDoc } from '../../src/model'
import { addPages, BASE, call, rebuildNow } from '../helpers'

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
]
const COUNT = 130

/** One dated teaser per page, five days apart, every other one about drug trafficking. */
function datedPages(): RawDoc[] {
  return Array.from({ length: COUNT }, (_, i) => {
    const day = new Date(Date.UTC(2023, 0, 1) + i * 5 * 86_400_000)
    const dd = String(day.getUTCDate()).padStart(2, '0')
    const mm = String(day.getUTCMonth() + 1).padStart(2, '0')
    const subject =
      i % 2 === 0
        ? 'countering illicit drug trafficking in the region'
        : 'the preparation of the next session of the Council'
    const text = `${dd}.${mm}.${day.getUTCFullYear()}\n\nOn ${day.getUTCDate()} ${MONTHS[day.getUTCMonth()]} ${day.getUTCFullYear()}, working group number ${i + 1} of the CSTO Secretariat held its meeting ${i + 1} on ${subject}.`
    return { name: `dated-${String(i).padStart(3, '0')}.txt`, text }
  })
}

/** Follows the archive chain of a feed from its subscription document; returns every guid seen. */
async function walk(
  path: string,
  format: 'rss' | 'atom' | 'json'
): Promise<{ ids: string[]; documents: number }> {
  const ids: string[] = []
  let url: string | null = `${BASE}${path}`
  let documents = 0
  while (url) {
    const response = await call(url.slice(BASE.length))
    expect(response.status, url).toBe(200)
    const body = await response.text()
    documents++
    if (format === 'json') {
      const json = JSON.parse(body) as { items: Array<{ id: string }>; next_url?: string }
      ids.push(...json.items.map((i) => i.id))
      url = json.next_url ?? null
    } else {
      const tag =
        format === 'rss' ? /<guid[^>]*>([^<]+)<\/guid>/g : /<entry[^>]*>\s*<id>([^<]+)<\/id>/g
      ids.push(...[...body.matchAll(tag)].map((m) => m[1] ?? ''))
      url =
        /<(?:atom:)?link[^>]*rel="prev-archive"[^>]*href="([^"]+)"|<(?:atom:)?link[^>]*href="([^"]+)"[^>]*rel="prev-archive"/
          .exec(body)
          ?.slice(1)
          .find(Boolean) ?? null
    }
    expect(documents).toBeLessThan(100)
  }
  return { ids, documents }
}

describe('archives', () => {
  beforeAll(async () => {
    await addPages(datedPages())
    await rebuildNow()
  })

  it.each([
    ['/feed.xml', 'rss', COUNT],
    ['/atom.xml', 'atom', COUNT],
    ['/feed.json', 'json', COUNT],
    ['/topics/drug-trafficking/feed.xml', 'rss', COUNT / 2],
    ['/topics/drug-trafficking/atom.xml', 'atom', COUNT / 2],
    ['/topics/drug-trafficking/feed.json', 'json', COUNT / 2],
  ] as const)(
    'visit every item of %s exactly once from the subscription feed to the oldest archive',
    async (path, format, count) => {
      const { ids, documents } = await walk(path, format)
      expect(ids).toHaveLength(count)
      expect(new Set(ids).size).toBe(count)
      expect(documents).toBeGreaterThan(1)
    }
  )

  it('keep the newest items in the subscription feed, 50 at most', async () => {
    const json = (await (await call('/feed.json')).json()) as {
      items: Array<{ date_published: string }>
      next_url: string
    }
    expect(json.items).toHaveLength(50)
    expect(json.items[0]?.date_published).toBe('2024-10-07T09:00:00.000Z')
    expect(json.next_url).toMatch(new RegExp(`^${BASE}/archive/\\d{4}-\\d{2}/feed\\.json$`))
  })

  it('mark archives as archives, link them both ways and to the subscription feed', async () => {
    const rss = await (await call('/feed.xml')).text()
    expect(rss).toMatch(/rel="prev-archive"/)
    expect(rss).not.toContain('fh:archive')
    const atom = await (await call('/archive/2023-06/atom.xml')).text()
    expect(atom).toContain('<fh:archive/>')
    expect(atom).toContain(`href="${BASE}/atom.xml"`)
    expect(atom).toMatch(/rel="current"/)
    expect(atom).toMatch(/rel="prev-archive"/)
    expect(atom).toMatch(/rel="next-archive"/)
  })

  it('cache archives for longer than the subscription feed', async () => {
    const archive = await call('/archive/2023-06/feed.xml')
    expect(archive.status).toBe(200)
    expect(archive.headers.get('cache-control')).toMatch(/max-age=86400/)
    expect((await call('/feed.xml')).headers.get('cache-control')).toMatch(/max-age=900/)
  })

  it('answer 400 to query parameters on an archive', async () => {
    expect((await call('/archive/2023-06/feed.xml?q=council')).status).toBe(400)
  })
})
