/**
 * `npm run bench` (last): builds at the size of the real site, on a realistic corpus
 * (bench/realistic.ts: N pages hold N distinct stories, each also a dated teaser on about four
 * later pages, with hard look-alikes that must stay apart).
 *
 * 1. In workerd (the bundled worker through Miniflare, real local KV and Durable Object), for
 *    1,000 and 10,000 pages: every page through `POST /admin/documents` (extracted at arrival),
 *    then the first build driven one invocation at a time (`POST /admin/rebuild`, alarms off) so
 *    that each invocation's wall time and workerd CPU are measured from outside, and the worker
 *    isolate's own busy time from a CPU profile (bench/devtools.ts: workerd's CPU also holds the
 *    local KV and storage that Miniflare simulates, which Cloudflare does not bill); the build
 *    report's most KV operations and SQL statements of one invocation; items against stories
 *    (walking every archive); then one page more, three times.
 * 2. In Node, for 10,000 and 100,000 pages: the same code (page arrival, `runBuild` with the
 *    invocation budget) over node:sqlite and an in-memory KV: per-page ingest cost, operations
 *    per invocation and per added page, heap growth within an invocation, the largest value.
 *
 * 3. In Node, 10,000 pages put into three years: the days of a site seven times larger (stories
 *    a day), items against stories.
 *
 * 4. In Node, 10,000 pages since 2023 again, each build invocation in a worker thread whose heap is
 *    capped at an isolate's 128 MB: peak memory tested, not estimated.
 *
 * Sizes: SCALE_WORKERD=1000,10000 SCALE_NODE=10000,100000 SCALE_DENSE=10000 SCALE_MEMORY=10000
 * (empty: skip).
 * Figures are reported, never enforced.
 */

import { rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import { receivePage } from '../src/build/ingest'
import { INVOCATION_BUDGET, runBuild } from '../src/build/job'
import type { BuildReport } from '../src/build/report'
import { startLocalWorker } from '../src/cli/local-worker'
import { MemoryKv, nodeSql } from '../src/cli/node-store'
import { buildConfig } from '../src/content'
import { DerivedStore } from '../src/store/derived'
import { putRaw } from '../src/store/raw'
import { countingKv, kvOps, type OpCounts, zeroCounts } from '../src/store/sql'
import { busyMs, devtools, profiling } from './devtools'
import { treeCpuSeconds, treeRssBytes, workerdPid } from './proc'
import { type RealisticPage, realisticPagesWithTruth, wordKey } from './realistic'

const log = (line = '') => process.stdout.write(`${line}\n`)
const sizes = (name: string, fallback: string) =>
  (process.env[name] ?? fallback).split(',').filter(Boolean).map(Number)
const EXTRA_PAGES = 3
const ms = (start: number) => performance.now() - start
const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits })

/** The pages and, for checking items, each story's lead by its words. */
function corpus(pages: number): { pages: RealisticPage[]; leads: Map<string, string> } {
  const all = [...realisticPagesWithTruth(pages + EXTRA_PAGES)]
  return { pages: all, leads: new Map(all.map((p) => [wordKey(p.lead), p.story])) }
}

/** Items against stories: one item per story, none holding two. */
function check(
  items: ReadonlyArray<{ content_text: string }>,
  leads: Map<string, string>,
  stories: number
) {
  const perStory = new Map<string, number>()
  let wrong = 0
  let unknown = 0
  for (const item of items) {
    const paragraphs = item.content_text.split(/\n\s*\n/)
    const story = leads.get(wordKey(paragraphs[0] ?? ''))
    if (story === undefined) unknown++
    else perStory.set(story, (perStory.get(story) ?? 0) + 1)
    const held = new Set(paragraphs.flatMap((p) => leads.get(wordKey(p)) ?? []))
    if (held.size > 1) wrong++
  }
  const split = [...perStory.values()].filter((n) => n > 1).length
  return { items: items.length, stories, found: perStory.size, split, wrong, unknown }
}

// --- workerd ------------------------------------------------------------------------------------

