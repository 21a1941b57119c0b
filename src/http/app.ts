/** The worker's HTTP surface: feeds, pages, the admin API, and one error mapping. */
import { Hono } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { adminRoutes } from './admin'
import { assetRoutes } from './assets'
import type { AppEnv } from './context'
import { embedRoutes } from './embed'
import { httpError } from './errors'
import { feedRoutes } from './feeds'
import { pageRoutes } from './pages'

export function createApp() {
  const app = new Hono<AppEnv>()
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
