import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import {
  type Chromium,
  DESKTOP,
  launchChromium,
  NARROW,
  type PageLog,
  screenshot,
  watchPage,
} from './chromium'

const ORIGIN = inject('workerOrigin')
/**
 * Each feed, the selectors of its entries' titles, dates and addresses (type selectors match
 * any namespace in an XML document), and a name for its screenshots.
 */
const FEEDS = [
  {
    path: '/feed.xml',
    title: 'item > title',
    date: 'item > pubDate',
    address: 'item > link',
    name: 'feed-view-rss',
  },
  {
    path: '/atom.xml',
    title: 'entry > title',
    date: 'entry > published',
    address: 'entry > link[rel="alternate"]',
    name: 'feed-view-atom',
  },
] as const
/** What Chromium prints about XSLT on its way out (issue 4), or any other deprecation. */
const DEPRECATION_RE = /xslt|deprecat/i
/**
 * Readers whose language and zone show: at noon in Moscow (09:00 UTC, how the feeds date a day)
 * it is already evening in Tokyo and still the day before in Honolulu.
 */
const READERS = [
  { locale: 'de-DE', timezoneId: 'Pacific/Honolulu' },
  { locale: 'ru-RU', timezoneId: 'Asia/Tokyo' },
  { locale: 'en-US', timezoneId: 'America/New_York' },
] as const

let chromium: Chromium
let items: Array<{ title: string; url: string; date_published?: string }>
let firstTitle: string

beforeAll(async () => {
  chromium = await launchChromium()
  const feed = (await (await fetch(`${ORIGIN}/feed.json`)).json()) as { items: typeof items }
  items = feed.items
  firstTitle = feed.items[0]?.title ?? ''
})

afterAll(async () => {
  await chromium?.close()
})

/**
 * The text a reader sees: the text of the elements that are rendered (they have boxes), and what
 * style sheets add with `::before` and `::after` (a hint written in CSS is in no element's text).
 */
async function renderedText(page: Page): Promise<string> {
  return page.locator(':root').evaluate((root): string => {
    const view = root.ownerDocument.defaultView
    const TEXT_NODE = 3
    const parts: string[] = []
    for (const el of [root, ...root.querySelectorAll('*')]) {
      if (el.getClientRects().length === 0) continue
      for (const pseudo of ['::before', '::after']) {
        const content = view.getComputedStyle(el, pseudo).getPropertyValue('content')
        if (content && content !== 'none' && content !== 'normal') parts.push(content)
      }
      for (const node of el.childNodes) if (node.nodeType === TEXT_NODE) parts.push(node.data)
    }
    return parts.join(' ')
  })
}

async function openFeed(
  path: string,
  viewport = DESKTOP,
  browser = chromium
): Promise<{ page: Page; log: PageLog }> {
  const page = await browser.context.newPage()
  await page.setViewportSize(viewport)
  const log = watchPage(page)
  const response = await page.goto(`${ORIGIN}${path}`, { waitUntil: 'load' })
  expect(response?.status(), path).toBe(200)
  return { page, log }
}

describe('a feed opened in Chromium', () => {
  it.each(FEEDS)('shows $path as a page of its items, with a subscribe hint', async (feed) => {
    const { page, log } = await openFeed(feed.path)
    const title = page.locator(feed.title).first()
    expect(await title.textContent()).toBe(firstTitle)
    expect(await title.isVisible(), 'the first item title is shown').toBe(true)
    expect(await renderedText(page)).toMatch(/subscribe/i)
    expect(log.pageErrors).toEqual([])
    expect(log.console.filter((line) => DEPRECATION_RE.test(line))).toEqual([])
    await screenshot(page, `${feed.name}-1280`)
    await page.close()
  })

  it.each(FEEDS)('reads $path on a 320 px screen, with no deprecation warning', async (feed) => {
    const { page, log } = await openFeed(feed.path, NARROW)
    expect(await page.locator(feed.title).first().isVisible()).toBe(true)
    expect(log.console.filter((line) => DEPRECATION_RE.test(line))).toEqual([])
    await screenshot(page, `${feed.name}-320`)
    await page.close()
  })
})

describe('the feed view script', () => {
  it.each(FEEDS)(
    'makes each item title of $path a link, and a click opens its page',
    async (feed) => {
      const { page, log } = await openFeed(feed.path)
      const links = page.locator(`${feed.title} > a`)
      await links.first().waitFor()
      expect(await links.count()).toBe(items.length)
      expect(
        await links.evaluateAll((as): string[] => as.map((a) => a.getAttribute('href') ?? ''))
      ).toEqual(items.map((i) => i.url))
      expect(await links.first().textContent()).toBe(firstTitle)
      // The address lines give way to the links.
      expect(await page.locator(feed.address).first().isVisible()).toBe(false)
      await Promise.all([page.waitForURL(items[0]?.url ?? ''), links.first().click()])
      expect(await page.locator('h1').textContent()).toBe(firstTitle)
      expect(log.pageErrors).toEqual([])
      expect(log.consoleErrors).toEqual([])
      expect(log.failedRequests).toEqual([])
      expect(log.console.filter((line) => DEPRECATION_RE.test(line))).toEqual([])
      await page.close()
    }
  )

  it.each(READERS)('writes the dates for a reader in $locale at $timezoneId', async (reader) => {
    const browser = await launchChromium(reader)
    try {
      const format = new Intl.DateTimeFormat(reader.locale, {
        dateStyle: 'long',
        timeZone: reader.timezoneId,
      })
      const dated = items.filter((i) => i.date_published)
      expect(dated.length).toBeGreaterThan(0)
      for (const feed of FEEDS) {
        const { page, log } = await openFeed(feed.path, DESKTOP, browser)
        const times = page.locator(`${feed.date} > time`)
        await times.first().waitFor()
        const shown = await times.evaluateAll(
          (ts): Array<[string, string]> =>
            ts.map((t) => [t.getAttribute('datetime') ?? '', t.textContent ?? ''])
        )
        expect(shown, feed.path).toEqual(
          dated.map((i) => {
            const when = new Date(i.date_published ?? '')
            return [when.toISOString(), format.format(when)]
          })
        )
        expect(log.pageErrors).toEqual([])
        expect(log.consoleErrors).toEqual([])
        await screenshot(page, `${feed.name}-${reader.locale}`)
        await page.close()
      }
    } finally {
      await browser.close()
    }
  })

  it('leaves a readable page without JavaScript: titles, dates as written, item addresses', async () => {
    const browser = await launchChromium({ javaScriptEnabled: false })
    try {
      for (const feed of FEEDS) {
        const { page, log } = await openFeed(feed.path, NARROW, browser)
        expect(await page.locator(`${feed.title} > a`).count()).toBe(0)
        expect(await page.locator(feed.title).first().isVisible()).toBe(true)
        expect(await page.locator(feed.date).first().isVisible()).toBe(true)
        expect(await page.locator(feed.address).first().isVisible()).toBe(true)
        expect(await renderedText(page)).toContain(items[0]?.url)
        expect(log.console.filter((line) => DEPRECATION_RE.test(line))).toEqual([])
        await screenshot(page, `${feed.name}-no-js-320`)
        await page.close()
      }
    } finally {
      await browser.close()
    }
  })
})