async function inParallel<T>(list: readonly T[], width: number, fn: (t: T) => Promise<unknown>) {
  let next = 0
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < list.length) await fn(list[next++] as T)
    })
  )
}

const INSPECTOR_PORT = 9232
/** Sampling at 1 ms: overhead small enough for a 10-minute build, enough samples per invocation. */
const PROFILE_MICROS = 1000

/** One build invocation seen from outside: wall ms, workerd CPU s, the isolate's busy s. */
type Call = { ms: number; cpu: number; busy: number; step: string }

const sumCalls = (calls: readonly Call[]): Omit<Call, 'step'> =>
  calls.reduce((a, c) => ({ ms: a.ms + c.ms, cpu: a.cpu + c.cpu, busy: a.busy + c.busy }), {
    ms: 0,
    cpu: 0,
    busy: 0,
  })

/** Invocations by the step they started in: how many, workerd CPU s and isolate s of each. */
function bySteps(calls: readonly Call[]): string {
  const steps = new Map<string, Call[]>()
  for (const call of calls) {
    const list = steps.get(call.step)
    if (list) list.push(call)
    else steps.set(call.step, [call])
  }
  return [...steps]
    .map(([step, list]) => {
      const sum = sumCalls(list)
      return `${step} ${list.length} × (${fmt(sum.cpu, 1)} s CPU, isolate ${fmt(sum.busy, 1)} s)`
    })
    .join('; ')
}

async function workerdScale(n: number): Promise<void> {
  log(`\n== workerd, ${fmt(n)} realistic pages ==`)
  const { pages, leads } = corpus(n)
  const worker = await startLocalWorker({
    vars: { BUILD_ALARMS: 'off', BASE_URL: 'http://bench.example' },
    inspectorPort: INSPECTOR_PORT,
  })
  const inspector = await devtools(INSPECTOR_PORT)
  try {
    const pid = workerdPid()
    const post = (page: RealisticPage) =>
      worker.admin(`/admin/documents?name=${encodeURIComponent(page.doc.name)}`, page.doc.text)
    const bytes = pages.slice(0, n).reduce((sum, p) => sum + Buffer.byteLength(p.doc.text), 0)
    let cpu = treeCpuSeconds(pid)
    let started = performance.now()
    await inParallel(pages.slice(0, n), 4, post)
    const ingestMs = ms(started)
    const ingestCpu = treeCpuSeconds(pid) - cpu
    log(
      `ingest: ${fmt(n)} pages (${fmt(bytes / 1e6, 1)} MB) through POST /admin/documents in ${fmt(ingestMs / 1000, 1)} s: ${fmt(ingestMs / n, 1)} ms and ${fmt((1000 * ingestCpu) / n, 2)} ms workerd CPU a page (KV put + extraction in the Builder)`
    )
    /** The build, an invocation at a time: wall, workerd CPU and the isolate's own busy time. */
    const drive = async () => {
      const calls: Call[] = []
      let report: BuildReport | null = null
      for (;;) {
        const profiler = await profiling(inspector, PROFILE_MICROS)
        cpu = treeCpuSeconds(pid)
        started = performance.now()
        const response = await worker.admin('/admin/rebuild')
        // The step this invocation started in: the one the previous one stopped before.
        const step = report?.phase ?? 'scan'
        report = (await response.json()) as BuildReport
        const call = { ms: ms(started), cpu: treeCpuSeconds(pid) - cpu, step }
        calls.push({ ...call, busy: busyMs(await profiler.stop()) / 1000 })
        if (response.status === 200) return { calls, report }
      }
    }
    let rss = treeRssBytes(pid)
    const first = await drive()
    rss = Math.max(rss, treeRssBytes(pid))
    const total = sumCalls(first.calls)
    const worst = first.calls.reduce((a, c) => (c.cpu > a.cpu ? c : a))
    const r = first.report
    log(
      `first build: ${first.calls.length} invocations, ${fmt(total.ms / 1000, 1)} s wall, ${fmt(total.cpu, 1)} s workerd CPU, of which the worker's isolate ${fmt(total.busy, 1)} s (${fmt((n / total.ms) * 1000, 0)} pages/s); per invocation at most ${fmt(worst.cpu * 1000)} ms CPU (isolate ${fmt(worst.busy * 1000)} ms, ${fmt(worst.ms)} ms wall), ${r.invocations.maxKvOps} KV operations, ${fmt(r.invocations.maxSqlStatements)} SQL statements; workerd RSS ${fmt(rss / 2 ** 20)} MiB`
    )
    log(`by step: ${bySteps(first.calls)}`)
    log(
      `result: ${fmt(r.items)} items, ${fmt(r.feeds.documents)} documents; stored ${fmt(r.storage.storedBytes / 1e6, 1)} MB (gzip) of ${fmt(r.storage.documentBytes / 1e6, 1)} MB rendered for ${fmt(r.storage.rawBytes / 1e6, 1)} MB raw: ${r.storage.storedPerRaw}x the raw corpus`
    )
    const items: Array<{ content_text: string }> = []
    let url: string | undefined = new URL('/feed.json', worker.url).href
    while (url) {
      const page = (await (await fetch(url)).json()) as {
        items: Array<{ content_text: string }>
        next_url?: string
      }
      items.push(...page.items)
      url = page.next_url?.replace('http://bench.example', worker.url.origin)
    }
    const c = check(items, leads, n)
    log(
      `items vs stories: ${fmt(c.items)} items for ${fmt(c.stories)} stories; ${fmt(c.found)} stories found, ${c.split} split, ${c.wrong} wrong merges, ${c.unknown} items of no story`
    )
    for (const page of pages.slice(n)) {
      started = performance.now()
      cpu = treeCpuSeconds(pid)
      await post(page)
      const added = await drive()
      const wall = ms(started)
      const build = sumCalls(added.calls)
      log(
        `+1 page: ${fmt(wall)} ms wall, ${fmt((treeCpuSeconds(pid) - cpu) * 1000)} ms workerd CPU; the build ${fmt(build.ms)} ms wall, isolate ${fmt(build.busy * 1000)} ms; ${added.calls.length} invocation(s), ${added.report.invocations.maxKvOps + 2} KV operations (2 for the page, ${added.report.invocations.maxKvOps} for the build), ${added.report.feeds.changed} documents changed`
      )
    }
  } finally {
    inspector.close()
    await worker.stop()
  }
}

