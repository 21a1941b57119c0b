/**
 * The rebuild: every raw page in KV through the pipeline, every feed rendered, the build written
 * in full and only then served. The impure shell around the pure pipeline and renderers; the
 * cron trigger and `POST /admin/rebuild` both run it.
 */
import { pipelineConfig, site, topics } from './content'
import { type Place, renderSite } from './feeds'
import type { Warning } from './model'
import { runPipeline } from './pipeline'
import { digest } from './pipeline/fingerprint'
import {
  type DocMeta,
  type Manifest,
  pruneBuilds,
  readCurrentId,
  readManifest,
  writeBuild,
} from './store/builds'
import { REPORT_KEY } from './store/keys'
import { sha256Hex } from './store/kv'
import { type AdminAction, readAdminActions } from './store/log'
import { listRaw, readRawTexts } from './store/raw'
import { readRegistry, writeRegistry } from './store/registry'

export type BuildReport = {
  /** The build now served. */
  buildId: string
  /** False when the corpus gave exactly the documents already served: nothing was written. */
  changed: boolean
  startedAt: string
  durationMs: number
  documents: number
  failedDocuments: Array<{ name: string; detail: string }>
  pageItems: number
  items: number
  merges: number
  /** Items per topic slug. */
  topics: Record<string, number>
  warnings: { total: number; byKind: Record<string, number>; first: Warning[] }
  feeds: { documents: number; changed: number; kvWrites: number; pruned: number }
  adminActions: AdminAction[]
  hub: { url: string; pinged: string[]; failed: string[] } | null
}

export type BuildDeps = {
  kv: KVNamespace
  place: Place
  now: () => Date
  /** For WebSub pings; the global fetch in the worker. */
  fetch: typeof fetch
}

/** Everything in `content/` that shapes a build: a change of rules rebuilds even the same pages. */
const CONFIG = digest(JSON.stringify([site, topics, pipelineConfig]))

/** How many warnings a report lists one by one; the rest are counted. */
const REPORTED_WARNINGS = 100

function countBy<T>(list: readonly T[], key: (t: T) => string): Record<string, number> {
  const out: Record<string, number> = {}
  for (const t of list) out[key(t)] = (out[key(t)] ?? 0) + 1
  return out
}

