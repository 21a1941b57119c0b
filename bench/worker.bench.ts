/**
 * `npm run bench` (after the pipeline bench): what serving and rebuilding cost in the worker, on
 * 127.0.0.1 only, in bounded runs (about 2 minutes in all).
 *
 * 1. The worker is bundled as `wrangler deploy --dry-run` bundles it and run through Miniflare's
 *    API (src/cli/local-worker.ts, shared with the browser tests): one workerd owns the port
 *    (`wrangler dev` would add a proxy workerd in front). The real pages of `content/pages` go in
 *    through the admin API, then `POST /admin/rebuild`.
 * 2. Serving, each scenario measured in rounds interleaved with the others: requests per second,
 *    latency p50/p99 (fractional ms, every response) and server CPU per request: utime + stime of
 *    the server's processes (/proc/<pid>/stat) over the run, divided by the responses. Scenarios:
 *    a hot `GET /feed.xml`, a 304 for `If-None-Match`, a filtered feed rendered on request, the
 *    cheapest route of the worker (a CORS preflight, no KV read) and nginx (or node:http when
 *    nginx is not installed) serving the same bytes from a file.
 * Builds at scale are measured by bench/scale.bench.ts.
 *
 * Targets are reported, never enforced: the bench exits 0 whatever the figures.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import {
  accessSync,
  chmodSync,
  constants,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { createServer } from 'node:net'
import { availableParallelism, loadavg, tmpdir } from 'node:os'
import { delimiter, join } from 'node:path'
import autocannon from 'autocannon'
import { LOCAL_HOST, type LocalWorker, startLocalWorker } from '../src/cli/local-worker'
import type { Manifest } from '../src/store/builds'
import { gunzip } from '../src/store/gzip'
import { blobKey, buildKey, CURRENT_KEY } from '../src/store/keys'
import { loadRealPages } from './corpus'
import { treeCpuSeconds, workerdPid } from './proc'

const ROOT = join(import.meta.dirname, '..')
const HOST = LOCAL_HOST
/** Concurrent keep-alive connections: enough to keep one isolate busy, few enough for latency. */
const CONNECTIONS = 4
const WARMUP_SECONDS = 1
const ROUND_SECONDS = 4
const ROUNDS = 3
/** A bound on each run besides its duration. */
const MAX_REQUESTS_PER_RUN = 100_000
/** Whatever happens, the bench ends: past this it stops its servers and exits. */
const WATCHDOG_MS = 240_000

const log = (line = '') => process.stdout.write(`${line}\n`)
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number
}

// --- Processes and their CPU time ---------------------------------------------------------------

// --- Load ---------------------------------------------------------------------------------------

type Target = { name: string; url: string; pid: number }
type Scenario = {
  key: string
  label: string
  target: () => Target
  method: 'GET' | 'OPTIONS'
  path: string
  headers: Record<string, string>
  status: number
}
type Run = {
  responses: number
  seconds: number
  serverCpu: number
  clientCpu: number
  latencies: number[]
  statuses: Map<number, number>
  errors: number
}

async function load(scenario: Scenario, seconds: number): Promise<Run> {
  const target = scenario.target()
  const latencies: number[] = []
  const statuses = new Map<number, number>()
  let errors = 0
  const cpuBefore = treeCpuSeconds(target.pid)
  const clientBefore = process.cpuUsage()
  const started = performance.now()
  await new Promise<void>((resolve, reject) => {
    const instance = autocannon(
      {
        url: `${target.url}${scenario.path}`,
        method: scenario.method,
        headers: scenario.headers,
        connections: CONNECTIONS,
        duration: seconds,
        maxOverallRequests: MAX_REQUESTS_PER_RUN,
        timeout: 10,
      },
      (error) => (error ? reject(error) : resolve())
    )
    instance.on('response', (_client, status, _bytes, ms) => {
      latencies.push(ms)
      statuses.set(status, (statuses.get(status) ?? 0) + 1)
    })
    instance.on('reqError', () => {
      errors++
    })
  })
  const elapsed = (performance.now() - started) / 1000
  const client = process.cpuUsage(clientBefore)
  return {
    responses: latencies.length,
    seconds: elapsed,
    serverCpu: treeCpuSeconds(target.pid) - cpuBefore,
    clientCpu: (client.user + client.system) / 1e6,
    latencies,
    statuses,
    errors,
  }
}

