/**
 * `npm run bench`: throughput of the whole pipeline over a synthetic corpus of at least 5 MB made
 * by mutating the real pages in `content/pages`: teasers shuffled between pages, dates shifted,
 * numbers and names changed, whitespace and line endings varied. Each story comes in a number of
 * variants, each variant on several pages, so that merging has exact copies, near copies and
 * look-alikes that must stay apart.
 *
 * Prints the median throughput of `runPipeline` next to trivial passes over the same bytes, so
 * that the figure reads as a ratio as well as in MB/s (MB = 10^6 bytes of UTF-8). No assertion
 * on time: this is a measurement, not a test.
 */
import { pipelineConfig } from '../src/content'
import type { RawDoc } from '../src/model'
import { emptyRegistry, type PipelineResult, runPipeline } from '../src/pipeline'
import { normalizeText } from '../src/pipeline/normalize'
import { loadRealPages, syntheticCorpus } from './corpus'

const TARGET_BYTES = 5 * 1024 * 1024
/** Pages of about 7 KB: enough of them for at least TARGET_BYTES. */
const PAGES = 760
const PIPELINE_RUNS = 9
const BASELINE_RUNS = 9
/** The synthetic corpus of bench/corpus.ts (the worker bench uses it too), grown to 5 MB. */
function buildCorpus(pages: readonly RawDoc[]): RawDoc[] {
  for (let count = PAGES; ; count += 100) {
    const docs = syntheticCorpus(pages, count)
    if (docs.reduce((sum, d) => sum + Buffer.byteLength(d.text, 'utf8'), 0) >= TARGET_BYTES)
      return docs
  }
}

// --- Measuring --------------------------------------------------------------------------------

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2
}

/** Median milliseconds of `runs` runs of `fn`, after one run to warm up if `warmUp`. */
function measure(runs: number, fn: () => unknown, warmUp: boolean): { ms: number; all: number[] } {
  if (warmUp) fn()
  const all: number[] = []
  for (let i = 0; i < runs; i++) {
    const start = performance.now()
    fn()
    all.push(performance.now() - start)
  }
  return { ms: median(all), all }
}

let sink = 0

function main(): void {
  const benchStart = performance.now()
  const pages = loadRealPages()
  const buildStart = performance.now()
  const docs = buildCorpus(pages)
  const buildMs = performance.now() - buildStart
  const bytes = docs.reduce((sum, d) => sum + Buffer.byteLength(d.text, 'utf8'), 0)
  const mb = bytes / 1e6
  const distinct = new Set(docs.map((d) => d.text)).size
  console.log(
    `corpus: ${docs.length} pages (${distinct} distinct), ${mb.toFixed(2)} MB, from ${pages.length} real pages, built in ${(buildMs / 1000).toFixed(1)} s`
  )

  const split = measure(
    BASELINE_RUNS,
    () => {
      for (const d of docs) for (const line of d.text.split('\n')) sink += line.toLowerCase().length
    },
    true
  )
  const normalize = measure(
    BASELINE_RUNS,
    () => {
      for (const d of docs) sink += normalizeText(d.text).length
    },
    true
  )
  let result: PipelineResult | null = null
  const pipeline = measure(
    PIPELINE_RUNS,
    () => {
      result = runPipeline(docs, pipelineConfig, emptyRegistry())
    },
    false
  )
  const stats = (result as PipelineResult | null)?.stats
  if (!stats) throw new Error('the pipeline did not run')

  const rate = (ms: number) => mb / (ms / 1000)
  const row = (name: string, m: { ms: number; all: number[] }) =>
    `${name.padEnd(34)} ${m.ms.toFixed(1).padStart(9)} ms ${rate(m.ms).toFixed(2).padStart(9)} MB/s   ${(pipeline.ms / m.ms).toFixed(1).padStart(8)}x faster than runPipeline   (runs: ${m.all.map((t) => t.toFixed(0)).join(', ')})`
  console.log(
    `\nmedian of ${PIPELINE_RUNS} pipeline runs and of ${BASELINE_RUNS} runs of each baseline (after a warm-up run):`
  )
  console.log(row('split("\\n") + toLowerCase', split))
  console.log(row('normalizeText', normalize))
  console.log(row('runPipeline', pipeline))
  console.log(
    `\nrunPipeline: ${rate(pipeline.ms).toFixed(2)} MB/s = ${(split.ms / pipeline.ms).toFixed(4)} of split+lowercase, ${(normalize.ms / pipeline.ms).toFixed(4)} of normalizeText`
  )
  console.log(
    `pages: ${stats.documents}, page items: ${stats.pageItems}, merged items: ${stats.items}, merges: ${stats.merges}`
  )
  console.log(`bench total: ${((performance.now() - benchStart) / 1000).toFixed(0)} s`)
  if (sink < 0) console.log(sink)
}

main()
