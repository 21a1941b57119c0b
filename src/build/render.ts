/**
 * The render step of an incremental build: settles each touched feed (its window and which
 * archives that moves), renders the touched documents from the store, and keeps every document
 * whose bytes did not change exactly as it was (blob, ETag, Last-Modified).
 */
import {
  type EntryStore,
  type FeedSpec,
  FORMATS,
  type Format,
  feedPath,
  type RenderContext,
  type RenderedDoc,
  renderFeedDocument,
} from '../feeds'
import { monthsOf, periodFor } from '../feeds/archives'
import type { Item, ListedItem } from '../model'
import { writeBlob } from '../store/builds'
import { type DerivedStore, type StoredDoc, SUBSCRIPTION } from '../store/derived'
import { gzip } from '../store/gzip'
import { sha256Hex } from '../store/kv'
import { type Packed, pack, prepare } from './compress'
import { both } from './parallel'
import { type FeedWindow, neighbours, settle } from './plan'

/** A feed's state between builds: its window and archive buckets, and its last blobs. */
export type FeedState = FeedWindow & { shards?: Record<string, string>; latest?: string }

export type RenderDeps = {
  kv: KVNamespace
  store: DerivedStore
  /** Window items, read once per step (`readOnce`). */
  windowItems: (ids: readonly string[]) => Map<string, Item>
  /** A feed's settled state as its archives read it, once per step (`readOnce`). */
  settled: (feed: string) => FeedState | null
  context: RenderContext
  /** The build in progress: its number (garbage) and start (Last-Modified of new bytes). */
  build: { number: number; lastModified: string }
  /** Told of every document rendered, of every one whose bytes changed, and of every blob written. */
  rendered: (documents: number) => void
  changed: (doc: { path: string; feed: string; bucket: string; subscription: boolean }) => void
  written: () => void
}

/**
 * Window items, feed states and kept entries, each read once in a render step: the windows of
 * the main feed and of an item's topics overlap, a document's formats share its items, a step's
 * archives are mostly of one feed, and nothing changes items or the states archives read while
 * documents are rendered (entries written meanwhile are kept here too). Bounded by the
 * subscription documents one step renders (archives read their own items and entries).
 */
export function readOnce(store: DerivedStore): {
  windowItems: RenderDeps['windowItems']
  settled: RenderDeps['settled']
  entries: EntryStore
} {
  const items = readThrough<Item>((ids) => store.items(ids))
  const states = new Map<string, FeedState | null>()
  return {
    windowItems: items.get,
    settled(feed) {
      if (!states.has(feed)) states.set(feed, store.feedState<FeedState>(feed))
      return states.get(feed) ?? null
    },
    entries: keptEntries(store),
  }
}

/** Kept entries, read once each for every format, and those written since. */
function keptEntries(store: DerivedStore): EntryStore {
  const kept = readThrough((ids) => store.entries(ids))
  return {
    entries: (ids, format) =>
      new Map(
        [...kept.get(ids)].flatMap(([id, formats]) => {
          const entry = formats.get(format)
          return entry ? [[id, entry]] : []
        })
      ),
    putEntries(format, written) {
      for (const { id, ...entry } of written) {
        const formats = kept.get([id]).get(id) ?? new Map()
        formats.set(format, entry)
        kept.set(id, formats)
      }
      store.putEntries(format, written)
    },
  }
}

/** Values by id, each read at most once through `read` (in bulk, for the ids not asked yet). */
function readThrough<V>(read: (ids: readonly string[]) => Map<string, V>) {
  const known = new Map<string, V | null>()
  return {
    get(ids: readonly string[]): Map<string, V> {
      const missing = ids.filter((id) => !known.has(id))
      if (missing.length > 0) {
        const found = read(missing)
        for (const id of missing) known.set(id, found.get(id) ?? null)
      }
      return new Map(
        ids.flatMap((id) => {
          const value = known.get(id)
          return value === null || value === undefined ? [] : [[id, value]]
        })
      )
    },
    set(id: string, value: V): void {
      known.set(id, value)
    },
  }
}

/** The feed of a key: '' is every item, else a configured topic; null for a topic no longer configured. */
export function specOf(context: RenderContext, feed: string): FeedSpec | null {
  if (feed === '') return { topic: null }
  const topic = context.topics.find((t) => t.slug === feed)
  return topic ? { topic } : null
}