type Figures = {
  scenario: Scenario
  target: string
  responses: number
  rps: number
  p50: number
  p99: number
  cpuUs: number
  cpuUsRounds: number[]
  clientUs: number
  unexpected: string
}

function summarize(scenario: Scenario, target: string, runs: readonly Run[]): Figures {
  const responses = runs.reduce((s, r) => s + r.responses, 0)
  const seconds = runs.reduce((s, r) => s + r.seconds, 0)
  const serverCpu = runs.reduce((s, r) => s + r.serverCpu, 0)
  const clientCpu = runs.reduce((s, r) => s + r.clientCpu, 0)
  const latencies = runs.flatMap((r) => r.latencies).sort((a, b) => a - b)
  const statuses = new Map<number, number>()
  for (const r of runs) for (const [s, n] of r.statuses) statuses.set(s, (statuses.get(s) ?? 0) + n)
  const errors = runs.reduce((s, r) => s + r.errors, 0)
  const odd = [...statuses].filter(([s]) => s !== scenario.status).map(([s, n]) => `${n}×${s}`)
  if (errors > 0) odd.push(`${errors} errors`)
  return {
    scenario,
    target,
    responses,
    rps: responses / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    cpuUs: (serverCpu / responses) * 1e6,
    cpuUsRounds: runs.map((r) => (r.serverCpu / r.responses) * 1e6),
    clientUs: (clientCpu / responses) * 1e6,
    unexpected: odd.join(', '),
  }
}

// --- The worker ---------------------------------------------------------------------------------

/** Whether `serveFeed` answers OPTIONS before its first KV read, as the empty route needs. */
function preflightSkipsKv(): boolean {
  const source = readFileSync(join(ROOT, 'src', 'http', 'feeds.ts'), 'utf8')
  const serve = source.indexOf('async function serveFeed(')
  const preflight = source.indexOf('return preflight()', serve)
  const firstRead = source.indexOf('requireBuild(c)', serve)
  return serve >= 0 && preflight > serve && (firstRead < 0 || preflight < firstRead)
}

// --- The baseline -------------------------------------------------------------------------------

function findNginx(): string | null {
  const configured = process.env.NGINX
  if (configured !== undefined)
    return configured === '' || configured === 'none' ? null : configured
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/usr/local/sbin']
  for (const dir of dirs) {
    const candidate = join(dir, 'nginx')
    try {
      accessSync(candidate, constants.X_OK)
      return candidate
    } catch {}
  }
  return null
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, HOST, () => {
      const address = server.address()
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port'))
      )
    })
  })
}

async function untilServes(url: string, child: ChildProcess, name: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}`)
    const ok = await fetch(url).then(
      (r) => r.ok,
      () => false
    )
    if (ok) return
    await sleep(50)
  }
  throw new Error(`${name} did not answer ${url}`)
}

type Baseline = { name: string; detail: string; url: string; child: ChildProcess }

/** nginx (one worker process, sendfile, access log off) serving `dir/feed.xml`. */
async function startNginx(binary: string, dir: string, contentType: string): Promise<Baseline> {
  const port = await freePort()
  const conf = join(dir, 'nginx.conf')
  const [type] = contentType.split(';')
  const temp = (name: string) => `${name}_temp_path ${join(dir, `${name}-temp`)};`
  writeFileSync(
    conf,
    `daemon off;
