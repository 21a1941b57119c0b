/**
 * The worker: HTTP through Hono, and a rebuild on the cron trigger of wrangler.toml.
 */
import type { Env } from './env'
import { createApp } from './http/app'
import { rebuildFrom } from './http/context'
import { currentManifest } from './http/state'

const app = createApp()

export default {
  fetch: app.fetch,
  async scheduled(_controller, env, ctx) {
    // Links keep the base URL of the served build unless one is configured.
    const served = await currentManifest(env.CORPUS)
    const baseUrl = (env.BASE_URL || served?.baseUrl || 'http://127.0.0.1:8787').replace(/\/+$/, '')
    ctx.waitUntil(rebuildFrom(env.CORPUS, { baseUrl, hubUrl: env.WEBSUB_HUB || null }))
  },
} satisfies ExportedHandler<Env>