const FORMAT_LIST = Object.keys(FORMATS) as Format[]

/**
 * The rows a document writes once its blob is stored. A render step runs those of all its
 * documents as one transaction after their blobs are written side by side: inside workerd the
 * first write after waiting for KV costs milliseconds, once a transaction, not once a document.
 */
export type Writes = () => void

const NO_WRITES: Writes = () => {}

/**
 * Stores the documents of one feed and bucket (its formats) as one blob, and then (its writes)
 * a row for each; nothing when no byte changed. A document whose bytes are the same keeps its ETag and
 * Last-Modified even when a sibling format changed. `hot` documents, those a new item renders
 * again (a feed's window, its newest archive), are compressed as runs and keep them (compress.ts).
 */
export async function storeDocs(
  deps: RenderDeps,
  feed: string,
  bucket: string,
  docs: readonly RenderedDoc[],
  hot = false
): Promise<Writes> {
  deps.rendered(docs.length)
  // Hashed before anything is encoded: an unchanged document costs no compression.
  const prepared = docs.map(prepare)
  const etags = prepared.map((p) => etagOf(p.hash))
  const before = deps.store.docsAt(docs.map((d) => d.path))
  if (docs.every((_, i) => before[i]?.etag === etags[i])) return NO_WRITES
  const packed = prepared.map((p) =>
    pack(p, hot && p.spans.length > 0 ? deps.store.runs(p.doc.path) : null)
  )
  // Named by the bytes stored: the same text may be stored whole or as runs.
  const members = packed.map((p) => p.gzip)
  const blob = sha256Hex(members)
  const places = await writeBlob(deps.kv, blob, members)
  deps.written()
  const stored = docs.map((doc, i): StoredDoc => {
    const etag = etags[i] as string
    const old = before[i]
    const place = places[i] as { offset: number; length: number }
    return {
      path: doc.path,
      feed,
      bucket,
      blob,
      ...place,
      etag,
      lastModified: old?.etag === etag ? old.lastModified : deps.build.lastModified,
      contentType: doc.contentType,
      bytes: (packed[i] as Packed).bytes,
      stored: place.length,
      cache: doc.cache,
    }
  })
  const changed = docs.flatMap((doc, i) =>
    before[i]?.etag === stored[i]?.etag
      ? []
      : [{ path: doc.path, feed, bucket, subscription: doc.subscription }]
  )
  // The runs a document keeps now; one rendered before and stored whole keeps none.
  const runs = docs.flatMap((doc, i) => {
    const kept = packed[i]?.runs
    return kept ? [{ path: doc.path, ...kept }] : []
  })
  const whole = docs.filter((_, i) => !packed[i]?.runs && before[i]).map((doc) => doc.path)
  // The writes hold the rows and new runs (compressed), not the documents: a step keeps them
  // until its last blob is stored.
  return () => {
    deps.store.putDocs(stored, before, deps.build.number)
    for (const r of runs) deps.store.keepRuns(r.path, r.keys, r.fresh)
    deps.store.dropRuns(whole)
    for (const doc of changed) deps.changed(doc)
  }
}

/** A strong ETag from a document's hash. */
const etagOf = (hash: string) => `"${hash.slice(0, 32)}"`

function removeDocs(deps: RenderDeps, spec: FeedSpec, feed: string, bucket: string): void {
  for (const format of FORMAT_LIST) {
    const path = feedPath(spec, format, bucket)
    if (deps.store.deleteDoc(path, deps.build.number))
      deps.changed({ path, feed, bucket, subscription: false })
  }
}

/** Every document of a feed no longer configured goes. */
export function removeFeed(deps: RenderDeps, feed: string): void {
  for (const doc of deps.store.docs(feed)) {
    deps.store.deleteDoc(doc.path, deps.build.number)
    deps.changed({ path: doc.path, feed, bucket: doc.bucket, subscription: doc.bucket === '' })
  }
  // Its listings and latest items go with it.
  const state = deps.store.feedState<FeedState>(feed)
  for (const blob of [...Object.values(state?.shards ?? {}), state?.latest ?? []].flat())
    deps.store.discard(blob, deps.build.number)
  deps.store.setFeedState(feed, { window: [], buckets: [] })
}

