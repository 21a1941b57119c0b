/**
 * A build as a resumable job. Each invocation (a request, the cron, an alarm) runs steps until
 * its budget is spent and saves where it stopped, so a build of any size goes on in bounded
 * chunks, resumes after a failure without redoing finished steps, and the previous build is
 * served whole until the flip:
 *
 *   scan (cron: pages written to KV behind the worker's back) → extract (queued pages) →
 *   link (new texts find their candidates) → cluster (changed components) → reclassify (topic
 *   rules changed) → render (touched feeds and archives) → publish (manifest, flip, report,
 *   hub) → prune (blobs no kept build uses)
 */

import type { Place } from '../feeds'
import type { EdgeResult } from '../http/edge'
import type { PipelineConfig } from '../pipeline'
import type { SiteConfig, Topic } from '../site'
import type { AdminAction, DerivedStore } from '../store/derived'
import { kvOps, type OpCounts } from '../store/sql'
import { type Settings, settingsOf } from './plan'
import type { BuildReport } from './report'
import { writeReport } from './report'
import { STEPS } from './steps'

export type BuildConfig = {
  site: SiteConfig
  topics: readonly Topic[]
  pipeline: PipelineConfig
}

export type BuildDeps = {
  kv: KVNamespace
  store: DerivedStore
  config: BuildConfig
  now: () => Date
  /** For WebSub pings. */
  fetch: (url: string, init: RequestInit) => Promise<Response>
  /** What this invocation has done to KV and SQLite so far (countingKv, durableSql). */
  counts: OpCounts
  /** After a flip that changed documents: the edge cache revalidates what it keeps (http/edge.ts). */
  invalidateEdge?: () => Promise<EdgeResult>
}

/**
 * What one invocation may do: work units (a page extracted, a text linked, a document
 * rendered counts by its size) and KV operations, far inside Cloudflare's 1,000 operations and
 * 30 s of CPU an invocation.
 */
export type Budget = { units: number; kvOps: number }
export const INVOCATION_BUDGET: Budget = { units: 3000, kvOps: 500 }

/**
 * What a build is asked for: links to the configured base URL (null: none configured), else
 * to the one pinned by the first build, else to the requester's origin; the WebSub hub; and
 * whether to list KV for pages stored behind the worker's back (the cron does).
 */
export type BuildRequest = {
  baseUrl: string | null
  origin: string | null
  hubUrl: string | null
  scan: boolean
}

/** Where a build's links point, pinned at the first build: one canonical origin, whatever Host asks. */
export function placeFor(store: DerivedStore, request: BuildRequest): Place | null {
  const pinned = store.getMeta<string>('baseUrl')
  const baseUrl = request.baseUrl ?? pinned ?? request.origin
  if (!baseUrl) return null
  if (baseUrl !== pinned) store.setMeta('baseUrl', baseUrl)
  return { baseUrl, hubUrl: request.hubUrl }
}

export type Phase =
  | 'scan'
  | 'extract'
  | 'link'
  | 'cluster'
  | 'reclassify'
  | 'render'
  | 'publish'
  | 'prune'

export type Job = {
  number: number
  id: string
  startedAt: string
  place: Place
  phases: Phase[]
  scan: { id: number; cursor: string | null; listed: boolean } | null
  /** Last item id reclassified. */
  reclassified: string
  /** Every document is rendered again (links or rules changed). */
  renderAll: boolean
  invocations: number
  /** Wall time spent in each step, in ms (performance.now: coarse inside workerd, exact in Node). */
  phaseMs: Partial<Record<Phase, number>>
  maxKvOps: number
  maxSql: number
  renderedDocs: number
  changedDocs: number
  kvWrites: number
  pruned: number
  /** Subscription feeds whose bytes changed (hub pings), and the archive listings that changed. */
  changedFeeds: string[]
  changedShards: Array<[feed: string, shard: string]>
  hub: BuildReport['hub']
  edge: EdgeResult | null
  /** The admin actions this build reports (taken from the log at the flip). */
  adminActions: AdminAction[] | null
}

