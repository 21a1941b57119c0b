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
import { realisticPagesWithTruth } from './realistic'

type Frame = { functionName: string; url: string; lineNumber: number }
type ProfileNode = { id: number; callFrame: Frame; children?: number[] }
type Profile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }

const PAGES = Number(process.env.PROFILE_PAGES ?? 1000)
const ADDED = Number(process.env.PROFILE_ADDED ?? 10)
const FIRST = process.env.PROFILE_FIRST === '1'
const INSPECTOR_PORT = 9231

/** A DevTools session on workerd's inspector: one websocket, request by request. */
async function devtools(port: number) {
  const targets = (await (await fetch(`http://127.0.0.1:${port}/json`)).json()) as Array<{
    webSocketDebuggerUrl: string
  }>
  const target = targets[0]
  if (!target) throw new Error('no inspector target')
  const socket = new WebSocket(target.webSocketDebuggerUrl)
  await new Promise((resolve, reject) => {
    socket.addEventListener('open', resolve)
    socket.addEventListener('error', reject)
  })
  let next = 1
  const waiting = new Map<number, (result: unknown) => void>()
  socket.addEventListener('message', (event) => {
    const message = JSON.parse(String(event.data)) as { id?: number; result?: unknown }
    if (message.id !== undefined) waiting.get(message.id)?.(message.result)
  })
  return {
    send: <T>(method: string, params: object = {}) =>
      new Promise<T>((resolve) => {
        const id = next++
        waiting.set(id, resolve as (result: unknown) => void)
        socket.send(JSON.stringify({ id, method, params }))
      }),
    close: () => socket.close(),
  }
}

/** Self time per function, most first. */
function selfTimes(profile: Profile): Array<[string, number]> {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const self = new Map<string, number>()
  profile.samples.forEach((id, i) => {
    const frame = byId.get(id)?.callFrame
    if (!frame) return
    const key = `${frame.functionName || '(anonymous)'} ${frame.url.split('/').pop()}:${frame.lineNumber}`
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000)
  })
  return [...self].sort((a, b) => b[1] - a[1])
}

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
    await session.send('Profiler.enable')
    await session.send('Profiler.setSamplingInterval', { interval: 200 })
    await session.send('Profiler.start')
    if (FIRST) await build()
    else
      for (let i = PAGES; i < PAGES + ADDED; i++) {
        await post(i)
        await build()
      }
    const { profile } = await session.send<{ profile: Profile }>('Profiler.stop')
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
