/**
 * A page's arrival in the derived state: noted, extracted once (its copies indexed for
 * merging), logged. The Builder runs it when the admin API stores a page; the Node simulation
 * runs the same.
 */
import type { PipelineConfig } from '../pipeline'
import { compileBoilerplate } from '../pipeline/boilerplate'
import type { AdminAction, DerivedStore } from '../store/derived'
import type { RawMeta } from '../store/raw'
import { extractInto } from './steps'

export type PageArrival = RawMeta & { sha: string; text: string }

export function receivePage(
  store: DerivedStore,
  page: PageArrival,
  config: PipelineConfig,
  action: AdminAction | null
): void {
  // Seen by the next scan already: a listing that passed its key must not take it for gone.
  const seen = (store.getMeta<number>('scan') ?? 0) + 1
  store.sql.transaction(() => {
    store.notePage(
      {
        sha: page.sha,
        name: page.name,
        url: page.url ?? null,
        receivedAt: page.receivedAt,
        bytes: page.bytes,
      },
      seen
    )
    if (store.page(page.sha)?.state === 'queued')
      extractInto(store, page, compileBoilerplate(config.boilerplate))
    if (action) store.logAction(action)
  })
}
