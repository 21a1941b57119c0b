import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { LOCAL_HOST } from '../../src/cli/local-worker'
import { type Chromium, launchChromium, screenshot, watchPage } from './chromium'

const ORIGIN = inject('workerOrigin')
/** A topic with more items than the widget shows, the newest of them dated. */
const TOPIC = 'terrorism'
const LIMIT = 2
const IFRAME_LIMIT = 3
/** Loud host styles on the very elements the widget uses: none of it may reach the widget. */
const HOST_CSS = `body { font-family: Georgia, serif; color: rgb(120, 0, 0); letter-spacing: 2px; text-transform: uppercase; line-height: 3; }
li { color: rgb(255, 0, 0); font-size: 30px; list-style: square; margin: 20px; padding: 10px; background: rgb(255, 255, 0); border: 5px solid rgb(0, 0, 255); }
a { color: rgb(0, 128, 0); text-decoration: line-through; font-weight: 100; }
ul, section, time, p { margin: 40px; padding: 0 30px; }`

type Variant = { css: boolean; widget: boolean; iframe: boolean }
/** The host pages, each a variant of one page. */
const VARIANTS: Record<string, Variant> = {
  '/widget': { css: true, widget: true, iframe: false },
  '/widget-plain': { css: false, widget: true, iframe: false },
  '/no-widget': { css: true, widget: false, iframe: false },
  '/iframe': { css: true, widget: false, iframe: true },
}

function hostPage({ css, widget, iframe }: Variant): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Someone else's site</title>
<link rel="icon" href="data:,">
${css ? `<style>${HOST_CSS}</style>` : ''}
</head>
<body>
<h1>Someone else's site</h1>
<ul id="host-list"><li id="host-li"><a id="host-a" href="#top">A link of the host page</a></li></ul>
${widget ? `<script src="${ORIGIN}/embed.js" data-topic="${TOPIC}" data-limit="${LIMIT}" async></script>` : ''}
${iframe ? `<iframe src="${ORIGIN}/embed/${TOPIC}?limit=${IFRAME_LIMIT}" title="News" width="360" height="420"></iframe>` : ''}
<p id="after">The host page goes on.</p>
</body>
</html>
`
}

let chromium: Chromium
let server: Server
let hostOrigin: string

beforeAll(async () => {
  server = createServer((request, response) => {
    const variant = VARIANTS[request.url ?? '']
    if (!variant) {
      response.writeHead(404).end()
      return
    }
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(hostPage(variant))
  })
  await new Promise<void>((resolve) => server.listen(0, LOCAL_HOST, resolve))
  hostOrigin = `http://${LOCAL_HOST}:${(server.address() as AddressInfo).port}`
  chromium = await launchChromium()
})

afterAll(async () => {
  await chromium?.close()
  await new Promise((resolve) => server?.close(resolve))
})

async function open(path: string) {
  const page = await chromium.context.newPage()
  const log = watchPage(page)
  await page.goto(`${hostOrigin}${path}`, { waitUntil: 'load' })
  return { page, log }
}

type Row = { title: string; href: string; target: string; rel: string; date: string }

/** The widget's items, read from its shadow root once they are there. */
async function widgetRows(page: Awaited<ReturnType<typeof open>>['page']): Promise<Row[]> {
  await page
    .locator('newsfeed-widget li')
    .nth(LIMIT - 1)
    .waitFor()
  return page.locator('newsfeed-widget').evaluate((host): Row[] =>
    [...host.shadowRoot.querySelectorAll('li')].map((li) => {
      const a = li.querySelector('a')
      return {
        title: a.textContent,
        href: a.href,
        target: a.target,
        rel: a.rel,
        date: li.querySelector('time')?.getAttribute('datetime') ?? '',
      }
    })
  )
}

/** Computed styles of elements, each as a map of every property. */
async function stylesOf(
  page: Awaited<ReturnType<typeof open>>['page'],
  selector: string,
  inShadow: boolean
): Promise<Array<Record<string, string>>> {
  const target = inShadow ? page.locator('newsfeed-widget') : page.locator(':root')
  return target.evaluate(
    (root, [sel, shadow]): Array<Record<string, string>> => {
      const scope = shadow ? root.shadowRoot : root.ownerDocument
      const view = root.ownerDocument.defaultView
      return [...scope.querySelectorAll(sel)].map((el) => {
        const style = view.getComputedStyle(el)
        const out: Record<string, string> = {}
        for (const name of style) out[name] = style.getPropertyValue(name)
        return out
      })
    },
    [selector, inShadow] as const
  )
}

