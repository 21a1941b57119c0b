/**
 * The steps of a build, in order (job.ts runs them): each does one chunk of its work and says
 * whether its phase is finished. What a step writes to SQLite is one transaction; what it writes
 * to KV is content-addressed or written before the rows that name it, so a step cut off midway
 * is simply run again.
 */
import { renderOpmlDoc } from '../feeds'
import { shardOf } from '../feeds/archives'
import { extractCopies, topicsOf } from '../pipeline'
import { type BoilerplateMatcher, compileBoilerplate } from '../pipeline/boilerplate'
import { edgeLineKeys } from '../pipeline/navigation'
import { compileTopics } from '../pipeline/topics'
import { type DocMeta, deleteBlob, deleteBuild, type Manifest, publishBuild } from '../store/builds'
import { ALL, type DerivedStore, SUBSCRIPTION, TEXT_NEW } from '../store/derived'
import { RAW_PREFIX } from '../store/keys'
import { type RawMeta, readRawTexts } from '../store/raw'
import type { BuildConfig, BuildDeps, Job, Meter, Phase } from './job'
import { componentsOf, linkNew, recluster } from './merge'
import { both, sideBySide } from './parallel'
import { itemRow, settingsOf, touched } from './plan'
import {
  type FeedState,
  type RenderDeps,
  readOnce,
  renderArchive,
  settleFeed,
  storeDocs,
  storeJson,
  type Writes,
} from './render'
import { type BuildReport, countFigures } from './report'

type Step = (deps: BuildDeps, job: Job, meter: Meter) => Promise<boolean>

const LIST_PAGE = 1000
const EXTRACT_CHUNK = 100
const LINK_CHUNK = 100
const CLUSTER_CHUNK = 50
const RENDER_CHUNK = 10
/** A document in three formats costs about as much as linking three texts. */
const DOC_UNITS = 30
const PRUNE_CHUNK = 100

/** Lists raw/ a page at a time; pages gone from KV are forgotten once the listing is complete. */
const scan: Step = async (deps, job, meter) => {
  const state = job.scan
  if (!state) return true
  if (!state.listed) {
    const page = await deps.kv.list<RawMeta>({
      prefix: RAW_PREFIX,
      limit: LIST_PAGE,
      ...(state.cursor ? { cursor: state.cursor } : {}),
    })
    deps.store.sql.transaction(() => {
      for (const key of page.keys) {
        const meta = key.metadata
        deps.store.notePage(
          {
            sha: key.name.slice(RAW_PREFIX.length),
            name: meta?.name ?? key.name,
            url: meta?.url ?? null,
            receivedAt: meta?.receivedAt ?? job.startedAt,
            bytes: meta?.bytes ?? 0,
          },
          state.id
        )
      }
    })
    meter.units += page.keys.length / 10
    state.cursor = page.list_complete ? null : page.cursor
    state.listed = page.list_complete
    return false
  }
  const gone = deps.store.unseenPages(state.id, 100)
  deps.store.sql.transaction(() => {
    for (const sha of gone) deps.store.deletePage(sha)
  })
  meter.units += gone.length
  if (gone.length > 0) return false
  deps.store.setMeta('scan', state.id)
  return true
}

/** Reads queued pages in bulk and extracts each once: its copies, indexed, and its warnings. */
const extract: Step = async (deps, _job, meter) => {
  const queued = deps.store.queuedPages(EXTRACT_CHUNK)
  if (queued.length === 0) return true
  const texts = await readRawTexts(
    deps.kv,
    queued.map((p) => p.sha)
  )
  const isBoilerplate = compileBoilerplate(deps.config.pipeline.boilerplate)
  deps.store.sql.transaction(() => {
    for (const page of queued) {
      const text = texts.get(page.sha)
      if (text === null || text === undefined) {
        deps.store.deletePage(page.sha)
        continue
      }
      extractInto(deps.store, { sha: page.sha, name: page.name, text }, isBoilerplate)
    }
  })
  meter.units += queued.length * 3
  return false
}

