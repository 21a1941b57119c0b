/** The worker's HTTP surface: feeds, pages, the admin API, and one error mapping. */
import { Hono } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { adminRoutes } from './admin'
import { assetRoutes } from './assets'
import type { AppEnv } from './context'
import { BUILD_TAG } from './edge'
import { embedRoutes } from './embed'
import { httpError } from './errors'
import { feedRoutes } from './feeds'
import { pageRoutes } from './pages'

export function createApp() {
  const app = new Hono<AppEnv>()
  // What an edge cache may keep goes stale at the next flip (http/edge.ts).
  app.use('*', async (c, next) => {
    await next()
    if (c.res.headers.get('cache-control')?.includes('public'))
      c.res.headers.set('cache-tag', BUILD_TAG)
  })
  app.route('/', feedRoutes)
  app.route('/', assetRoutes)
  app.route('/', embedRoutes)
  app.route('/', pageRoutes)
  app.route('/', adminRoutes)
  refuseOtherMethods(app)
  app.notFound(() =>
    httpError(
      404,
      'not found: the feeds are /feed.xml, /atom.xml, /feed.json, /topics/<slug>/…, /opml.xml'
    ).getResponse()
  )
  app.onError((error) => {
    if (error instanceof HTTPException) return error.getResponse()
    console.error(error)
    return httpError(500, 'internal error').getResponse()
  })
  return app
}

/**
 * A known path asked with a method it does not answer gets 405 and the methods it does (RFC 9110
 * §15.5.6), read from the routes themselves. The feed routes answer their own.
 */
const METHOD_ORDER = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']

function refuseOtherMethods(app: Hono<AppEnv>): void {
  const allowed = new Map<string, Set<string>>()
  for (const { path, method } of app.routes) {
    if (method === 'ALL' || path.includes('*')) continue
    const methods = allowed.get(path) ?? new Set<string>()
    methods.add(method)
    if (method === 'GET') methods.add('HEAD')
    allowed.set(path, methods)
  }
  for (const [path, methods] of allowed) {
    const allow = METHOD_ORDER.filter((m) => methods.has(m)).join(', ')
    app.all(path, (c) => {
      throw httpError(405, `method ${c.req.method} not allowed; use ${allow}`, {}, { allow })
    })
  }
}
