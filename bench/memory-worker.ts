/**
 * One build invocation in a worker thread whose heap is limited as an isolate's is (128 MB), for
 * bench/scale.bench.ts: over the store file it is given, with a KV of its own (an invocation
 * writes blobs and reads none: pages arrive extracted). Exits with an out-of-memory error when
 * the invocation needs more.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { INVOCATION_BUDGET, runBuild } from '../src/build/job'
import { MemoryKv, nodeSql } from '../src/cli/node-store'
import { buildConfig } from '../src/content'
import { DerivedStore } from '../src/store/derived'
import { countingKv, zeroCounts } from '../src/store/sql'

const { path, request } = workerData as { path: string; request: Parameters<typeof runBuild>[1] }
const counts = zeroCounts()
const outcome = await runBuild(
  {
    kv: countingKv(new MemoryKv().asBinding(), counts),
    store: new DerivedStore(nodeSql(counts, path)),
    config: buildConfig,
    now: () => new Date(),
    fetch: async () => new Response(null),
    counts,
  },
  request,
  INVOCATION_BUDGET
)
parentPort?.postMessage({
  done: outcome.done,
  heap: process.memoryUsage().heapUsed,
  phase: outcome.report.phase ?? null,
})