// --- Node simulation ----------------------------------------------------------------------------

const NODE_REQUEST = { baseUrl: 'http://bench.example', origin: null, hubUrl: null, scan: false }

/** The build's stores in Node (node:sqlite, an in-memory KV), what a build runs with, and a page's arrival. */
function nodeBuild(path?: string) {
  const counts: OpCounts = zeroCounts()
  const memory = new MemoryKv()
  const kv = countingKv(memory.asBinding(), counts)
  const store = new DerivedStore(nodeSql(counts, path))
  const deps = {
    kv,
    store,
    config: buildConfig,
    now: () => new Date(),
    fetch: async () => new Response(null),
    counts,
  }
  const arrive = async (page: RealisticPage) => {
    const bytes = new TextEncoder().encode(page.doc.text)
    const stored = await putRaw(kv, bytes.buffer as ArrayBuffer, {
      name: page.doc.name,
      receivedAt: '2025-12-01T00:00:00Z',
    })
    const arrival = { sha: stored.sha, ...stored.meta, text: page.doc.text }
    receivePage(store, arrival, buildConfig.pipeline, null)
  }
  return { counts, memory, store, deps, arrive }
}

async function nodeScale(n: number): Promise<void> {
  log(`\n== Node simulation, ${fmt(n)} realistic pages (node:sqlite, in-memory KV) ==`)
  const gc = (globalThis as { gc?: () => void }).gc
  const { counts, memory, deps, arrive } = nodeBuild()

  /** SCALE_NODE_UNTIL=render stops the first build when it reaches that step (a shorter run). */
  const until = process.env.SCALE_NODE_UNTIL
  /** Runs invocations until the build is done (or reaches `stop`); the most each one did. */
  const build = async (stop?: string) => {
    let invocations = 0
    let maxKv = 0
    let maxSql = 0
    let maxHeap = 0
    const started = performance.now()
    for (;;) {
      gc?.()
      const heap = process.memoryUsage().heapUsed
      const before = { kv: kvOps(counts), sql: counts.sql }
      const outcome = await runBuild(deps, NODE_REQUEST, INVOCATION_BUDGET)
      invocations++
      maxHeap = Math.max(maxHeap, process.memoryUsage().heapUsed - heap)
      maxKv = Math.max(maxKv, kvOps(counts) - before.kv)
      maxSql = Math.max(maxSql, counts.sql - before.sql)
      if (outcome.done || (stop !== undefined && outcome.report.phase === stop))
        return { invocations, maxKv, maxSql, maxHeap, ms: ms(started), report: outcome.report }
    }
  }
  let bytes = 0
  let ingestMs = 0
  const sqlBefore = counts.sql
  const kvBefore = kvOps(counts)
  let page = 0
  const extra: RealisticPage[] = []
  for (const p of realisticPagesWithTruth(n + EXTRA_PAGES)) {
    if (page++ >= n) {
      extra.push(p)
      continue
    }
    bytes += p.doc.text.length
    const started = performance.now()
    await arrive(p)
    ingestMs += ms(started)
  }
  log(
    `ingest: ${fmt(n)} pages (${fmt(bytes / 1e6, 1)} MB): ${fmt(ingestMs / n, 2)} ms a page, ${fmt((counts.sql - sqlBefore) / n, 1)} SQL statements and ${fmt((kvOps(counts) - kvBefore) / n, 1)} KV operations a page`
  )
  const first = await build(until)
  const r = first.report
  if (until) {
    log(
      `first build up to ${until}: ${first.invocations} invocations, ${fmt(first.ms / 1000, 1)} s; per invocation at most ${first.maxKv} KV operations, ${fmt(first.maxSql)} SQL statements, ${fmt(first.maxHeap / 2 ** 20, 1)} MiB heap growth; steps (ms) ${JSON.stringify(r.invocations.phaseMs)}; largest KV value ${fmt(memory.largestValue / 2 ** 20, 2)} MiB`
    )
    return
  }
  log(
    `first build: ${first.invocations} invocations, ${fmt(first.ms / 1000, 1)} s (${fmt((n / first.ms) * 1000)} pages/s); per invocation at most ${first.maxKv} KV operations, ${fmt(first.maxSql)} SQL statements, ${fmt(first.maxHeap / 2 ** 20, 1)} MiB heap growth${gc ? '' : ' (no --expose-gc: growth includes garbage)'}`
  )
  log(`steps (ms): ${JSON.stringify(r.invocations.phaseMs)}`)
  log(
    `result: ${fmt(r.items)} items, ${fmt(r.feeds.documents)} documents, largest KV value ${fmt(memory.largestValue / 2 ** 20, 2)} MiB; stored ${fmt(r.storage.storedBytes / 1e6, 1)} MB gzip for ${fmt(r.storage.rawBytes / 1e6, 1)} MB raw: ${r.storage.storedPerRaw}x`
  )
  for (const p of extra) {
    const started = performance.now()
    const before = { kv: kvOps(counts), sql: counts.sql }
    await arrive(p)
    const ingest = { kv: kvOps(counts) - before.kv, sql: counts.sql - before.sql, ms: ms(started) }
    const added = await build()
    log(
      `+1 page: steps (ms) ${JSON.stringify(added.report.invocations.phaseMs)}; arrival ${fmt(ingest.ms, 1)} ms (${ingest.kv} KV, ${ingest.sql} SQL), build ${fmt(added.ms)} ms in ${added.invocations} invocation(s): ${added.maxKv} KV operations, ${fmt(added.maxSql)} SQL statements, ${added.report.feeds.changed} documents changed`
    )
  }
}