worker_processes 1;
pid ${join(dir, 'nginx.pid')};
error_log ${join(dir, 'error.log')} warn;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  types { ${type} xml; }
  ${['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(temp).join('\n  ')}
  server {
    listen ${HOST}:${port};
    root ${join(dir, 'www')};
  }
}
`
  )
  const child = spawn(binary, ['-p', dir, '-c', conf, '-e', join(dir, 'error.log')], {
    stdio: 'ignore',
  })
  const url = `http://${HOST}:${port}`
  await untilServes(`${url}/feed.xml`, child, 'nginx')
  const version = spawnSync(binary, ['-v'], { encoding: 'utf8' }).stderr.trim()
  return { name: 'nginx', detail: `${version} (${binary}), 1 worker process`, url, child }
}

/** bench/static-server.ts in its own Node process, serving the file's bytes from memory. */
async function startNodeServer(file: string, contentType: string): Promise<Baseline> {
  const script = join(import.meta.dirname, 'static-server.ts')
  const child = spawn(process.execPath, [script, file, contentType], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const port = await new Promise<number>((resolve, reject) => {
    let out = ''
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const m = /listening (\d+)/.exec(out)
      if (m) resolve(Number(m[1]))
    })
    child.once('exit', (code) => reject(new Error(`static-server exited with ${code}`)))
  })
  const url = `http://${HOST}:${port}`
  await untilServes(`${url}/feed.xml`, child, 'node:http')
  return {
    name: 'node:http',
    detail: `node ${process.version} node:http, body from memory`,
    url,
    child,
  }
}

// --- Output -------------------------------------------------------------------------------------