/** Starts a job when there is anything to do; null when the served build is up to date. */
function startJob(deps: BuildDeps, request: BuildRequest, place: Place): Job | null {
  const { store } = deps
  const served = store.getMeta<Settings>('settings')
  const wanted = settingsOf(deps.config, place)
  const extractChanged = served !== null && served.extract !== wanted.extract
  const topicsChanged = served !== null && served.topics !== wanted.topics
  const renderChanged = served?.render !== wanted.render
  const work = request.scan || extractChanged || topicsChanged || renderChanged || store.hasWork()
  if (!work) return null
  if (extractChanged) store.requeueAll()
  const number = (store.getMeta<number>('builds') ?? 0) + 1
  const started = deps.now()
  const phases: Phase[] = [
    ...(request.scan ? (['scan'] as const) : []),
    'extract',
    'link',
    'cluster',
    ...(topicsChanged ? (['reclassify'] as const) : []),
    'render',
    'publish',
    'prune',
  ]
  store.setMeta('builds', number)
  return {
    number,
    id: `${started.getTime().toString(36)}-${number}`,
    startedAt: started.toISOString(),
    place,
    phases,
    scan: request.scan
      ? { id: (store.getMeta<number>('scan') ?? 0) + 1, cursor: null, listed: false }
      : null,
    reclassified: '',
    renderAll: renderChanged,
    invocations: 0,
    phaseMs: {},
    maxKvOps: 0,
    maxSql: 0,
    renderedDocs: 0,
    changedDocs: 0,
    kvWrites: 0,
    pruned: 0,
    changedFeeds: [],
    changedShards: [],
    hub: null,
    edge: null,
    adminActions: null,
  }
}

/** How much of the budget an invocation has used. */
export class Meter {
  units = 0
  private readonly kvStart: number
  constructor(
    private readonly budget: Budget,
    private readonly counts: OpCounts
  ) {
    this.kvStart = kvOps(counts)
  }
  /** How many pieces of work of `cost` units each the budget still has room for (at least one). */
  room(cost: number): number {
    return Math.max(1, Math.floor((this.budget.units - this.units) / cost))
  }
  get spent(): boolean {
    return this.units >= this.budget.units || kvOps(this.counts) - this.kvStart >= this.budget.kvOps
  }
}

export type BuildOutcome = { done: boolean; report: BuildReport }

/**
 * One invocation of the build: starts a job if none runs (and there is work), then runs its
 * steps until done or the budget is spent. `done` false: call again (an alarm does).
 */
export async function runBuild(
  deps: BuildDeps,
  request: BuildRequest,
  budget: Budget = INVOCATION_BUDGET
): Promise<BuildOutcome> {
  const { store } = deps
  let job = store.getMeta<Job>('job')
  if (!job) {
    const place = placeFor(store, request)
    if (!place)
      throw new Error('no base URL: set BASE_URL, or rebuild once through POST /admin/rebuild')
    job = startJob(deps, request, place)
    if (!job) {
      const log = store.actions()
      store.clearActions(log.upTo)
      return { done: true, report: await writeReport(deps, null, log.actions) }
    }
    store.setMeta('job', job)
  }
  store.view = job.number
  const meter = new Meter(budget, deps.counts)
  const start = { kv: kvOps(deps.counts), sql: deps.counts.sql }
  job.invocations++
  while (job.phases.length > 0 && !meter.spent) {
    const phase = job.phases[0] as Phase
    const started = performance.now()
    const finished = await STEPS[phase](deps, job, meter)
    job.phaseMs[phase] = Math.round((job.phaseMs[phase] ?? 0) + performance.now() - started)
    if (finished) job.phases.shift()
    job.maxKvOps = Math.max(job.maxKvOps, kvOps(deps.counts) - start.kv)
    job.maxSql = Math.max(job.maxSql, deps.counts.sql - start.sql)
    store.setMeta('job', job)
  }
  const done = job.phases.length === 0
  store.view = store.servedBuild()
  const report = await writeReport(deps, job)
  // A finished job goes once its report is stored: if that write fails, the next invocation
  // finds the job done and writes the report again (its admin actions and hub pings with it).
  if (done) store.sql.exec("DELETE FROM meta WHERE key = 'job'")
  return { done, report }
}