/** Tells the hub which feeds changed (WebSub "publish" pings, one per feed URL). */
async function pingHub(deps: BuildDeps, hubUrl: string, urls: readonly string[]) {
  const pinged: string[] = []
  const failed: string[] = []
  for (const url of urls) {
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

/** Rebuilds from the KV corpus. Idempotent: the same corpus gives the same bytes and writes nothing. */
export async function rebuild(deps: BuildDeps): Promise<BuildReport> {
  const { kv, place } = deps
  const started = deps.now()
  const log = await readAdminActions(kv)
  const entries = await listRaw(kv)
  const previousId = await readCurrentId(kv)
  const previous = previousId ? await readManifest(kv, previousId) : null
  // The pages, their names, the configuration and where links point: equal to the served
  // build's, the result would be too. The cron then costs a list, not a pipeline run.
  const inputs = digest(JSON.stringify([entries.map((e) => [e.sha, e.name, e.url]), CONFIG, place]))
  const last = previous?.inputs === inputs ? await kv.get<BuildReport>(REPORT_KEY, 'json') : null
  if (last) {
    for (const key of log.keys) await kv.delete(key)
    const report: BuildReport = {
      ...last,
      changed: false,
      startedAt: started.toISOString(),
      durationMs: deps.now().getTime() - started.getTime(),
      adminActions: log.actions,
      hub: null,
      feeds: { ...last.feeds, changed: 0, kvWrites: 1, pruned: 0 },
    }
    await kv.put(REPORT_KEY, JSON.stringify(report))
    return report
  }
  const texts = await readRawTexts(
    kv,
    entries.map((e) => e.sha)
  )
  const docs = entries.flatMap((e) => {
    const text = texts.get(e.sha)
    return text === null || text === undefined
      ? []
      : [{ name: e.name, text, ...(e.url ? { url: e.url } : {}) }]
  })
  const registry = await readRegistry(kv)
  const result = runPipeline(docs, pipelineConfig, registry)

  const rendered = renderSite(result.items, site, topics.topics, place)
  const blobs = new Map<string, string>()
  const hashOf = async (body: string) => {
    const hash = await sha256Hex(body)
    blobs.set(hash, body)
    return hash
  }
  const lastModified = started.toUTCString()
  const docsMeta: Record<string, DocMeta> = {}
  for (const doc of rendered) {
    const hash = await hashOf(doc.body)
    const etag = `"${hash.slice(0, 32)}"`
    const before = previous?.docs[doc.path]
    docsMeta[doc.path] = {
      blob: hash,
      etag,
      lastModified: before?.etag === etag ? before.lastModified : lastModified,
      contentType: doc.contentType,
      bytes: new TextEncoder().encode(doc.body).byteLength,
      cache: doc.cache,
    }
  }
  const itemsBlob = await hashOf(JSON.stringify(result.items))
  const changedPaths = rendered
    .filter((d) => previous?.docs[d.path]?.etag !== docsMeta[d.path]?.etag)
    .map((d) => d.path)
  const unchanged =
    previous !== null &&
    changedPaths.length === 0 &&
    previous.itemsBlob === itemsBlob &&
    previous.baseUrl === place.baseUrl &&
    previous.hubUrl === place.hubUrl &&
    Object.keys(previous.docs).length === rendered.length

  let kvWrites = 0
  let pruned = 0
  // The registry first: ids it holds ahead of the served build are harmless, the reverse is not.
  if (JSON.stringify(result.registry.fingerprints) !== JSON.stringify(registry.fingerprints)) {
    await writeRegistry(kv, result.registry)
    kvWrites++
  }
  let buildId = previousId ?? ''
  if (!unchanged) {
    buildId = `${started.getTime().toString(36)}-${(await sha256Hex(itemsBlob + changedPaths.join())).slice(0, 8)}`
    const manifest: Manifest = {
      id: buildId,
      createdAt: started.toISOString(),
      baseUrl: place.baseUrl,
      hubUrl: place.hubUrl,
      inputs,
      itemsBlob,
      docs: docsMeta,
    }
    kvWrites += await writeBuild(kv, manifest, blobs, previous)
    pruned = await pruneBuilds(kv, previous ? [manifest, previous] : [manifest])
  }
  for (const key of log.keys) await kv.delete(key)

  const changedFeeds = rendered.filter((d) => d.subscription && changedPaths.includes(d.path))
  const hub =
    place.hubUrl && changedFeeds.length > 0
      ? await pingHub(
          deps,
          place.hubUrl,
          changedFeeds.map((d) => `${place.baseUrl}${d.path}`)
        )
      : null
  const report: BuildReport = {
    buildId,
    changed: !unchanged,
    startedAt: started.toISOString(),
    durationMs: deps.now().getTime() - started.getTime(),
    documents: docs.length,
    failedDocuments: result.warnings
      .filter((w) => w.kind === 'failed')
      .map((w) => ({ name: w.source, detail: w.detail })),
    pageItems: result.stats.pageItems,
    items: result.stats.items,
    merges: result.stats.merges,
    topics: Object.fromEntries(
      topics.topics.map((t) => [
        t.slug,
        result.items.filter((i) => i.topics.includes(t.slug)).length,
      ])
    ),
    warnings: {
      total: result.warnings.length,
      byKind: countBy(result.warnings, (w) => w.kind),
      first: result.warnings.slice(0, REPORTED_WARNINGS),
    },
    feeds: {
      documents: rendered.length,
      changed: changedPaths.length,
      kvWrites: kvWrites + 1,
      pruned,
    },
    adminActions: log.actions,
    hub,
  }
  await kv.put(REPORT_KEY, JSON.stringify(report))
  return report
}