/**
 * One page through extraction into the store: its edge lines counted toward learned navigation,
 * then its copies and warnings, extracted with the lines learned so far (the store's). A page
 * the rules cannot handle is kept, reported and skipped.
 */
export function extractInto(
  store: DerivedStore,
  page: { sha: string; name: string; text: string },
  isBoilerplate: BoilerplateMatcher
): void {
  let result: Parameters<DerivedStore['setExtracted']>[1]
  try {
    store.learnFrom(page.sha, edgeLineKeys(page.text, isBoilerplate))
    result = extractCopies(
      { name: page.name, text: page.text },
      isBoilerplate,
      store.learnedLines()
    )
  } catch (error) {
    result = { failed: String(error) }
  }
  store.setExtracted(page.sha, result)
}

const link: Step = async (deps, _job, meter) => {
  const linked = deps.store.sql.transaction(() => linkNew(deps.store, LINK_CHUNK))
  // A text's candidates and verdicts cost about as much as rendering a small document.
  meter.units += linked * 10
  return linked === 0
}

const cluster: Step = async (deps, job, meter) => {
  const { store } = deps
  // Items whose last text went with a deleted page.
  const dropped = store.takeDropped(CLUSTER_CHUNK)
  if (dropped.length > 0) {
    store.sql.transaction(() => {
      // Those that still hold a text (another page had a copy of it) stay.
      const holding = new Set(store.itemsOfTexts(store.textsOfItems(dropped)))
      const gone = [...store.items(dropped)].filter(([id]) => !holding.has(id))
      store.deleteItems(gone.map(([id]) => id))
      for (const [, item] of gone) store.markDirty(touched(itemRow(item), null))
    })
    meter.units += dropped.length
    return false
  }
  const stale = store.pendingTexts(CLUSTER_CHUNK).filter((t) => t.state !== TEXT_NEW)
  if (stale.length === 0) {
    store.markPagesBuilt()
    return true
  }
  const classify = compileTopics(deps.config.topics)
  store.sql.transaction(() => {
    const texts = componentsOf(
      store,
      stale.map((t) => t.fingerprint)
    )
    store.markDirty(
      recluster(store, texts, {
        classify,
        generation: job.number,
        day: job.startedAt.slice(0, 10),
      })
    )
    meter.units += texts.length * 2
  })
  return false
}

/** The topic rules changed: every item's topics again, a chunk of items at a time. */
const reclassify: Step = async (deps, job, meter) => {
  const { store } = deps
  const ids = store.itemIdsAfter(job.reclassified, 200)
  if (ids.length === 0) return true
  const classify = compileTopics(deps.config.topics)
  store.sql.transaction(() => {
    const changed = [...store.items(ids).values()].flatMap((item) => {
      const topics = topicsOf({ ...item, paragraphs: item.contentText.split('\n\n') }, classify)
      return topics.join() === item.topics.join()
        ? []
        : [{ before: item, item: { ...item, topics } }]
    })
    store.putItems(changed.map(({ item }) => ({ item, row: itemRow(item) })))
    for (const { before, item } of changed) store.markDirty(touched(itemRow(before), itemRow(item)))
  })
  job.reclassified = ids[ids.length - 1] ?? job.reclassified
  meter.units += ids.length
  return false
}

function renderDeps(deps: BuildDeps, job: Job): RenderDeps {
  const reads = readOnce(deps.store)
  return {
    kv: deps.kv,
    store: deps.store,
    windowItems: reads.windowItems,
    settled: reads.settled,
    context: {
      site: deps.config.site,
      topics: deps.config.topics,
      place: job.place,
      firstSeen: (id) => deps.store.firstSeen(id),
      entries: reads.entries,
    },
    build: { number: job.number, lastModified: new Date(job.startedAt).toUTCString() },
    rendered: (documents) => {
      job.renderedDocs += documents
    },
    written: () => {
      job.kvWrites++
    },
    changed: ({ feed, bucket, subscription }) => {
      job.changedDocs++
      if (subscription) {
        if (!job.changedFeeds.includes(feed)) job.changedFeeds.push(feed)
        return
      }
      const shard = shardOf(bucket)
      if (!job.changedShards.some(([f, s]) => f === feed && s === shard))
        job.changedShards.push([feed, shard])
    },
  }
}

