/**
 * What every handler needs from a request: the KV binding, where links point (the configured
 * base URL, else the request's origin), and the served build, built on first use.
 */
import type { Context } from 'hono'
import { rebuild } from '../build'
import { site } from '../content'
import type { Env } from '../env'
import type { Place } from '../feeds'
import type { Manifest } from '../store/builds'
import { listRaw } from '../store/raw'
import { httpError } from './errors'
import { currentManifest, forgetCurrent } from './state'

export type AppEnv = { Bindings: Env }
export type AppContext = Context<AppEnv>

/** Base URL without a trailing slash, and the hub. */
export function placeOf(c: AppContext): Place {
  const base = c.env.BASE_URL || new URL(c.req.url).origin
  return { baseUrl: base.replace(/\/+$/, ''), hubUrl: c.env.WEBSUB_HUB || null }
}

/** Rebuilds, then drops this isolate's cached pointer so it serves the new build at once. */
export async function rebuildFrom(kv: KVNamespace, place: Place) {
  try {
    return await rebuild({ kv, place, now: () => new Date(), fetch })
  } finally {
    forgetCurrent()
  }
}

export const POLICY = { ttlSeconds: site.feeds.ttlMinutes * 60 }

/**
 * The served build. Before the first build, a corpus in KV is built now (a fresh deployment
 * serves at once); an empty corpus answers 503 with Retry-After.
 */
export async function requireBuild(c: AppContext): Promise<Manifest> {
  const manifest = await currentManifest(c.env.CORPUS)
  if (manifest) return manifest
  if ((await listRaw(c.env.CORPUS)).length > 0) {
    await rebuildFrom(c.env.CORPUS, placeOf(c))
    const built = await currentManifest(c.env.CORPUS)
    if (built) return built
  }
  throw httpError(
    503,
    'no build yet: add pages with POST /admin/documents, then POST /admin/rebuild',
    {},
    { 'retry-after': '60' }
  )
}
