/**
 * The worker: HTTP through Hono, a build on the cron trigger of wrangler.toml, and the Builder
 * Durable Object that owns the derived state and runs builds.
 */
import type { Env } from './env'
import { createApp } from './http/app'
import { buildRequest, rebuildVia } from './http/context'
import { type EdgeProps, invalidateBuild } from './http/edge'

export { Builder } from './build/object'

const app = createApp()

export default {
  fetch(request: Request, env: Env, ctx: ExecutionContext) {
    // The Builder's loopback call after a flip: props no outside request can carry.
    if ((ctx.props as EdgeProps | undefined)?.edge === 'invalidate') return invalidateBuild(ctx)
    return app.fetch(request, env, ctx)
  },
  async scheduled(_controller, env, ctx) {
    // Lists KV too, for pages stored behind the worker's back (`npm run ingest -- --remote`).
    ctx.waitUntil(rebuildVia(env, buildRequest(env, null, true)))
  },
} satisfies ExportedHandler<Env>
