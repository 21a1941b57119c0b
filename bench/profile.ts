/**
 * `npm run profile`: a CPU profile of the worker inside workerd (DevTools protocol on
 * the inspector port) while pages are added one at a time to a realistic corpus, each followed
 * by its build: where an incremental build spends its CPU, which timers inside workerd cannot
 * say. PROFILE_PAGES=1000 PROFILE_ADDED=10 (PROFILE_FIRST=1: the first build of the PROFILE_PAGES
 * instead); writes test-results/worker.cpuprofile (open it in Chromium's DevTools) and prints the
 * functions with the most self time.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { startLocalWorker } from '../src/cli/local-worker'
import { devtools, profiling, selfTimes } from './devtools'
import { realisticPagesWithTruth } from './realistic'

const PAGES = Number(process.env.PROFILE_PAGES ?? 1000)
const ADDED = Number(process.env.PROFILE_ADDED ?? 10)
const FIRST = process.env.PROFILE_FIRST === '1'
const INSPECTOR_PORT = 9231

async function main() {
  const pages = [...realisticPagesWithTruth(PAGES + ADDED)]
  const worker = await startLocalWorker({
    vars: { BUILD_ALARMS: 'off', BASE_URL: 'http://bench.example' },
    inspectorPort: INSPECTOR_PORT,
  })
  try {
    const post = (i: number) => {
      const doc = pages[i]?.doc
      if (!doc) throw new Error(`no page ${i}`)
      return worker.admin(`/admin/documents?name=${encodeURIComponent(doc.name)}`, doc.text)
    }
    const build = async () => {
      while ((await worker.admin('/admin/rebuild')).status !== 200) {}
    }
    for (let i = 0; i < PAGES; i++) await post(i)
    if (!FIRST) await build()
    const session = await devtools(INSPECTOR_PORT)
    const profiler = await profiling(session, 200)
    if (FIRST) await build()
    else
      for (let i = PAGES; i < PAGES + ADDED; i++) {
        await post(i)
        await build()
      }
    const profile = await profiler.stop()
    session.close()
    mkdirSync('test-results', { recursive: true })
    writeFileSync('test-results/worker.cpuprofile', JSON.stringify(profile))
    const times = selfTimes(profile)
    const total = times.reduce((sum, [, ms]) => sum + ms, 0)
    const what = FIRST ? `first build of ${PAGES} pages` : `${ADDED} pages added to ${PAGES}`
    process.stdout.write(`${what}: ${total.toFixed(0)} ms sampled\n`)
    for (const [name, ms] of times.slice(0, 40))
      process.stdout.write(`${ms.toFixed(1).padStart(8)} ms  ${name}\n`)
  } finally {
    await worker.stop()
  }
}

main().catch((error) => {
  process.stderr.write(`profile failed: ${error instanceof Error ? error.stack : error}\n`)
  process.exit(1)
})
