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
/** Each feed, the selector of its entries' titles and a name for its screenshots. */
const FEEDS = [
  { path: '/feed.xml', title: 'item > title', name: 'feed-view-rss' },
  { path: '/atom.xml', title: 'entry > title', name: 'feed-view-atom' },
] as const
/** What Chromium prints about XSLT on its way out (issue 4), or any other deprecation. */
const DEPRECATION_RE = /xslt|deprecat/i

let chromium: Chromium
let firstTitle: string

beforeAll(async () => {
  chromium = await launchChromium()
  const feed = (await (await fetch(`${ORIGIN}/feed.json`)).json()) as {
    items: Array<{ title: string }>
  }
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

async function openFeed(path: string, viewport = DESKTOP): Promise<{ page: Page; log: PageLog }> {
  const page = await chromium.context.newPage()
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
