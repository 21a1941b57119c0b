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
