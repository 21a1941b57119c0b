/**
 * What every handler needs from a request: the served build (built on first use), where its
 * links point, the topic its path names, and the site's Builder.
 */
import type { Context } from 'hono'
import type { BuildRequest } from '../build/job'
import { builderOf } from '../build/object'
import { currentManifest, forgetCurrent } from '../build/served'
import { topics } from '../content'
import type { Env } from '../env'
import { feedPath } from '../feeds'
import type { Topic } from '../site'
import type { Manifest } from '../store/builds'
import { httpError } from './errors'

export type AppEnv = { Bindings: Env }
export type AppContext = Context<AppEnv>

/**
 * What a build is asked to link to: the configured base URL, else the one the site was first
 * built with, else (the very first build) the origin of the request that asks for it.
 */
export function buildRequest(env: Env, origin: string | null, scan: boolean): BuildRequest {
  const base = env.BASE_URL?.replace(/\/+$/, '') || null
  return { baseUrl: base, origin, hubUrl: env.WEBSUB_HUB || null, scan }
}

/** Asks the Builder for a build (one invocation's worth); this isolate then serves the new one. */
export async function rebuildVia(env: Env, request: BuildRequest) {
  try {
    return await builderOf(env).rebuild(request)
  } finally {
    forgetCurrent()
  }
}

/**
 * The served build. Before the first build, a corpus in KV is built now when BASE_URL says where
 * its links point (a fresh deployment serves at once when it fits one invocation); a reader's
 * Host never decides it, so without BASE_URL the first build is an admin's (`POST
 * /admin/rebuild` pins its origin). Otherwise 503 with Retry-After.
 */
export async function requireBuild(c: AppContext): Promise<Manifest> {
  const manifest = await currentManifest(c.env.CORPUS)
  if (manifest) return manifest
  const request = buildRequest(c.env, null, true)
  if (request.baseUrl === null)
    throw httpError(
      503,
      'no build yet: set BASE_URL, or POST /admin/rebuild (a build it started goes on in the background: see /build.json)',
      {},
      { 'retry-after': '60' }
    )
  const started = await rebuildVia(c.env, request)
  const built = await currentManifest(c.env.CORPUS)
  if (built) return built
  const message =
    started.report.documents > 0
      ? `the first build is running (${started.report.pending} pages pending); see /build.json`
      : 'no build yet: add pages with POST /admin/documents, then POST /admin/rebuild'
  throw httpError(503, message, {}, { 'retry-after': '60' })
}

/**
 * The topic a path names (feeds, pages, embeds alike); an unknown slug is a 404 that lists the
 * topics there are, each with its title and feed.
 */
export function topicOf(slug: string): Topic {
  const topic = topics.topics.find((t) => t.slug === slug)
  if (topic) return topic
  throw httpError(404, `unknown topic "${slug}"`, {
    topics: topics.topics.map((t) => ({
      slug: t.slug,
      title: t.title,
      feed: feedPath({ topic: t }, 'rss'),
    })),
  })
}