/**
 * The days of a larger site: N pages put into three years are as dense (stories a day) as seven
 * times N over twenty. The same code in Node; items against stories.
 */
async function denseDays(n: number): Promise<void> {
  const since = 2023
  log(
    `\n== Node simulation, ${fmt(n)} realistic pages since ${since} (the days of ${fmt(n * 7)} pages over twenty years) ==`
  )
  const { store, deps, arrive } = nodeBuild()
  const leads = new Map<string, string>()
  for (const p of realisticPagesWithTruth(n, undefined, { since })) {
    leads.set(wordKey(p.lead), p.story)
    await arrive(p)
  }
  const started = performance.now()
  while (!(await runBuild(deps, NODE_REQUEST, INVOCATION_BUDGET)).done) {}
  const items = store.viewing(store.servedBuild(), () =>
    [...store.items(store.itemIdsAfter('', 1e7)).values()].map((i) => ({
      content_text: i.contentText,
    }))
  )
  const c = check(items, leads, n)
  log(
    `first build ${fmt(ms(started) / 1000, 1)} s; ${fmt(c.items)} items for ${fmt(c.stories)} stories: ${c.split} split, ${c.wrong} wrong merges, ${c.unknown} items of no story`
  )
}

/** One build invocation in a worker thread with an isolate's 128 MB of heap (bench/memory-worker.ts). */
function invocationIn128Mb(
  path: string
): Promise<{ done: boolean; heap: number; phase: string | null }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./memory-worker.ts', import.meta.url), {
      workerData: { path, request: NODE_REQUEST },
      resourceLimits: { maxOldGenerationSizeMb: 128 },
      // Its stderr is node:sqlite's experimental warning, once a worker; failures come as events.
      stderr: true,
    })
    worker.once('message', resolve)
    worker.once('error', reject)
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`invocation exited with ${code}`))
    })
  })
}