/**
 * Archive documents rendered at once: each is held whole (text, bytes, gzip) until its blob is
 * stored, and a month's archive of a dense feed holds hundreds of items (416 in the main feed at
 * 100,000 pages: megabytes a format), so a few at a time, not a chunk, stay inside an isolate's
 * 128 MB.
 */
const ARCHIVES_AT_ONCE = 3

/** The rows of documents whose blobs are stored, as one transaction. */
function writeAll(deps: BuildDeps, writes: readonly Writes[]): void {
  deps.store.sql.transaction(() => {
    for (const write of writes) write()
  })
}

const OPML_FEED = '#opml'
const feedKeys = (config: BuildConfig) => [ALL, ...config.topics.map((t) => t.slug)]

/** Marks what a change of links or rules touches: every document, the OPML, feeds gone. */
async function expandRenderAll(deps: BuildDeps, job: Job, r: RenderDeps): Promise<void> {
  const { store } = deps
  store.clearEntries()
  const configured = new Set(feedKeys(deps.config))
  for (const feed of configured) {
    const buckets = [SUBSCRIPTION, ...store.bucketCounts(feed).keys()]
    store.markDirty(buckets.map((bucket) => ({ feed, bucket })))
  }
  for (const feed of store.docFeeds())
    if (!configured.has(feed) && feed !== OPML_FEED)
      store.markDirty([{ feed, bucket: SUBSCRIPTION }])
  const { site, topics } = deps.config
  const opml = await storeDocs(r, OPML_FEED, SUBSCRIPTION, [renderOpmlDoc(site, topics, job.place)])
  store.sql.transaction(opml)
  job.renderAll = false
}

const render: Step = async (deps, job, meter) => {
  const r = renderDeps(deps, job)
  if (job.renderAll) await expandRenderAll(deps, job, r)
  // The documents of a chunk are rendered side by side: each waits for its own blob writes
  // (KV round trips) while the others render; the chunk's rows follow in one transaction once
  // every blob is stored.
  const chunk = Math.min(RENDER_CHUNK, meter.room(DOC_UNITS))
  const subscriptions = deps.store.dirty(chunk, true)
  if (subscriptions.length > 0) {
    writeAll(deps, await sideBySide(subscriptions, ({ feed }) => settleFeed(r, feed)))
    meter.units += DOC_UNITS * subscriptions.length
    return false
  }
  const archives = deps.store.dirty(chunk, false)
  if (archives.length === 0) return true
  writeAll(
    deps,
    await sideBySide(
      archives,
      ({ feed, bucket }) => renderArchive(r, feed, bucket),
      ARCHIVES_AT_ONCE
    )
  )
  meter.units += DOC_UNITS * archives.length
  return false
}