const fixed = (n: number, digits: number) => (Number.isFinite(n) ? n.toFixed(digits) : '-')
const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(2)}x` : '-')

function table(rows: readonly string[][], right: ReadonlySet<number>): string {
  const widths = (rows[0] ?? []).map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)))
  return rows
    .map((r) =>
      r
        .map((cell, i) =>
          right.has(i) ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)
        )
        .join('  ')
        .trimEnd()
    )
    .join('\n')
}

const loadLine = () =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(' ')

function verdict(ok: boolean): string {
  return ok ? 'PASS' : 'FAIL'
}

// --- Main ---------------------------------------------------------------------------------------

async function serving(worker: LocalWorker, workerPid: number, work: string) {
  const { miniflare: mf, url: base } = worker
  await worker.addPages(loadRealPages())
  const report = await worker.rebuild()
  log(
    `served corpus: ${report.documents} real pages -> ${report.items} items, ${report.feeds.documents} documents`
  )

  const hot = await fetch(new URL('/feed.xml', base))
  const body = new Uint8Array(await hot.arrayBuffer())
  const etag = hot.headers.get('etag') ?? ''
  const contentType = hot.headers.get('content-type') ?? 'application/rss+xml'
  const kv = await mf.getKVNamespace('CORPUS')
  const currentId = await kv.get(CURRENT_KEY)
  const manifestText = currentId ? await kv.get(buildKey(currentId)) : null
  const manifest = manifestText ? (JSON.parse(manifestText) as Manifest) : null
  const blob = manifest?.docs['/feed.xml']?.blob
  // A blob is named by its stored (gzip) bytes: the hot path serves it as stored when those bytes
  // unzip to the body sent.
  const stored = blob === undefined ? null : await kv.get(blobKey(blob), 'arrayBuffer')
  const prebuilt = stored !== null && gunzip(stored) === new TextDecoder().decode(body)
  const filtered = await (await fetch(new URL('/feed.xml?q=council', base))).text()
  const filteredItems = filtered.split('<item>').length - 1
  log(
    `/feed.xml: ${hot.status}, ${body.byteLength} bytes, ETag ${etag}, ${prebuilt ? 'the prebuilt blob of the build (served as stored)' : 'NOT the prebuilt blob: the hot path is re-rendering'}`
  )
  log(
    `/feed.xml?q=council: ${filteredItems} items, ${filtered.length} characters, rendered per request`
  )
  const emptyOk = preflightSkipsKv()
  log(
    `empty route: OPTIONS /feed.xml (CORS preflight, 204). ${emptyOk ? 'Verified in src/http/feeds.ts: serveFeed returns preflight() before requireBuild(), so it reads no KV' : 'WARNING: src/http/feeds.ts no longer answers OPTIONS before requireBuild(): the "empty route" may read KV'}; it goes through the same Hono app and feed-path match as a GET. The worker has no route that does less.`
  )

  const www = join(work, 'www')
  const feedFile = join(www, 'feed.xml')
  mkdirSync(www, { recursive: true })
  writeFileSync(feedFile, body)
  for (const path of [work, www]) chmodSync(path, 0o755)
  chmodSync(feedFile, 0o644)
  const nginx = findNginx()
  const baseline = nginx
    ? await startNginx(nginx, work, contentType)
    : await startNodeServer(feedFile, contentType)
  if (!nginx)
    log(
      'baseline: nginx was not found (apt-get install -y nginx), using a node:http server instead'
    )
  log(`baseline: ${baseline.detail}, ${baseline.url}/feed.xml`)
  const baselinePid = baseline.child.pid
  if (baselinePid === undefined) throw new Error('the baseline server has no pid')

  try {
    const workerd = (): Target => ({ name: 'workerd', url: base.origin, pid: workerPid })
    const other = (): Target => ({ name: baseline.name, url: baseline.url, pid: baselinePid })
    const scenarios: Scenario[] = [
      {
        key: 'a',
        label: 'GET /feed.xml (hot)',
        target: workerd,
        method: 'GET',
        path: '/feed.xml',
        headers: {},
        status: 200,
      },
      {
        key: 'b',
        label: 'GET /feed.xml If-None-Match',
        target: workerd,
        method: 'GET',
        path: '/feed.xml',
        headers: { 'if-none-match': etag },
        status: 304,
      },
      {
        key: 'c',
        label: 'GET /feed.xml?q=council',
        target: workerd,
        method: 'GET',
        path: '/feed.xml?q=council',
        headers: {},
        status: 200,
      },
      {
        key: 'd',
        label: 'OPTIONS /feed.xml (empty)',
        target: workerd,
        method: 'OPTIONS',
        path: '/feed.xml',
        headers: { origin: 'https://reader.example', 'access-control-request-method': 'GET' },
        status: 204,
      },
      {
        key: 'e',
        label: `${baseline.name} GET /feed.xml (file)`,
        target: other,
        method: 'GET',
        path: '/feed.xml',
        headers: {},
        status: 200,
      },
    ]
    log(
      `\nload: autocannon in this process, ${CONNECTIONS} keep-alive connections, no Accept-Encoding (the edge compresses, not the worker); per scenario ${WARMUP_SECONDS} s warm-up, then ${ROUNDS} rounds of ${ROUND_SECONDS} s interleaved with the other scenarios (at most ${MAX_REQUESTS_PER_RUN} requests a run)`
    )
    for (const s of scenarios) await load(s, WARMUP_SECONDS)
    const runs = new Map<string, Run[]>(scenarios.map((s) => [s.key, []]))
    for (let round = 0; round < ROUNDS; round++)
      for (const s of scenarios) runs.get(s.key)?.push(await load(s, ROUND_SECONDS))
    return {
      baseline,
      figures: scenarios.map((s) => summarize(s, s.target().name, runs.get(s.key) ?? [])),
    }
  } finally {
    baseline.child.kill('SIGTERM')
  }
}

function printServing(figures: readonly Figures[], baselineName: string) {
  const empty = figures.find((f) => f.scenario.key === 'd')
  const base = figures.find((f) => f.scenario.key === 'e')
  const hot = figures.find((f) => f.scenario.key === 'a')
  const notModified = figures.find((f) => f.scenario.key === 'b')
  if (!empty || !base || !hot || !notModified) throw new Error('a scenario is missing')
  const rows = [
    [
      'scenario',
      'server',
      'status',
      'responses',
      'req/s',
      'p50 ms',
      'p99 ms',
      'CPU us/req',
      '(rounds)',
      'x empty',
      `x ${baselineName}`,
      'client us/req',
    ],
    ...figures.map((f) => [
      `(${f.scenario.key}) ${f.scenario.label}`,
      f.target,
      String(f.scenario.status),
      String(f.responses),
      fixed(f.rps, 0),
      fixed(f.p50, 2),
      fixed(f.p99, 2),
      fixed(f.cpuUs, 1),
      f.cpuUsRounds.map((c) => fixed(c, 0)).join('/'),
      ratio(f.cpuUs, empty.cpuUs),
      ratio(f.cpuUs, base.cpuUs),
      fixed(f.clientUs, 1),
    ]),
  ]
  log(`\n${table(rows, new Set([2, 3, 4, 5, 6, 7, 8, 9, 10, 11]))}`)
  const rpsRows = [
    ['req/s ratios', 'x empty', `x ${baselineName}`],
    ...figures.map((f) => [`(${f.scenario.key})`, ratio(f.rps, empty.rps), ratio(f.rps, base.rps)]),
  ]
  log(`\n${table(rpsRows, new Set([1, 2]))}`)
  for (const f of figures)
    if (f.unexpected) log(`WARNING (${f.scenario.key}): unexpected responses: ${f.unexpected}`)
  log(
    "\nCPU us/req: the server process tree's utime+stime (/proc/<pid>/stat, 10 ms ticks) over all rounds / responses; workerd includes Miniflare's entry worker and local KV, both in that process. client us/req: the load generator (this Node process)."
  )
  const hotRatio = hot.cpuUs / empty.cpuUs
  const nmRatio = notModified.cpuUs / empty.cpuUs
  log('\ntargets (reported, not enforced):')
  log(
    `  ${verdict(hotRatio <= 2)}  hot 200 CPU <= 2x the empty route: ${hotRatio.toFixed(2)}x (${fixed(hot.cpuUs, 0)} vs ${fixed(empty.cpuUs, 0)} us/req)`
  )
  log(
    `  ${verdict(nmRatio <= 1.3)}  304 CPU <= 1.3x the empty route: ${nmRatio.toFixed(2)}x (${fixed(notModified.cpuUs, 0)} vs ${fixed(empty.cpuUs, 0)} us/req)`
  )
}

async function main() {
  const benchStarted = performance.now()
  const watchdog = setTimeout(() => {
    log(`worker bench: still running after ${WATCHDOG_MS / 1000} s, giving up`)
    process.exit(1)
  }, WATCHDOG_MS)
  watchdog.unref()
  const work = mkdtempSync(join(tmpdir(), 'worker-bench-'))
  let worker: LocalWorker | null = null
  try {
    worker = await startLocalWorker()
    const { script, url: base } = worker
    log(
      `worker: ${script} (${(readFileSync(script).byteLength / 1024).toFixed(0)} KiB, wrangler deploy --dry-run, ${(worker.bundleMs / 1000).toFixed(1)} s), Miniflare API, compatibility date ${worker.compatibilityDate}`
    )
    log(
      `machine: ${availableParallelism()} CPUs, load average ${loadLine()} (other processes' load skews req/s and latency more than CPU per request)`
    )
    const pid = workerdPid()
    log(`workerd pid ${pid} serves ${base.origin} (one workerd process, no proxy)`)
    const { baseline, figures } = await serving(worker, pid, work)
    log(`\nload average after the serving runs: ${loadLine()}`)
    printServing(figures, baseline.name)
  } finally {
    await worker?.stop()
    rmSync(work, { recursive: true, force: true })
  }
  log(`\nworker bench total: ${((performance.now() - benchStarted) / 1000).toFixed(0)} s`)
}

main().catch((error) => {
  process.stderr.write(`worker bench failed: ${error instanceof Error ? error.stack : error}\n`)
  process.exit(1)
})
