/**
 * Embedding on other sites: `/embed.js`, a script that renders a topic's newest items in the host
 * page (src/embed/widget.ts), and `/embed/<slug>` (`/embed` for every item), a small page made
 * for an iframe that works without JavaScript. Item text is data: the script sets it with
 * `textContent`, the page escapes every character of it.
 */
import { Hono } from 'hono'
import { latestItems } from '../build/served'
import { site } from '../content'
import { embedWidget } from '../embed/widget'
import { feedPath, feedTitle, pagePath } from '../feeds'
import { renderEmbedPage } from '../pages/embed'
import { bodyMeta, fixedDocument, serveDocument } from './conditional'
import { type AppContext, type AppEnv, requireBuild, topicOf } from './context'
import { httpError } from './errors'
import { EMBED_CSP } from './security'

/** The script: the widget function, called at once. Nothing in it is built per request. */
const EMBED_JS = `/* News list widget: <script src="https://HOST/embed.js" data-topic="SLUG" data-limit="5" async></script> */
(${embedWidget.toString()})()
`
const PAGE_LIMIT = { fallback: 10, max: 50 }

/** The script, served with the time this isolate first served it as its Last-Modified: the
 * script changes only with a deployment, which starts new isolates, so that time is never
 * earlier than the bytes. */
const serveScript = fixedDocument(EMBED_JS, () => ({
  contentType: 'application/javascript; charset=utf-8',
  lastModified: new Date().toUTCString(),
  cache: 'embed-script',
}))

/** `limit` of an embed page: default 10, at most 50 (more is clamped); anything else is a 400. */
export function parseEmbedLimit(raw: string | undefined): number {
  if (raw === undefined) return PAGE_LIMIT.fallback
  const limit = /^\d{1,9}$/.test(raw.trim()) ? Number(raw) : 0
  if (limit < 1)
    throw httpError(400, `limit must be a whole number from 1 to ${PAGE_LIMIT.max}; got "${raw}"`)
  return Math.min(limit, PAGE_LIMIT.max)
}

async function serveEmbedPage(c: AppContext, slug: string | null): Promise<Response> {
  const topic = slug === null ? null : topicOf(slug)
  const limit = parseEmbedLimit(c.req.query('limit'))
  const manifest = await requireBuild(c)
  const { baseUrl } = manifest
  const items = (await latestItems(c.env.CORPUS, manifest, topic?.slug ?? '')).slice(0, limit)
  const body = renderEmbedPage({
    site,
    title: feedTitle(site, topic),
    page: `${baseUrl}${pagePath(topic)}`,
    rss: `${baseUrl}${feedPath({ topic }, 'rss')}`,
    description: topic?.description ?? site.description,
    baseUrl,
    items,
  })
  const meta = await bodyMeta(body, {
    contentType: 'text/html; charset=utf-8',
    lastModified: new Date(manifest.createdAt).toUTCString(),
    cache: 'embed-page',
  })
  return serveDocument(c.req.raw, meta, async () => body, {
    'content-security-policy': EMBED_CSP,
  })
}

export const embedRoutes = new Hono<AppEnv>()
  .get('/embed.js', (c) => serveScript(c.req.raw))
  .get('/embed', (c) => serveEmbedPage(c, null))
  .get('/embed/:slug', (c) => serveEmbedPage(c, c.req.param('slug')))
