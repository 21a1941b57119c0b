/** Small builders shared by the tests: the real corpus pages, the pipeline, the worker. */
import {
  createExecutionContext,
  reset,
  runDurableObjectAlarm,
  waitOnExecutionContext,
} from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import type { BuildDeps } from '../src/build/job'
import { builderOf } from '../src/build/object'
import type { BuildReport } from '../src/build/report'
import { forgetCurrent } from '../src/build/served'
import { buildConfig, pipelineConfig } from '../src/content'
import type { Env } from '../src/env'
import { casesOf } from '../src/eval/score'
import worker from '../src/index'
import type { Item, RawDoc } from '../src/model'
import { emptyRegistry, type Registry, runPipeline } from '../src/pipeline'
import type { DerivedStore } from '../src/store/derived'
import { countingKv, type OpCounts } from '../src/store/sql'

const PAGES = import.meta.glob<string>('../content/pages/*.txt', {
  query: '?raw',
  import: 'default',
  eager: true,
})

const CASES = import.meta.glob<string>('./pipeline/cases/*.txt', {
  query: '?raw',
  import: 'default',
  eager: true,
})

/** Pages by file name, in name order. */
const named = (files: Record<string, string>): RawDoc[] =>
  Object.entries(files)
    .map(([path, text]) => ({ name: path.split('/').pop() ?? path, text }))
    .sort((a, b) => a.name.localeCompare(b.name))

/**
 * A labelled set's cases, from its files globbed raw (`<name>.txt`, `<name>.<part>.txt`,
 * `<name>.expected.json`: test/pipeline/cases/README.md): each with its expectation and pages.
 */
export const labelledSet = (raw: Record<string, string>) => casesOf(named(raw))

/** The corpus pages of `content/pages/`. */
export const corpusPages = (): RawDoc[] => named(PAGES)

/** The pages we wrote for the extraction cases (`test/pipeline/cases/`). */
export const casePages = (): RawDoc[] => named(CASES)

/** What a build runs with on a store of the Builder's: the real KV, the site's configuration, no hub. */
export function buildDeps(store: DerivedStore, counts: OpCounts): BuildDeps {
  return {
    kv: countingKv(env.CORPUS, counts),
    store,
    config: buildConfig,
    now: () => new Date(),
    fetch: async () => new Response(null),
    counts,
  }
}

/** Runs the pipeline with the site's configuration. */
export function extract(docs: readonly RawDoc[], registry: Registry = emptyRegistry()) {
  return runPipeline(docs, pipelineConfig, registry)
}

/** The one item whose title starts with `prefix`; fails loudly when there are none or several. */
export function itemTitled(items: readonly Item[], prefix: string): Item {
  const found = items.filter((i) => i.title.startsWith(prefix))
  if (found.length !== 1)
    throw new Error(
      `${found.length} items titled "${prefix}…": ${items.map((i) => i.title.slice(0, 50)).join(' | ')}`
    )
  return found[0] as Item
}

/** A page from lines, for hand-made cases. */
export function page(name: string, ...lines: string[]): RawDoc {
  return { name, text: lines.join('\n') }
}

// --- The worker, through its real fetch handler, with real local KV ---------------------------

export const BASE = 'https://feeds.example'
export const TOKEN = 'test-secret-token'
export const AUTH = { authorization: `Bearer ${TOKEN}` }

/** A request to the worker's fetch handler (a path on BASE, or a URL); `vars` override the settings (ADMIN_TOKEN, …). */
export async function call(
  path: string,
  init: RequestInit = {},
  vars: Partial<Env> = { ADMIN_TOKEN: TOKEN }
): Promise<Response> {
  const ctx = createExecutionContext()
  const url = path.startsWith('http') ? path : `${BASE}${path}`
  const response = await worker.fetch(new Request(url, init), { ...env, ...vars } as Env, ctx)
  await waitOnExecutionContext(ctx)
  return response
}

/** Adds pages through the admin API. */
export async function addPages(pages: readonly RawDoc[]): Promise<void> {
  for (const p of pages) {
    const response = await call(`/admin/documents?name=${encodeURIComponent(p.name)}`, {
      method: 'POST',
      headers: AUTH,
      body: p.text,
    })
    if (response.status >= 300)
      throw new Error(`adding ${p.name}: ${response.status} ${await response.text()}`)
  }
}

/**
 * Rebuilds through the admin API and returns the finished build's report: a build that answers
 * 202 goes on in the Builder's alarms, run here one by one until none is left.
 */
export async function rebuildNow(vars: Partial<Env> = {}): Promise<BuildReport> {
  const response = await call(
    '/admin/rebuild',
    { method: 'POST', headers: AUTH },
    {
      ADMIN_TOKEN: TOKEN,
      ...vars,
    }
  )
  if (response.status !== 200 && response.status !== 202)
    throw new Error(`rebuild: ${response.status} ${await response.text()}`)
  if (response.status === 200) return response.json()
  while (await runDurableObjectAlarm(builderOf(env as Env))) {}
  const report = (await (
    await call('/admin/report', { headers: AUTH }, { ADMIN_TOKEN: TOKEN, ...vars })
  ).json()) as BuildReport
  if (report.pending !== 0 || report.phase !== null)
    throw new Error(`rebuild did not finish: ${JSON.stringify(report).slice(0, 300)}`)
  return report
}

/**
 * Empties KV and the Builder's storage, and forgets the served build this isolate keeps: storage
 * is shared by the tests of one file, so tests that write start clean.
 */
export async function clearStorage(): Promise<void> {
  await reset()
  forgetCurrent()
}
