/**
 * How long each kind of response may be kept, by a reader and by a shared cache (the edge in
 * front of the worker, edge.ts): the worker's whole cache policy, in one table. A response names
 * its kind; nothing else writes a Cache-Control. A public response is also tagged for the edge
 * (app.ts), so a flip revalidates it.
 */
import { site } from '../content'

const DAY = 86_400
/** A subscription feed is fresh for as long as its RSS `ttl` says (site.json `feeds.ttlMinutes`). */
const FEED_TTL = site.feeds.ttlMinutes * 60
/** What changes only with new items or a deployment: archives and our own assets. */
const FOR_A_DAY = `public, max-age=${DAY}, stale-while-revalidate=${7 * DAY}, stale-if-error=${7 * DAY}`

export const CACHE_CONTROL = {
  /** Subscription feeds and the OPML: polled; stale copies serve while the worker is asked. */
  feed: `public, max-age=${FEED_TTL}, stale-while-revalidate=${FEED_TTL * 4}, stale-if-error=${DAY}`,
  /** RFC 5005 archives: an archive changes only when an old item does. */
  archive: FOR_A_DAY,
  /** /feed.css, /feed-view.js, /copy.js, the icon: they change with a deployment only. */
  asset: FOR_A_DAY,
  /** /embed.js: other sites load it on every page view. */
  'embed-script': 'public, max-age=3600',
  /** /embed/<slug>: the list in another site's iframe. */
  'embed-page': 'public, max-age=300',
  /** Pages for people and /topics.json. */
  page: 'public, max-age=300, stale-while-revalidate=3600',
  /** /build.json: always asked again (a build in progress changes it from one call to the next). */
  report: 'no-cache',
  /** The admin API: never kept anywhere. */
  admin: 'no-store',
} as const

/** The kind of a response, as CACHE_CONTROL names it. */
export type CacheKind = keyof typeof CACHE_CONTROL
