/**
 * Our static assets: the feed style sheet and script, the pages' copy buttons script, and the
 * icon, with validators like every document.
 */
import { Hono } from 'hono'
import { copyButtons } from '../pages/copy-button'
import { feedView } from '../pages/feed-view'
import { FEED_CSS } from '../pages/styles'
import { fixedDocument } from './conditional'
import type { AppEnv } from './context'

const ICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" fill="#2f54b8"/><circle cx="4.5" cy="11.5" r="1.6" fill="#fff"/><path d="M3 7a6 6 0 0 1 6 6M3 3.5a9.5 9.5 0 0 1 9.5 9.5" stroke="#fff" stroke-width="1.6" fill="none"/></svg>`

/** The feed view's script: the function, called at once (src/pages/feed-view.ts). */
const FEED_VIEW_JS = `/* Makes a feed opened in a browser a page of links with local dates. */
(${feedView.toString()})()
`

/** The copy buttons' script (src/pages/copy-button.ts), called at once. */
const COPY_JS = `/* Copy buttons: <button data-copy="URL" hidden>Copy</button> */
(${copyButtons.toString()})()
`

/** Fixed bodies, cached as assets (http/cache.ts). */
const ASSETS: Record<string, { body: string; contentType: string }> = {
  '/feed.css': { body: FEED_CSS, contentType: 'text/css; charset=utf-8' },
  '/feed-view.js': { body: FEED_VIEW_JS, contentType: 'application/javascript; charset=utf-8' },
  '/copy.js': { body: COPY_JS, contentType: 'application/javascript; charset=utf-8' },
  '/favicon.svg': { body: ICON, contentType: 'image/svg+xml' },
  '/favicon.ico': { body: ICON, contentType: 'image/svg+xml' },
}

export const assetRoutes = new Hono<AppEnv>()
for (const [path, { body, contentType }] of Object.entries(ASSETS)) {
  const serve = fixedDocument(body, () => ({
    contentType,
    lastModified: new Date(0).toUTCString(),
    cache: 'asset',
  }))
  assetRoutes.get(path, (c) => serve(c.req.raw))
}
