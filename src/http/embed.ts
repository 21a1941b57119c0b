/**
 * Embedding on other sites: `/embed.js`, a script that renders a topic's newest items in the host
 * page (src/embed/widget.ts), and `/embed/<slug>` (`/embed` for every item), a small page made
 * for an iframe that works without JavaScript. Item text is data: the script sets it with
 * `textContent`, the page escapes every character of it.
 */
import { Hono } from 'hono'
import { latestItems } from '../build/served'
import { site, topics } from '../content'
import { embedWidget } from '../embed/widget'
import { feedDateOf } from '../feeds/select'
import { toXmlText } from '../feeds/xml'
import type { ListedItem } from '../model'
import type { TopicRule } from '../pipeline/topics'
import type { DocMeta } from '../store/builds'
import { bodyMeta, serveDocument } from './conditional'
import { type AppContext, type AppEnv, requireBuild } from './context'
import { httpError } from './errors'
import { EMBED_CSP } from './security'

/** The script: the widget function, called at once. Nothing in it is built per request. */
const EMBED_JS = `/* News list widget: <script src="https://HOST/embed.js" data-topic="SLUG" data-limit="5" async></script> */
(${embedWidget.toString()})()
`
const SCRIPT_CACHE = 'public, max-age=3600'
const PAGE_CACHE = 'public, max-age=300'
const PAGE_LIMIT = { fallback: 10, max: 50 }
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
const PAGE_CSS = `:root{color-scheme:light dark;--fg:#1b1b1f;--bg:#fff;--muted:#5b5b66;--line:rgba(128,128,128,.35);--accent:#2f54b8}
@media (prefers-color-scheme:dark){:root{--fg:#e6e6ea;--bg:#17171b;--muted:#a3a3ad;--accent:#8fb0ff}}
*{box-sizing:border-box}
body{margin:0;padding:.75rem 1rem;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg);overflow-wrap:anywhere}
a{color:var(--accent)}
h1{margin:0 0 .4rem;font-size:1.05rem;line-height:1.3}
h1 a{color:inherit;text-decoration:none}
ul{list-style:none;margin:0;padding:0}
li{padding:.45rem 0;border-top:1px solid var(--line)}
li a{font-weight:600;text-decoration:none}
a:hover{text-decoration:underline}
time{display:block;font-size:.85rem;color:var(--muted)}
p{margin:.6rem 0 0;font-size:.85rem;color:var(--muted)}`

/** The script's validators, made on first use. The script changes only with a deployment, which
 * starts new isolates: the time this isolate first served it is never earlier than the bytes
 * (at start-up a worker's clock still reads 1970, so not there). */
let scriptMeta: Promise<DocMeta> | null = null

function scriptMetaNow(): Promise<DocMeta> {
  scriptMeta ??= bodyMeta(EMBED_JS, {
    contentType: 'application/javascript; charset=utf-8',
    lastModified: new Date().toUTCString(),
    cache: 'static',
  })
  return scriptMeta
}

/** `limit` of an embed page: default 10, at most 50 (more is clamped); anything else is a 400. */
export function parseEmbedLimit(raw: string | undefined): number {
  if (raw === undefined) return PAGE_LIMIT.fallback
  const limit = /^\d{1,9}$/.test(raw.trim()) ? Number(raw) : 0
  if (limit < 1)
    throw httpError(400, `limit must be a whole number from 1 to ${PAGE_LIMIT.max}; got "${raw}"`)
  return Math.min(limit, PAGE_LIMIT.max)
}

/** `2024-06-03` as `3 June 2024`, the way the site's English pages write dates. */
function readableDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number)
  return `${d} ${MONTHS[(m ?? 1) - 1] ?? ''} ${y}`
}

function itemRow(item: ListedItem, baseUrl: string): string {
  const date = feedDateOf(item)
  const time = date ? `<time datetime="${date}">${readableDate(date)}</time>` : ''
  return `<li><a href="${toXmlText(`${baseUrl}/items/${item.id}`)}" target="_blank" rel="noopener">${toXmlText(item.title)}</a>${time}</li>`
}

/** The iframe page: the feed's title, its newest items and where to read or subscribe. */
function renderEmbedPage(
  topic: TopicRule | null,
  items: readonly ListedItem[],
  baseUrl: string
): string {
  const title = topic ? `${topic.title}: ${site.name}` : site.name
  const home = topic ? `${baseUrl}/topics/${topic.slug}` : `${baseUrl}/`
  const feed = topic ? `${baseUrl}/topics/${topic.slug}/feed.xml` : `${baseUrl}/feed.xml`
  const link = (href: string, text: string) =>
    `<a href="${toXmlText(href)}" target="_blank" rel="noopener">${toXmlText(text)}</a>`
  const list =
    items.length > 0
      ? `<ul>\n${items.map((item) => itemRow(item, baseUrl)).join('\n')}\n</ul>`
      : '<p>No news yet.</p>'
  return `<!doctype html>
<html lang="${toXmlText(site.language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${toXmlText(title)}</title>
<style>${PAGE_CSS}</style>
</head>
<body>
<h1>${link(home, title)}</h1>
${list}
<p>${link(home, `More on ${site.name}`)} · ${link(feed, 'RSS feed')}</p>
</body>
</html>
`
}

async function serveEmbedPage(c: AppContext, slug: string | null): Promise<Response> {
  const topic =
    slug === null ? null : (topics.topics.find((t) => t.slug === slug) ?? unknownTopic(slug))
  const limit = parseEmbedLimit(c.req.query('limit'))
  const manifest = await requireBuild(c)
  const items = (await latestItems(c.env.CORPUS, manifest, topic?.slug ?? '')).slice(0, limit)
  const body = renderEmbedPage(topic, items, manifest.baseUrl)
  const meta = await bodyMeta(body, {
    contentType: 'text/html; charset=utf-8',
    lastModified: new Date(manifest.createdAt).toUTCString(),
    cache: 'static',
  })
  return serveDocument(c.req.raw, meta, { ttlSeconds: 300 }, async () => body, {
    'cache-control': PAGE_CACHE,
    'content-security-policy': EMBED_CSP,
  })
}

function unknownTopic(slug: string): never {
  throw httpError(404, `unknown topic "${slug}"`, { topics: topics.topics.map((t) => t.slug) })
}

export const embedRoutes = new Hono<AppEnv>()
  .get('/embed.js', async (c) =>
    serveDocument(c.req.raw, await scriptMetaNow(), { ttlSeconds: 3600 }, async () => EMBED_JS, {
      'cache-control': SCRIPT_CACHE,
    })
  )
  .get('/embed', (c) => serveEmbedPage(c, null))
  .get('/embed/:slug', (c) => serveEmbedPage(c, c.req.param('slug')))
