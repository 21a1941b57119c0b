/**
 * Debian's Chromium through playwright-core (no browser is ever downloaded): a fresh profile per
 * launch, what a page logs and requests, and screenshots under `test-results/screenshots/`.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type BrowserContext, chromium, type Page } from 'playwright-core'

export const CHROMIUM_PATH = '/usr/bin/chromium'
/** Headless, and nothing that talks to Google or anyone else while the tests run. */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]
export const SCREENSHOT_DIR = fileURLToPath(
  new URL('../../test-results/screenshots/', import.meta.url)
)
export const DESKTOP = { width: 1280, height: 900 }
export const NARROW = { width: 320, height: 800 }

export type Chromium = { context: BrowserContext; close(): Promise<void> }

/** A reader's settings: language, time zone, JavaScript on or off (default: the machine's, on). */
export type ReaderOptions = { locale?: string; timezoneId?: string; javaScriptEnabled?: boolean }

/** Chromium with a new, empty profile directory, removed again by `close()`. */
export async function launchChromium(reader: ReaderOptions = {}): Promise<Chromium> {
  const profile = mkdtempSync(join(tmpdir(), 'chromium-profile-'))
  try {
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: DESKTOP,
      ...reader,
    })
    return {
      context,
      async close() {
        try {
          await context.close()
        } finally {
          rmSync(profile, { recursive: true, force: true })
        }
      },
    }
  } catch (error) {
    rmSync(profile, { recursive: true, force: true })
    throw error
  }
}

export type PageLog = {
  /** Every console message, any type, as `type: text`. */
  console: string[]
  /** Console messages of type error. */
  consoleErrors: string[]
  /** Uncaught exceptions (`pageerror`). */
  pageErrors: string[]
  /** Requests that failed (blocked by CORS or CSP, refused, aborted), as `url: reason`. */
  failedRequests: string[]
  /** Every URL the page requested, in order. */
  requests: string[]
}

/** Starts recording what the page logs and requests. */
export function watchPage(page: Page): PageLog {
  const log: PageLog = {
    console: [],
    consoleErrors: [],
    pageErrors: [],
    failedRequests: [],
    requests: [],
  }
  page.on('console', (message) => {
    log.console.push(`${message.type()}: ${message.text()}`)
    if (message.type() === 'error') log.consoleErrors.push(message.text())
  })
  page.on('pageerror', (error) => log.pageErrors.push(String(error)))
  page.on('requestfailed', (request) =>
    log.failedRequests.push(`${request.url()}: ${request.failure()?.errorText ?? 'failed'}`)
  )
  page.on('request', (request) => log.requests.push(request.url()))
  return log
}

/** Screenshots stop growing here (px), however long the page. */
const MAX_SHOT_HEIGHT = 12_000

/** A full-page screenshot as `test-results/screenshots/<name>.png`; prints and returns the path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true })
  const path = join(SCREENSHOT_DIR, `${name}.png`)
  const doc = await page.locator(':root').evaluate((root): { html: boolean; height: number } => ({
    html: root.ownerDocument.contentType === 'text/html',
    height: root.scrollHeight,
  }))
  const viewport = page.viewportSize()
  if (doc.html || !viewport) {
    await page.screenshot({ path, fullPage: true })
  } else {
    // `fullPage` never finishes on an XML document (playwright-core 1.65, Chromium 156): the
    // viewport grows to the document instead.
    const height = Math.min(Math.max(doc.height, viewport.height), MAX_SHOT_HEIGHT)
    await page.setViewportSize({ width: viewport.width, height })
    await page.screenshot({ path })
    await page.setViewportSize(viewport)
  }
  console.log(`screenshot: ${path}`)
  return path
}
