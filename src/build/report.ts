/**
 * The build report (`/build.json`, the answer of `POST /admin/rebuild`): what the corpus holds,
 * what the build changed, what it cost per invocation, and what is still pending.
 */

import type { EdgeResult } from '../http/edge'
import type { Warning } from '../model'
import { UNCERTAIN_SEGMENTATION } from '../pipeline'
import type { AdminAction } from '../store/derived'
import { ALL } from '../store/derived'
import { REPORT_KEY } from '../store/keys'
import type { BuildDeps, Job } from './job'

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
  /** Pages whose segmentation made a close call (pipeline/boundaries.ts), for an operator to look at. */
  uncertainPages: Array<{ name: string; detail: string }>
  pageItems: number
  items: number
  merges: number
  /** Items per topic slug. */
  topics: Record<string, number>
  warnings: { total: number; byKind: Record<string, number>; first: Warning[] }
  /** Documents served; rendered by this build, and of those, changed in their bytes. */
  feeds: { documents: number; rendered: number; changed: number; kvWrites: number; pruned: number }
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
  /** The edge cache told of the flip: null when no document changed (or none is wired). */
  edge: EdgeResult | null
}

/** How many warnings a report lists one by one; the rest are counted. */
const REPORTED_WARNINGS = 100

/** What the corpus holds: counted over every page and item, so only once a build, at its flip. */
type Figures = Pick<
  BuildReport,
  | 'documents'
  | 'failedDocuments'
  | 'uncertainPages'
  | 'pageItems'
  | 'items'
  | 'merges'
  | 'topics'
  | 'warnings'
> & { documentsRendered: number; storage: BuildReport['storage'] }

export function countFigures(deps: BuildDeps): Figures {
  const { store } = deps
  const pageItems = store.countCopies()
  // Counters follow the build being made: at the flip, where this runs, the served one.
  const items = store.countItems(ALL)
  const counted = store.topicCounts()
  const docs = store.storedBytes()
  const rawBytes = store.rawBytes()
  const figures: Figures = {
    documents: store.countPages(),
    failedDocuments: store.pagesWarned('failed', REPORTED_WARNINGS),
    uncertainPages: store.pagesWarned(UNCERTAIN_SEGMENTATION, REPORTED_WARNINGS),
    pageItems,
    items,
    merges: pageItems - items,
    topics: Object.fromEntries(deps.config.topics.map((t) => [t.slug, counted[t.slug] ?? 0])),
    warnings: store.warnings(REPORTED_WARNINGS),
    documentsRendered: docs.documents,
    storage: {
      documentBytes: docs.bytes,
      storedBytes: docs.stored,
      rawBytes,
      storedPerRaw: rawBytes === 0 ? 0 : Math.round((100 * docs.stored) / rawBytes) / 100,
    },
  }
  store.setMeta('figures', figures)
  return figures
}

/** The report of `job` (null: nothing was to do), with the figures of the last flip. */
export function reportOf(
  deps: BuildDeps,
  job: Job | null,
  adminActions?: AdminAction[]
): BuildReport {
  const { store } = deps
  const now = deps.now()
  const startedAt = job?.startedAt ?? now.toISOString()
  const served = store.getMeta<string[]>('served') ?? []
  const { documentsRendered, ...figures } = store.getMeta<Figures>('figures') ?? countFigures(deps)
  return {
    buildId: served[0] ?? null,
    changed: job !== null,
    startedAt,
    durationMs: now.getTime() - Date.parse(startedAt),
    ...figures,
    pending: store.countPending(),
    phase: job?.phases[0] ?? null,
    feeds: {
      documents: documentsRendered,
      rendered: job?.renderedDocs ?? 0,
      changed: job?.changedDocs ?? 0,
      kvWrites: (job?.kvWrites ?? 0) + 1,
      pruned: job?.pruned ?? 0,
    },
    invocations: {
      count: job?.invocations ?? 1,
      maxKvOps: job?.maxKvOps ?? 0,
      maxSqlStatements: job?.maxSql ?? 0,
      phaseMs: job?.phaseMs ?? {},
    },
    adminActions: adminActions ?? job?.adminActions ?? store.actions().actions,
    hub: job?.hub ?? null,
    edge: job?.edge ?? null,
  }
}

/**
 * The report anyone may read (`/build.json`): the counts, progress and figures, but neither the
 * admin actions nor what concerns single documents (their names, hashes and warning texts),
 * which only the admin token reads (`/admin/report`).
 */
export type PublicReport = Omit<
  BuildReport,
  'adminActions' | 'failedDocuments' | 'uncertainPages' | 'warnings'
> & {
  adminActions: number
  failedDocuments: number
  uncertainPages: number
  warnings: { total: number; byKind: Record<string, number> }
}

export function publicReport(report: BuildReport): PublicReport {
  const { adminActions, failedDocuments, uncertainPages, warnings, ...rest } = report
  return {
    ...rest,
    adminActions: adminActions.length,
    failedDocuments: failedDocuments.length,
    // A page gets one such warning: the count is every page's, not the listed ones'.
    uncertainPages: warnings.byKind[UNCERTAIN_SEGMENTATION] ?? 0,
    warnings: { total: warnings.total, byKind: warnings.byKind },
  }
}

/** The report of `job` (null: nothing was to do), stored whole for `/admin/report`. */
export async function writeReport(
  deps: BuildDeps,
  job: Job | null,
  adminActions?: AdminAction[]
): Promise<BuildReport> {
  const report = reportOf(deps, job, adminActions)
  await deps.kv.put(REPORT_KEY, JSON.stringify(report))
  return report
}