describe('the embed script on another site', () => {
  it('shows the chosen number of items of the chosen topic, with no error of any kind', async () => {
    const feed = (await (
      await fetch(`${ORIGIN}/topics/${TOPIC}/feed.json?limit=${LIMIT}`)
    ).json()) as { items: Array<{ title: string; url: string; date_published?: string }> }
    expect(feed.items).toHaveLength(LIMIT)
    const all = (await (await fetch(`${ORIGIN}/topics/${TOPIC}/feed.json`)).json()) as {
      items: unknown[]
    }
    expect(all.items.length, 'the topic has more items than the widget shows').toBeGreaterThan(
      LIMIT
    )
    const { page, log } = await open('/widget')
    const rows = await widgetRows(page)
    expect(rows.map((r) => r.title)).toEqual(feed.items.map((i) => i.title))
    expect(rows.map((r) => r.href)).toEqual(feed.items.map((i) => i.url))
    for (const row of rows) {
      expect(row.target).toBe('_blank')
      expect(row.rel).toContain('noopener')
    }
    expect(rows.map((r) => r.date)).toEqual(feed.items.map((i) => i.date_published ?? ''))
    // Right where the script tag is.
    const around = await page
      .locator('newsfeed-widget')
      .evaluate((host): string[] => [
        host.previousElementSibling?.tagName ?? '',
        host.nextElementSibling?.id ?? '',
      ])
    expect(around).toEqual(['SCRIPT', 'after'])
    expect(log.consoleErrors).toEqual([])
    expect(log.pageErrors).toEqual([])
    expect(log.failedRequests).toEqual([])
    // Its one request is the JSON Feed (after the script itself).
    const toWorker = log.requests.filter((url) => url.startsWith(`${ORIGIN}/`))
    expect(toWorker.map((url) => url.slice(ORIGIN.length))).toEqual([
      '/embed.js',
      `/topics/${TOPIC}/feed.json?limit=${LIMIT}`,
    ])
    await screenshot(page, 'embed')
    await page.close()
  })

  it('keeps its styles in and the host page’s styles out', async () => {
    const styled = await open('/widget')
    const plain = await open('/widget-plain')
    const bare = await open('/no-widget')
    await widgetRows(styled.page)
    await widgetRows(plain.page)
    // The host page's loud rules on li, a, ul, body do not reach the widget...
    for (const selector of ['section', 'ul', 'li', 'li a', 'time']) {
      const inStyled = await stylesOf(styled.page, selector, true)
      if (selector !== 'time') expect(inStyled.length, selector).toBeGreaterThan(0)
      expect(inStyled, selector).toEqual(await stylesOf(plain.page, selector, true))
    }
    // ...and the widget's rules do not reach the host page's own li and a.
    for (const selector of ['#host-li', '#host-a', '#after']) {
      expect(await stylesOf(styled.page, selector, false), selector).toEqual(
        await stylesOf(bare.page, selector, false)
      )
    }
    await Promise.all([styled.page.close(), plain.page.close(), bare.page.close()])
  })

  it('follows prefers-color-scheme', async () => {
    const { page } = await open('/widget-plain')
    await widgetRows(page)
    const background = () =>
      page
        .locator('newsfeed-widget')
        .evaluate((host): string =>
          host.ownerDocument.defaultView
            .getComputedStyle(host.shadowRoot.querySelector('section'))
            .getPropertyValue('background-color')
        )
    await page.emulateMedia({ colorScheme: 'light' })
    const light = await background()
    await page.emulateMedia({ colorScheme: 'dark' })
    const dark = await background()
    expect(dark).not.toBe(light)
    await screenshot(page, 'embed-dark')
    await page.close()
  })

  it('loads /embed/<slug> in an iframe of another origin', async () => {
    const feed = (await (
      await fetch(`${ORIGIN}/topics/${TOPIC}/feed.json?limit=${IFRAME_LIMIT}`)
    ).json()) as { items: Array<{ title: string }> }
    expect(feed.items.length).toBeGreaterThan(0)
    const { page, log } = await open('/iframe')
    const frame = page.frameLocator('iframe')
    await frame
      .locator('li')
      .nth(feed.items.length - 1)
      .waitFor()
    expect(await frame.locator('li').count()).toBe(feed.items.length)
    expect(await frame.locator('li a').allTextContents()).toEqual(feed.items.map((i) => i.title))
    expect(log.consoleErrors).toEqual([])
    expect(log.pageErrors).toEqual([])
    expect(log.failedRequests).toEqual([])
    await screenshot(page, 'embed-iframe')
    await page.close()
  })
})
