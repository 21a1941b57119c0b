import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { topics } from '../../src/content'
import { type Chromium, DESKTOP, launchChromium, NARROW, screenshot, watchPage } from './chromium'

const ORIGIN = inject('workerOrigin')
const TOPIC = 'drug-trafficking'
/** The crawl follows links this many steps from `/` (and from the embed pages). */
const MAX_DEPTH = 2
const PARALLEL_PAGES = 4
const HOME_MAX_BYTES = 50 * 1024
/**
 * How tall the home page may be at 1280 px: it was 7,725 px when every topic had its own address
 * box (issue 10); one table of feeds and the headlines fit in well under half of that.
 */
const HOME_MAX_HEIGHT = 3_500
const FEED_TYPES = ['application/rss+xml', 'application/atom+xml', 'application/feed+json']
/** Pages made for other sites' iframes: not necessarily linked from `/`, crawled from here too. */
const EMBED_PAGES = ['/embed', ...topics.topics.map((t) => `/embed/${t.slug}`)]
/**
 * Links in feeds and the OPML: link attributes (`atom:link`, the style sheet, OPML outlines, RSS
 * category `domain`) and link elements (RSS `link`, a permalink `guid`, Atom `uri`). An Atom
 * category `scheme` names a scheme and is not followed.
 */
const XML_LINK_RES = [
  /\b(?:href|xmlUrl|htmlUrl|url|domain)="([^"]+)"/g,
  /<(?:link|comments|docs|uri|icon|logo)>([^<]+)</g,
  /<guid[^>]*isPermaLink="true"[^>]*>([^<]+)</g,
]
/** Links in a JSON Feed (https://jsonfeed.org/version/1.1). */
const JSON_LINK_KEYS = new Set([
  'url',
  'external_url',
  'home_page_url',
  'feed_url',
  'next_url',
  'icon',
  'favicon',
  'image',
  'banner_image',
  'avatar',
])

let chromium: Chromium

beforeAll(async () => {
  chromium = await launchChromium()
})

afterAll(async () => {
  await chromium?.close()
})

/** Opens a page in a new tab of the given width and records what it does. */
async function open(path: string, viewport = DESKTOP) {
  const page = await chromium.context.newPage()
  await page.setViewportSize(viewport)
  const log = watchPage(page)
  const response = await page.goto(new URL(path, ORIGIN).href, { waitUntil: 'load' })
  return { page, log, response }
}

/** Same-origin URL without its fragment, or null for another origin or scheme. */
function sameOrigin(href: string, base: string): string | null {
  try {
    const url = new URL(href.replaceAll('&amp;', '&'), base)
    if (url.origin !== ORIGIN) return null
    url.hash = ''
    return url.href
  } catch {
    return null
  }
}

/** Every link and resource an HTML page refers to, as Chromium resolved them. */
async function linksOfPage(page: Page): Promise<string[]> {
  return page
    .locator('a[href], link[href], script[src], img[src], iframe[src]')
    .evaluateAll((elements): string[] => elements.map((e) => e.href || e.src))
}

/** The string values of link keys anywhere in a JSON document. */
function jsonLinks(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(jsonLinks)
  if (value === null || typeof value !== 'object') return []
  return Object.entries(value).flatMap(([key, v]) =>
    typeof v === 'string' ? (JSON_LINK_KEYS.has(key) ? [v] : []) : jsonLinks(v)
  )
}

/** The same-origin links of a feed, OPML or JSON document. */
function linksOfText(text: string, type: string, base: string): string[] {
  const hrefs = type.includes('json')
    ? jsonLinks(JSON.parse(text))
    : XML_LINK_RES.flatMap((re) => [...text.matchAll(re)].map((m) => m[1] ?? ''))
  return hrefs.flatMap((href) => sameOrigin(href.trim(), base) ?? [])
}

type Visit = { url: string; status: number; type: string; from: string; depth: number }

/**
 * Breadth-first over same-origin links. HTML pages above the last level open in Chromium (its
 * links, as it resolves them); feeds and the rest are fetched and their URLs read from the text.
 */
