/**
 * Feed routes: `/feed.xml`, `/atom.xml`, `/feed.json`, the same under `/topics/<slug>/`, their
 * archives under `…/archive/<YYYY>/`, `<YYYY-Qn>/` or `<YYYY-MM>/` (feeds/archives.ts), and
 * `/opml.xml`. Prebuilt bytes are served as they are; only filtered variants (`q`, `lang`,
 * another `limit`) are rendered on request.
 */
import { Hono } from 'hono'
import { builderOf } from '../build/object'
import { documentAt, loadGzip, loadText } from '../build/served'
import { site, topics } from '../content'
import { FORMATS, type Format, feedPath, renderFiltered } from '../feeds'
import type { Lang } from '../model'
import type { DocMeta, Manifest } from '../store/builds'
import { bodyMeta, serveDocument } from './conditional'
import { type AppContext, type AppEnv, requireBuild, topicOf } from './context'
import { httpError } from './errors'

/**
 * `/feed.xml`, `/topics/ai/atom.xml`, `/archive/2024-06/feed.json`, `/topics/ai/archive/2024/atom.xml`,
 * `/topics/ai/archive/undated/feed.xml`, `/opml.xml`.
 */
const FEED_PATH =
  /^(?:\/topics\/([^/]+))?(?:\/archive\/([^/]+))?\/(feed\.xml|atom\.xml|feed\.json)$|^\/(opml\.xml)$/
const LANGS: readonly Lang[] = ['en', 'ru']
const Q_MAX = 200
const ALLOWED = 'GET, HEAD, OPTIONS'

type FeedQuery = { q: string | null; lang: Lang | null; limit: number }

const formatOfFile = (file: string): Format =>
  (Object.keys(FORMATS) as Format[]).find((f) => FORMATS[f].file === file) ?? 'rss'

/** Reads `limit`, `q` and `lang`; a bad value is a 400 that says what is allowed. */
export function parseFeedQuery(url: URL): FeedQuery {
  const { limit: defaultLimit, maxLimit } = site.feeds
  const limitRaw = url.searchParams.get('limit')
  const q = url.searchParams.get('q')
  const lang = url.searchParams.get('lang')
  if (limitRaw !== null && !/^\d{1,9}$/.test(limitRaw.trim())) {
    throw httpError(
      400,
      `limit must be a whole number from 1 to ${maxLimit} (larger values are clamped); got "${limitRaw}"`
    )
  }
  const limit = limitRaw === null ? defaultLimit : Number(limitRaw)
  if (limit < 1)
    throw httpError(400, `limit must be a whole number from 1 to ${maxLimit}; got ${limit}`)
  if (q !== null && (q.trim() === '' || q.length > Q_MAX))
    throw httpError(400, `q must be 1 to ${Q_MAX} characters`)
  if (lang !== null && !LANGS.includes(lang as Lang))
    throw httpError(400, `lang must be one of: ${LANGS.join(', ')}; got "${lang}"`)
  return {
    q: q?.trim() ?? null,
    lang: (lang as Lang | null) ?? null,
    limit: Math.min(limit, maxLimit),
  }
}

/** WebSub discovery (W3C WebSub §4): hub and self as Link headers on subscription feeds. */
function linkHeaders(manifest: Manifest, path: string, isArchive: boolean): Record<string, string> {
  const { baseUrl, hubUrl } = manifest
  if (!hubUrl || isArchive) return {}
  return { link: `<${hubUrl}>; rel="hub", <${baseUrl}${path}>; rel="self"` }
}

const XML_TYPES = new Set([FORMATS.rss.contentType, FORMATS.atom.contentType])

/**
 * The same bytes for a person: a browser navigating to a feed asks for text/html first, and
 * Chromium shows `application/rss+xml` as plain source but renders `application/xml` with the
 * feed's CSS stylesheet. Readers keep the feed types. A representation of its own, so its own
 * ETag; `Vary: Accept` on both.
 */
function forReader<M extends Pick<DocMeta, 'contentType' | 'etag'>>(request: Request, meta: M): M {
  const accept = request.headers.get('accept') ?? ''
  if (!XML_TYPES.has(meta.contentType) || !/\btext\/html\b/.test(accept)) return meta
  return {
    ...meta,
    contentType: 'application/xml; charset=utf-8',
    etag: meta.etag.replace(/"$/, '-xml"'),
  }
}

async function serveFeed(
  c: AppContext,
  slug: string | null,
  bucket: string | null,
  file: string
): Promise<Response> {
  const method = c.req.raw.method
  if (method === 'OPTIONS') return preflight()
  if (method !== 'GET' && method !== 'HEAD')
    throw httpError(405, `method ${method} not allowed; use ${ALLOWED}`, {}, { allow: ALLOWED })
  const topic = slug === null ? null : topicOf(slug)
  const url = new URL(c.req.url)
  const query = parseFeedQuery(url)
  const manifest = await requireBuild(c)
  const format = formatOfFile(file)
  const spec = { topic }
  const feed = topic?.slug ?? ''
  const path = file === 'opml.xml' ? '/opml.xml' : feedPath(spec, format, bucket)
  const meta = await documentAt(c.env.CORPUS, manifest, feed, path, bucket)
  if (!meta)
    throw httpError(404, `no archive "${bucket}" for this feed`, { feed: feedPath(spec, format) })
  const extra = { ...linkHeaders(manifest, path, bucket !== null), vary: 'Accept' }
  const filtered = query.q !== null || query.lang !== null || query.limit !== site.feeds.limit
  if (filtered) {
    if (bucket !== null || file === 'opml.xml')
      throw httpError(400, 'archives and the OPML take no query parameters')
    const selected = await builderOf(c.env).select({
      feed,
      q: query.q,
      lang: query.lang,
      limit: query.limit,
    })
    const place = { baseUrl: manifest.baseUrl, hubUrl: manifest.hubUrl }
    const body = renderFiltered(
      {
        site,
        topics: topics.topics,
        place,
        firstSeen: (id) => selected.firstSeen[id] ?? null,
      },
      selected.items,
      { spec, format, selfPath: `${url.pathname}${url.search}` }
    )
    const made = forReader(c.req.raw, await bodyMeta(body, meta))
    return serveDocument(c.req.raw, made, async () => body, extra)
  }
  return serveDocument(
    c.req.raw,
    forReader(c.req.raw, meta),
    () => loadText(c.env.CORPUS, meta),
    extra,
    c.env.SEND_GZIP === 'off' ? undefined : () => loadGzip(c.env.CORPUS, meta)
  )
}

function preflight(): Response {
  return new Response(null, {
    status: 204,
    headers: {
      'access-control-allow-origin': '*',
      'access-control-allow-methods': ALLOWED,
      'access-control-allow-headers': 'If-None-Match, If-Modified-Since',
      'access-control-max-age': '86400',
    },
  })
}

export const feedRoutes = new Hono<AppEnv>().all('*', async (c, next) => {
  const m = FEED_PATH.exec(c.req.path)
  if (!m) return next()
  const [, slug, bucket, file, opml] = m
  return serveFeed(c, slug ?? null, bucket ?? null, opml ?? file ?? '')
})
