/**
 * `npm start`: loads `content/pages` into the local KV, starts the worker with `wrangler dev` on
 * 127.0.0.1:$PORT (default 8787), rebuilds through the cron handler and says where the feeds
 * are. ADMIN_TOKEN, BASE_URL and WEBSUB_HUB from the environment are passed to the worker.
 */
import { ingest } from './ingest'
import { wranglerLive } from './wrangler'

const PORT = process.env.PORT || '8787'
const BASE = `http://127.0.0.1:${PORT}`
const PASSED_VARS = ['ADMIN_TOKEN', 'BASE_URL', 'WEBSUB_HUB']
const log = (line: string) => process.stdout.write(`${line}\n`)
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function until<T>(what: string, probe: () => Promise<T | null>, seconds = 90): Promise<T> {
  for (let i = 0; i < seconds * 4; i++) {
    const value = await probe().catch(() => null)
    if (value !== null) return value
    await sleep(250)
  }
  throw new Error(`start: timed out waiting for ${what}`)
}

async function main() {
  ingest(['content/pages'], false, log)
  // Only npm start links to the local origin by default; a deployment sets BASE_URL.
  const settings: Record<string, string | undefined> = { BASE_URL: BASE, ...process.env }
  const vars = [
    ...PASSED_VARS.filter((k) => settings[k]).flatMap((k) => ['--var', `${k}:${settings[k]}`]),
    // wrangler dev's proxy asks the worker for gzip on behalf of every client (curl included).
    '--var',
    'SEND_GZIP:off',
  ]
  const dev = wranglerLive([
    'dev',
    '--ip',
    '127.0.0.1',
    '--port',
    PORT,
    '--test-scheduled',
    ...vars,
  ])
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => dev.kill(signal))
  dev.on('exit', (code) => process.exit(code ?? 0))

  const startedAt = new Date().toISOString()
  await until('the worker', async () =>
    (await fetch(`${BASE}/__scheduled?cron=*/30+*+*+*+*`)).ok ? true : null
  )
  const report = await until('the rebuild', async () => {
    const response = await fetch(`${BASE}/build.json`)
    const body = response.ok
      ? ((await response.json()) as {
          startedAt: string
          documents: number
          items: number
          pending: number
        })
      : null
    return body && body.startedAt >= startedAt && body.pending === 0 ? body : null
  })
  log(`start: built ${report.items} items from ${report.documents} pages`)
  log(
    `start: serving ${BASE}/ — feeds ${BASE}/feed.xml ${BASE}/atom.xml ${BASE}/feed.json, topics ${BASE}/topics/<slug>/feed.xml, ${BASE}/opml.xml`
  )
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.message : error}\n`)
  process.exit(1)
})
