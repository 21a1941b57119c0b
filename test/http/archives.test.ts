/**
 * Backfill per RFC 5005: the subscription feed holds the newest items and links archive
 * documents (here quarters: about six items a month); following the links to the oldest archive
 * visits every item exactly once.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import type { RawDoc } from '../../src/model'
import { addPages, BASE, call, clearStorage, rebuildNow } from '../helpers'

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

/**
 * One dated teaser per page, `everyDays` apart from `from`, every other one about drug
 * trafficking; `first` numbers the first (each page's number keeps its item apart).
 */
function datedPages(
  count = COUNT,
  from = Date.UTC(2023, 0, 1),
  everyDays = 5,
  first = 0
): RawDoc[] {
  return Array.from({ length: count }, (_, n) => {
    const i = first + n
    const day = new Date(from + n * everyDays * 86_400_000)
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
    expect(json.next_url).toMatch(new RegExp(`^${BASE}/archive/\\d{4}-Q[1-4]/feed\\.json$`))
  })

  it('mark archives as archives, link them both ways and to the subscription feed', async () => {
    const rss = await (await call('/feed.xml')).text()
    expect(rss).toMatch(/rel="prev-archive"/)
    expect(rss).not.toContain('fh:archive')
    const atom = await (await call('/archive/2023-Q2/atom.xml')).text()
    expect(atom).toContain('<fh:archive/>')
    expect(atom).toContain(`href="${BASE}/atom.xml"`)
    expect(atom).toMatch(/rel="current"/)
    expect(atom).toMatch(/rel="prev-archive"/)
    expect(atom).toMatch(/rel="next-archive"/)
  })

  it('cache archives for longer than the subscription feed', async () => {
    const archive = await call('/archive/2023-Q2/feed.xml')
    expect(archive.status).toBe(200)
    expect(archive.headers.get('cache-control')).toMatch(/max-age=86400/)
    expect((await call('/feed.xml')).headers.get('cache-control')).toMatch(/max-age=900/)
  })

  it('answer 400 to query parameters on an archive', async () => {
    expect((await call('/archive/2023-Q2/feed.xml?q=council')).status).toBe(400)
  })
})

describe('archives of a feed that grows denser', () => {
  const FROM = Date.UTC(2020, 0, 1)

  beforeAll(async () => {
    await clearStorage()
    // 80 items over three years: about two a month, so yearly archives.
    await addPages(datedPages(80, FROM, 13))
    await rebuildNow()
  })

  it('file a sparse feed by year, then by quarter once it is dense, and keep every item once', async () => {
    const sparse = (await (await call('/feed.json')).json()) as { next_url: string }
    expect(sparse.next_url).toBe(`${BASE}/archive/2021/feed.json`)
    expect((await walk('/feed.json', 'json')).ids).toHaveLength(80)
    expect((await call('/archive/2020/feed.json')).status).toBe(200)

    // 160 more over the same years: about seven a month, a year would hold 80.
    await addPages(datedPages(160, FROM + 3 * 86_400_000, 6.5, 1000))
    await rebuildNow()
    const dense = (await (await call('/feed.json')).json()) as { next_url: string }
    expect(dense.next_url).toMatch(new RegExp(`^${BASE}/archive/2022-Q[1-4]/feed\\.json$`))
    const { ids } = await walk('/feed.json', 'json')
    expect(ids).toHaveLength(240)
    expect(new Set(ids).size).toBe(240)
    // The yearly addresses are gone with the period.
    expect((await call('/archive/2020/feed.json')).status).toBe(404)
  })
})