async function crawl(seeds: ReadonlyArray<{ path: string; depth: number; from: string }>) {
  const seen = new Set<string>()
  const queue: Array<{ url: string; depth: number; from: string }> = []
  const enqueue = (url: string, depth: number, from: string) => {
    if (seen.has(url) || depth > MAX_DEPTH) return
    seen.add(url)
    queue.push({ url, depth, from })
  }
  for (const seed of seeds) enqueue(new URL(seed.path, ORIGIN).href, seed.depth, seed.from)
  const visits: Visit[] = []
  const pages = await Promise.all(
    Array.from({ length: PARALLEL_PAGES }, () => chromium.context.newPage())
  )
  const work = async (page: Page) => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const { url, depth, from } = next
      const response = await fetch(url)
      const type = response.headers.get('content-type') ?? ''
      const text = await response.text()
      visits.push({ url, status: response.status, type, from, depth })
      if (depth === MAX_DEPTH || !response.ok) continue
      let links: string[]
      if (type.startsWith('text/html')) {
        const opened = await page.goto(url, { waitUntil: 'load' })
        expect(opened?.status(), url).toBe(response.status)
        links = (await linksOfPage(page)).flatMap((href) => sameOrigin(href, url) ?? [])
      } else {
        links = linksOfText(text, type, url)
      }
      for (const link of links) enqueue(link, depth + 1, url)
    }
  }
  // Workers take from one queue; one may find it empty while another is still adding to it.
  while (queue.length > 0) await Promise.all(pages.map(work))
  await Promise.all(pages.map((page) => page.close()))
  return visits
}

describe('the site in Chromium', () => {
  it('lists every topic feed on the home page', async () => {
    const { page } = await open('/')
    const paths = await page
      .locator('a[href]')
      .evaluateAll((anchors): string[] => anchors.map((a) => new URL(a.href).pathname))
    for (const { slug } of topics.topics) {
      const feeds = ['feed.xml', 'atom.xml', 'feed.json'].map((f) => `/topics/${slug}/${f}`)
      expect(
        paths.some((p) => feeds.includes(p)),
        `a link to the feed of ${slug}`
      ).toBe(true)
    }
    await page.close()
  })

  it('has autodiscovery links for RSS, Atom and JSON Feed on / and on a topic page', async () => {
    for (const path of ['/', `/topics/${TOPIC}`]) {
      const { page } = await open(path)
      for (const type of FEED_TYPES) {
        const hrefs = await page
          .locator(`head link[rel~="alternate"][type="${type}"]`)
          .evaluateAll((links): string[] => links.map((l) => l.href))
        expect(hrefs.length, `${path}: ${type}`).toBeGreaterThan(0)
        for (const href of hrefs) {
          const response = await fetch(href)
          expect(response.status, href).toBe(200)
          expect(response.headers.get('content-type'), href).toContain(type)
          if (path !== '/') expect(href, path).toContain(`/topics/${TOPIC}/`)
        }
      }
      await page.close()
    }
  })

  it('serves a home page under 50 KB that loads nothing from another origin', async () => {
    const bytes = (await (await fetch(new URL('/', ORIGIN))).arrayBuffer()).byteLength
    console.log(`home page: ${bytes} bytes of HTML`)
    expect(bytes).toBeLessThan(HOME_MAX_BYTES)
    const { page, log } = await open('/')
    const foreign = log.requests.filter((url) => !url.startsWith(`${ORIGIN}/`))
    expect(foreign).toEqual([])
    expect(log.failedRequests).toEqual([])
    expect(log.pageErrors).toEqual([])
    expect(log.consoleErrors).toEqual([])
    // Render-blocking resources: style sheets and classic scripts without async or defer.
    const blocking = await page
      .locator('link[rel~="stylesheet"][href], script[src]:not([async]):not([defer])')
      .evaluateAll((elements): string[] => elements.map((e) => e.href || e.src))
    expect(blocking.filter((url) => !url.startsWith(`${ORIGIN}/`))).toEqual([])
    await page.close()
  })

  it('sends every HTML page with a Content-Security-Policy it keeps to: no violation in Chromium', async () => {
    const home = await open('/')
    const item = await home.page.locator('a[href^="/items/"]').first().getAttribute('href')
    await home.page.close()
    for (const path of ['/', `/topics/${TOPIC}`, item ?? '/items/none']) {
      const { page, log, response } = await open(path)
      expect(response?.status(), path).toBe(200)
      const csp = (await response?.allHeaders())?.['content-security-policy'] ?? ''
      expect(csp, path).toContain("default-src 'none'")
      expect(csp, path).toContain("frame-ancestors 'none'")
      // A blocked style or icon shows as a console error; none may.
      expect(log.consoleErrors, path).toEqual([])
      expect(log.failedRequests, path).toEqual([])
      await page.close()
    }
  })

  it('finds no broken link: every link from / (and from the embed pages) answers', async () => {
    const visits = await crawl([
      { path: '/', depth: 0, from: 'start' },
      ...EMBED_PAGES.map((path) => ({ path, depth: 1, from: 'embed pages' })),
    ])
    const broken = visits.filter((v) => v.status >= 400)
    const kinds = {
      itemPages: visits.filter((v) => v.url.includes('/items/')).length,
      topicPages: visits.filter((v) => /\/topics\/[^/]+$/.test(v.url)).length,
      feeds: visits.filter((v) => /\/(feed\.xml|atom\.xml|feed\.json)$/.test(v.url)).length,
      archives: visits.filter((v) => v.url.includes('/archive/')).length,
      opml: visits.filter((v) => v.url.endsWith('/opml.xml')).length,
      embedPages: visits.filter((v) => /\/embed(\/|$|\?)/.test(v.url)).length,
    }
    console.log(`crawl: ${visits.length} URLs, ${JSON.stringify(kinds)}`)
    expect(
      broken.map((v) => `${v.status} ${v.url} (linked from ${v.from})`),
      'broken links'
    ).toEqual([])
    expect(kinds.itemPages).toBeGreaterThan(0)
    expect(kinds.topicPages).toBeGreaterThanOrEqual(topics.topics.length)
    expect(kinds.feeds).toBeGreaterThanOrEqual(3 * (topics.topics.length + 1))
    expect(kinds.opml).toBe(1)
    expect(kinds.embedPages).toBeGreaterThan(topics.topics.length)
  })

  it('reads on a 320 px screen without sideways scrolling', async () => {
    for (const path of ['/', `/topics/${TOPIC}`, `/embed/${TOPIC}`]) {
      const { page } = await open(path, NARROW)
      const width = await page
        .locator(':root')
        .evaluate((root): number => root.scrollWidth as number)
      expect(width, path).toBeLessThanOrEqual(NARROW.width)
      await page.close()
    }
  })

  it('takes screenshots of the home page, a topic page and a feed', async () => {
    const shots: Array<[string, string, typeof DESKTOP]> = [
      ['/', 'home-1280', DESKTOP],
      ['/', 'home-320', NARROW],
      [`/topics/${TOPIC}`, `topic-${TOPIC}-1280`, DESKTOP],
      [`/topics/${TOPIC}`, `topic-${TOPIC}-320`, NARROW],
      ['/feed.xml', 'feed-xml-1280', DESKTOP],
    ]
    for (const [path, name, viewport] of shots) {
      const { page, response } = await open(path, viewport)
      expect(response?.status(), path).toBe(200)
      await screenshot(page, name)
      await page.close()
    }
  })
})