/** Writes the changed listings, the manifest, flips `current`, then the hub pings; the figures for the report. */
const publish: Step = async (deps, job) => {
  const { store, kv } = deps
  const docs: Record<string, DocMeta> = {}
  for (const d of store.subscriptionDocs()) {
    docs[d.path] = {
      blob: d.blob,
      offset: d.offset,
      length: d.length,
      etag: d.etag,
      lastModified: d.lastModified,
      contentType: d.contentType,
      bytes: d.bytes,
      cache: d.cache,
    }
  }
  const r = renderDeps(deps, job)
  /** A feed's changed listings, written side by side with the other feeds'. */
  const settle = async (feed: string) => {
    const state = store.feedState<FeedState>(feed) ?? { window: [], buckets: [] }
    const shards = { ...state.shards }
    const changed = job.changedShards.filter(([f]) => f === feed)
    await sideBySide(changed, async ([, shard]) => {
      const listing: Record<string, DocMeta> = {}
      for (const d of store.shardDocs(feed, shard)) {
        const { path, feed: _f, bucket: _b, stored: _s, ...meta } = d
        listing[path] = meta
      }
      if (Object.keys(listing).length === 0) {
        if (shards[shard]) store.discard(shards[shard], job.number)
        delete shards[shard]
      } else {
        const stored = await storeJson(r, `listing ${feed} ${shard}`, listing, shards[shard])
        store.sql.transaction(stored.writes)
        shards[shard] = stored.hash
      }
    })
    if (changed.length > 0) store.setFeedState(feed, { ...state, shards })
    const newest = store.newestDate(feed)
    return { feed, shards, latest: state.latest, count: store.countItems(feed), newest }
  }
  const feeds = await sideBySide(feedKeys(deps.config), settle)
  const archives: Manifest['archives'] = Object.fromEntries(feeds.map((f) => [f.feed, f.shards]))
  const latest = Object.fromEntries(feeds.flatMap((f) => (f.latest ? [[f.feed, f.latest]] : [])))
  const counts = Object.fromEntries(feeds.map((f) => [f.feed, f.count]))
  const newest = Object.fromEntries(feeds.flatMap((f) => (f.newest ? [[f.feed, f.newest]] : [])))
  const manifest: Manifest = {
    id: job.id,
    createdAt: job.startedAt,
    baseUrl: job.place.baseUrl,
    hubUrl: job.place.hubUrl,
    docs,
    archives,
    latest,
    counts,
    newest,
  }
  await publishBuild(kv, manifest)
  job.kvWrites += 2
  const previous = store.getMeta<string[]>('served') ?? []
  store.setMeta('served', [job.id, ...previous])
  store.setServedBuild(job.number)
  store.setMeta('settings', settingsOf(deps.config, job.place))
  store.markPagesServed()
  const log = store.actions()
  job.adminActions = log.actions
  store.clearActions(log.upTo)
  job.hub = await pingHub(deps, job)
  if (deps.invalidateEdge && job.changedDocs > 0) job.edge = await deps.invalidateEdge()
  // The report follows at the end of the invocation (runBuild), with this step done.
  countFigures(deps)
  return true
}

/** Blobs and manifests of builds older than the previous one. */
const prune: Step = async (deps, job, meter) => {
  const { store } = deps
  const served = store.getMeta<string[]>('served') ?? []
  const versions = store.pruneItems(job.number, PRUNE_CHUNK * 5)
  const blobs = store.garbage(job.number - 1, PRUNE_CHUNK)
  // Old manifests and garbage blobs go in one round trip.
  await both(
    sideBySide(served.slice(2), (id) => deleteBuild(deps.kv, id)),
    sideBySide(blobs, (hash) => deleteBlob(deps.kv, hash))
  )
  job.pruned += Math.max(0, served.length - 2)
  if (served.length > 2) store.setMeta('served', served.slice(0, 2))
  store.forget(blobs)
  job.pruned += blobs.length
  meter.units += blobs.length
  return versions && blobs.length < PRUNE_CHUNK
}

export const STEPS: Record<Phase, Step> = {
  scan,
  extract,
  link,
  cluster,
  reclassify,
  render,
  publish,
  prune,
}

/** Tells the hub which subscription feeds changed (WebSub "publish", one ping per feed URL). */
async function pingHub(deps: BuildDeps, job: Job): Promise<BuildReport['hub']> {
  const hubUrl = job.place.hubUrl
  if (!hubUrl || job.changedFeeds.length === 0) return null
  const pinged: string[] = []
  const failed: string[] = []
  const paths = deps.store
    .subscriptionDocs()
    .filter((d) => job.changedFeeds.includes(d.feed))
    .map((d) => d.path)
  for (const path of paths) {
    const url = `${job.place.baseUrl}${path}`
    try {
      const response = await deps.fetch(hubUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ 'hub.mode': 'publish', 'hub.url': url }).toString(),
      })
      ;(response.ok ? pinged : failed).push(url)
    } catch {
      failed.push(url)
    }
  }
  return { url: hubUrl, pinged, failed }
}
