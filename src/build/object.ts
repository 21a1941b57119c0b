/**
 * The Builder Durable Object: one per site, the owner of the derived state (its SQLite storage,
 * store/derived.ts) and of every build. Being one single-threaded object, it serialises builds:
 * two rebuilds never race on the registry; a second request while one runs gets that build's
 * report and 202. Work larger than one invocation continues in alarms.
 */
import { DurableObject } from 'cloudflare:workers'
import { buildConfig } from '../content'
import type { Env } from '../env'
import { foldCase, holdsKeyword } from '../feeds/select'
import { askToInvalidate } from '../http/edge'
import type { Item, Lang } from '../model'
import type { AdminAction } from '../store/derived'
import { DerivedStore } from '../store/derived'
import { countingKv, durableSql, zeroCounts } from '../store/sql'
import { type PageArrival, receivePage } from './ingest'
import { type BuildDeps, type BuildOutcome, type BuildRequest, runBuild } from './job'
import { type BuildReport, reportOf } from './report'

/** Pause between the chunks of a build that goes on in alarms. */
const CHUNK_PAUSE_MS = 50
/** The newest items a keyword search reads at most: bounded work per request. */
const SEARCH_SCAN = 5_000

export type Filter = { feed: string; q: string | null; lang: Lang | null; limit: number }

export class Builder extends DurableObject<Env> {
  private readonly counts = zeroCounts()
  private readonly store: DerivedStore
  private running: Promise<BuildOutcome> | null = null

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env)
    this.store = new DerivedStore(durableSql(ctx.storage, this.counts))
  }

  private deps(): BuildDeps {
    return {
      kv: countingKv(this.env.CORPUS, this.counts),
      store: this.store,
      config: buildConfig,
      now: () => new Date(),
      fetch: (url, init) => fetch(url, init),
      counts: this.counts,
      invalidateEdge: () => askToInvalidate(this.ctx.exports),
    }
  }

  /** A page just stored in KV: extracted now, once; it is published by the next build. */
  addPage(page: PageArrival, action: AdminAction): void {
    receivePage(this.store, page, buildConfig.pipeline, action)
  }

  /** A page deleted from KV: its items go at the next build. */
  removePage(sha: string, action: AdminAction): void {
    this.store.sql.transaction(() => {
      this.store.deletePage(sha)
      this.store.logAction(action)
    })
  }

  logAction(action: AdminAction): void {
    this.store.logAction(action)
  }

  /** Runs a build (or the running one) for one invocation's budget; 202 when it goes on in alarms. */
  async rebuild(request: BuildRequest): Promise<{ status: 200 | 202; report: BuildReport }> {
    if (this.running)
      return { status: 202, report: reportOf(this.deps(), this.store.getMeta('job')) }
    const outcome = await this.step(request)
    return { status: outcome.done ? 200 : 202, report: outcome.report }
  }

  override async alarm(): Promise<void> {
    if (!this.store.getMeta('job')) return
    if (this.running) {
      await this.ctx.storage.setAlarm(Date.now() + CHUNK_PAUSE_MS)
      return
    }
    await this.step({ baseUrl: null, origin: null, hubUrl: null, scan: false })
  }

  private async step(request: BuildRequest): Promise<BuildOutcome> {
    this.running = runBuild(this.deps(), request)
    try {
      const outcome = await this.running
      const again = !outcome.done || (outcome.report.changed && this.store.countPending() > 0)
      if (again && this.env.BUILD_ALARMS !== 'off')
        await this.ctx.storage.setAlarm(Date.now() + CHUNK_PAUSE_MS)
      return outcome
    } finally {
      this.running = null
    }
  }

  /** The latest report, as `/build.json` shows it. */
  report(): BuildReport {
    return reportOf(this.deps(), this.store.getMeta('job'))
  }

  /** One item by id, for its page. */
  item(id: string): Item | null {
    return this.served(() => this.store.items([id]).get(id) ?? null)
  }

  /** Reads of the served build: the one being made stays invisible until its flip. */
  private served<T>(fn: () => T): T {
    return this.store.viewing(this.store.servedBuild(), fn)
  }

  /** The newest items of a feed matching a filter, for feeds made on request; and the corpus's newest date. */
  select(filter: Filter): { items: Item[]; firstSeen: Record<string, string> } {
    const q = filter.q ? foldCase(filter.q) : null
    const accept = (item: Item) => q === null || holdsKeyword(item, q)
    return this.served(() => {
      const items = this.store.select(
        filter.feed,
        filter.lang,
        accept,
        filter.limit,
        q ? SEARCH_SCAN : filter.limit
      )
      const firstSeen: Record<string, string> = {}
      for (const item of items) {
        const day = (item.published ?? item.eventDate) ? null : this.store.firstSeen(item.id)
        if (day) firstSeen[item.id] = day
      }
      return { items, firstSeen }
    })
  }
}

/** The site's Builder. */
export function builderOf(env: Env): DurableObjectStub<Builder> {
  return env.BUILDER.get(env.BUILDER.idFromName('site'))
}