describe('the home page in Chromium', () => {
  it('is one table of feeds, then the latest items: short enough to scan at 1280 and 320 px', async () => {
    const heights: Record<number, number> = {}
    for (const viewport of [DESKTOP, NARROW]) {
      const { page, log } = await open('/', viewport)
      const rows = page.locator('table.feeds tbody tr')
      expect(await rows.count()).toBe(topics.topics.length + 1)
      for (const format of ['RSS', 'Atom', 'JSON Feed'])
        expect(await rows.getByRole('link', { name: format, exact: true }).count()).toBe(
          topics.topics.length + 1
        )
      // The latest items come after the table.
      const order = await page
        .locator('table.feeds, ul.items')
        .evaluateAll((els): string[] => els.map((e) => e.localName))
      expect(order).toEqual(['table', 'ul'])
      heights[viewport.width] = await page
        .locator(':root')
        .evaluate((root): number => root.scrollHeight as number)
      expect(log.consoleErrors).toEqual([])
      expect(log.pageErrors).toEqual([])
      await page.close()
    }
    console.log(
      `home page height: ${heights[DESKTOP.width]} px at 1280, ${heights[NARROW.width]} px at 320`
    )
    expect(heights[DESKTOP.width]).toBeLessThan(HOME_MAX_HEIGHT)
  })

  it('copies a feed address to the clipboard with the button on its row', async () => {
    await chromium.context.grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: ORIGIN,
    })
    const { page, log } = await open('/')
    const row = page.locator('table.feeds tbody tr').filter({ hasText: 'Drug trafficking' })
    const button = row.getByRole('button', { name: 'Copy the RSS address of Drug trafficking' })
    expect(await button.isVisible()).toBe(true)
    await button.click()
    await page.getByText('Copied', { exact: true }).waitFor()
    const copied = await page.evaluate<string>('navigator.clipboard.readText()')
    expect(copied).toBe(`${ORIGIN}/topics/${TOPIC}/feed.xml`)
    expect(await page.locator('#copy-status').textContent()).toBe(`Copied ${copied}`)
    expect(log.consoleErrors).toEqual([])
    expect(log.pageErrors).toEqual([])
    await page.close()
  })

  it('hides the copy buttons without JavaScript and keeps the feed links', async () => {
    const browser = await launchChromium({ javaScriptEnabled: false })
    try {
      const page = await browser.context.newPage()
      await page.goto(new URL('/', ORIGIN).href, { waitUntil: 'load' })
      expect(await page.locator('button.copy').count()).toBe(topics.topics.length + 1)
      expect(await page.locator('button.copy:visible').count()).toBe(0)
      expect(await page.getByRole('link', { name: 'RSS', exact: true }).first().isVisible()).toBe(
        true
      )
      await page.close()
    } finally {
      await browser.close()
    }
  })
})
