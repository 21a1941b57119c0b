/**
 * The build report (`/build.json`, the answer of `POST /admin/rebuild`): what the corpus holds,
 * what the build changed, what it cost per invocation, and what is still pending.
 */
import type { Warning } from '../model'
import type { AdminAction } from '../store/derived'
import { ALL } from '../store/derived'
import { type BuildDeps, type Job, servedNumber } from './job'

export type BuildReport = {
  /** The build now served (the previous one while `pending` > 0). */
  buildId: string | null
  /** False when there was nothing to do: nothing was written. */
  changed: boolean
  startedAt: string
  durationMs: number
  /** Pages in the corpus. */
  documents: number
  /** Pages received and not yet published: 0 when the build is complete. */
  pending: number
  /** The step the build is at, while it runs. */
  phase: string | null
  failedDocuments: Array<{ name: string; detail: string }>
  pageItems: number
  items: number
  merges: number
  /** Items per topic slug. */
  topics: Record<string, number>
  warnings: { total: number; byKind: Record<string, number>; first: Warning[] }
  feeds: { documents: number; changed: number; kvWrites: number; pruned: number }
  /** Rendered bytes, what KV holds of them (gzip), and the raw corpus: the storage ratio. */
  storage: { documentBytes: number; storedBytes: number; rawBytes: number; storedPerRaw: number }
  /** Invocations this build took and the most KV operations and SQL statements one used. */
  invocations: {
    count: number
    maxKvOps: number
    maxSqlStatements: number
    /** Wall time per step, ms. */
    phaseMs: Record<string, number>
  }
  adminActions: AdminAction[]
  hub: { url: string; pinged: string[]; failed: string[] } | null
}

/** How many warnings a report lists one by one; the rest are counted. */
const REPORTED_WARNINGS = 100

export function reportOf(
  deps: BuildDeps,
  job: Job | null,
  adminActions?: AdminAction[]
): BuildReport {
  const { store } = deps
  const now = deps.now()
  const startedAt = job?.startedAt ?? now.toISOString()
  const served = store.getMeta<string[]>('served') ?? []
  const pageItems = store.countCopies()
  const { items, counted } = store.viewing(servedNumber(store), () => ({
    items: store.countItems(ALL),
    counted: store.topicCounts(),
  }))
  const docs = store.storedBytes()
  const rawBytes = store.rawBytes()
  return {
    buildId: served[0] ?? null,
    changed: job !== null,
    startedAt,
    durationMs: now.getTime() - Date.parse(startedAt),
    documents: store.countPages(),
    pending: store.countPending(),
    phase: job?.phases[0] ?? null,
    failedDocuments: store.failedPages(REPORTED_WARNINGS),
    pageItems,
    items,
    merges: pageItems - items,
    topics: Object.fromEntries(deps.config.topics.map((t) => [t.slug, counted[t.slug] ?? 0])),
    warnings: store.warnings(REPORTED_WARNINGS),
    feeds: {
      documents: docs.documents,
      changed: job?.changedDocs ?? 0,
      kvWrites: (job?.kvWrites ?? 0) + 1,
      pruned: job?.pruned ?? 0,
    },
    storage: {
      documentBytes: docs.bytes,
      storedBytes: docs.stored,
      rawBytes,
      storedPerRaw: rawBytes === 0 ? 0 : Math.round((100 * docs.stored) / rawBytes) / 100,
    },
    invocations: {
      count: job?.invocations ?? 1,
      maxKvOps: job?.maxKvOps ?? 0,
      maxSqlStatements: job?.maxSql ?? 0,
      phaseMs: job?.phaseMs ?? {},
    },
    adminActions: adminActions ?? job?.adminActions ?? store.actions().actions,
    hub: job?.hub ?? null,
  }
}