function inOrder(ids: readonly string[], items: ReadonlyMap<string, Item>): Item[] {
  return ids.flatMap((id) => items.get(id) ?? [])
}

/**
 * Settles a feed whose items changed: its new window (rendered now), and the archives to render
 * (marked dirty) or remove.
 */
export async function settleFeed(deps: RenderDeps, feed: string): Promise<Writes> {
  const { store, context } = deps
  const spec = specOf(context, feed)
  if (!spec)
    return () => {
      removeFeed(deps, feed)
      store.clean(feed, SUBSCRIPTION)
    }
  const before = store.feedState<FeedState>(feed)
  const { limit, maxBytes } = context.site.feeds
  const counts = store.bucketCounts(feed)
  const plan = settle(
    before,
    store.head(feed, limit),
    counts,
    { limit, maxBytes },
    store.dirtyBuckets(feed),
    periodFor(counts, before?.period)
  )
  const ids = plan.after.window.map(([id]) => id)
  const items = inOrder(ids, deps.windowItems(ids))
  const rendered = renderFeedDocument(context, spec, null, items, {
    prev: plan.after.buckets[0] ?? null,
    next: null,
  })
  // Rendered first, so that nothing can fail between the two writes starting: the latest items
  // and the documents are then written side by side, one KV round trip, not two.
  const [latest, docs] = await both(
    storeJson(deps, `latest ${feed}`, items.map(listed), before?.latest),
    storeDocs(deps, feed, SUBSCRIPTION, rendered, true)
  )
  return () => {
    latest.writes()
    docs()
    // The months marked by item changes are settled into archives: those are what stays marked.
    store.cleanArchives(feed)
    store.markDirty(plan.render.map((bucket) => ({ feed, bucket })))
    for (const bucket of plan.remove) {
      removeDocs(deps, spec, feed, bucket)
      store.clean(feed, bucket)
    }
    store.setFeedState(feed, { ...before, ...plan.after, latest: latest.hash })
    store.clean(feed, SUBSCRIPTION)
  }
}

/** What the pages list of an item. */
const listed = (item: Item): ListedItem => ({
  id: item.id,
  title: item.title,
  summary: item.summary,
  published: item.published,
  eventDate: item.eventDate,
})

/**
 * A JSON value as a blob, written when new; then (its writes) the one it replaces becomes
 * garbage. It is named by its owner (a feed's latest items, a feed's listing of a year) and its
 * bytes: two feeds whose windows hold the same items have a blob each, so one moving on never
 * discards the other's.
 */
export async function storeJson(
  deps: RenderDeps,
  owner: string,
  value: unknown,
  before: string | undefined
): Promise<{ hash: string; writes: Writes }> {
  const body = JSON.stringify(value)
  const hash = sha256Hex(`${owner}\n${body}`)
  if (hash === before) return { hash, writes: NO_WRITES }
  await writeBlob(deps.kv, hash, [gzip(body)])
  deps.written()
  return {
    hash,
    writes: () => {
      deps.store.keepBlob(hash)
      if (before) deps.store.discard(before, deps.build.number)
    },
  }
}

/** Renders one archive document of a settled feed (in every format), or removes it when gone. */
export async function renderArchive(
  deps: RenderDeps,
  feed: string,
  bucket: string
): Promise<Writes> {
  const { store, context } = deps
  const spec = specOf(context, feed)
  const state = deps.settled(feed)
  if (!spec || !state?.buckets.includes(bucket))
    return () => {
      if (spec) removeDocs(deps, spec, feed, bucket)
      store.clean(feed, bucket)
    }
  const window = new Set(state.window.map(([id]) => id))
  const items = store.bucketItems(feed, monthsOf(bucket)).filter((item) => !window.has(item.id))
  // Its entries are read for it alone: a render step's archives hold hundreds of items each on a
  // dense site, and keeping all their entries for the step passed an isolate's 128 MB.
  const own = { ...context, entries: keptEntries(store) }
  // The newest archive takes the items that leave the window: every new item renders it again.
  const docs = await storeDocs(
    deps,
    feed,
    bucket,
    renderFeedDocument(own, spec, bucket, items, neighbours(state.buckets, bucket)),
    state.buckets[0] === bucket
  )
  return () => {
    docs()
    store.clean(feed, bucket)
  }
}