/**
 * Peak memory, tested rather than estimated: every invocation of a first build and of new pages
 * runs in a worker thread whose heap is capped at 128 MB, over dense days (N pages since 2023: a
 * month's archive of the main feed holds some 280 items, as at 100,000 pages over twenty years).
 */
async function memoryLimit(n: number): Promise<void> {
  log(`\n== Node, ${fmt(n)} pages since 2023: each invocation in a worker with 128 MB of heap ==`)
  const path = join(tmpdir(), `scale-memory-${process.pid}.db`)
  let at = 'the first invocation'
  try {
    const { arrive } = nodeBuild(path)
    const pages = [...realisticPagesWithTruth(n + EXTRA_PAGES, undefined, { since: 2023 })]
    for (const p of pages.slice(0, n)) await arrive(p)
    const build = async () => {
      let invocations = 0
      let heap = 0
      for (;;) {
        const outcome = await invocationIn128Mb(path)
        invocations++
        at = `invocation ${invocations + 1}, after one that ended in ${outcome.phase}`
        heap = Math.max(heap, outcome.heap)
        if (outcome.done) return { invocations, heap }
      }
    }
    const first = await build()
    log(
      `first build: ${first.invocations} invocations, each within 128 MB (heap at the end of one at most ${fmt(first.heap / 2 ** 20)} MiB)`
    )
    for (const p of pages.slice(n)) {
      await arrive(p)
      const added = await build()
      log(
        `+1 page: ${added.invocations} invocation(s) within 128 MB (heap at the end at most ${fmt(added.heap / 2 ** 20)} MiB)`
      )
    }
  } catch (error) {
    log(`over the limit at ${at}: ${error instanceof Error ? error.message : error}`)
  } finally {
    rmSync(path, { force: true })
    rmSync(`${path}-wal`, { force: true })
    rmSync(`${path}-shm`, { force: true })
  }
}

async function main() {
  for (const n of sizes('SCALE_WORKERD', '1000,10000')) await workerdScale(n)
  for (const n of sizes('SCALE_NODE', '10000,100000')) await nodeScale(n)
  for (const n of sizes('SCALE_DENSE', '10000')) await denseDays(n)
  for (const n of sizes('SCALE_MEMORY', '10000')) await memoryLimit(n)
}

main().catch((error) => {
  process.stderr.write(`scale bench failed: ${error instanceof Error ? error.stack : error}\n`)
  process.exit(1)
})
