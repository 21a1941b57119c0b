/** Our static assets: the feed style sheet and the icon, with validators like every document. */
import { Hono } from 'hono'
import { FEED_CSS } from '../pages/styles'
import { digest } from '../pipeline/fingerprint'
import type { DocMeta } from '../store/builds'
import { serveDocument } from './conditional'
import type { AppEnv } from './context'

const ICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" fill="#2f54b8"/><circle cx="4.5" cy="11.5" r="1.6" fill="#fff"/><path d="M3 7a6 6 0 0 1 6 6M3 3.5a9.5 9.5 0 0 1 9.5 9.5" stroke="#fff" stroke-width="1.6" fill="none"/></svg>`

/** A fixed body as a document: strong ETag from its bytes, cached for a day. */
function asset(body: string, contentType: string): { meta: DocMeta; body: string } {
  const meta: DocMeta = {
    blob: '',
    etag: `"${digest(body)}"`,
    lastModified: new Date(0).toUTCString(),
    contentType,
    bytes: new TextEncoder().encode(body).byteLength,
    cache: 'archive',
  }
  return { meta, body }
}

const ASSETS: Record<string, { meta: DocMeta; body: string }> = {
  '/feed.css': asset(FEED_CSS, 'text/css; charset=utf-8'),
  '/favicon.svg': asset(ICON, 'image/svg+xml'),
  '/favicon.ico': asset(ICON, 'image/svg+xml'),
}

export const assetRoutes = new Hono<AppEnv>()
for (const [path, { meta, body }] of Object.entries(ASSETS)) {
  assetRoutes.get(path, (c) =>
    serveDocument(c.req.raw, meta, { ttlSeconds: 86400 }, async () => body)
  )
}
