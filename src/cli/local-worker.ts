/**
 * The worker on 127.0.0.1 for the bench and the browser tests: bundled as `wrangler deploy
 * --dry-run` bundles it and run through Miniflare's API, so one workerd owns the port (`wrangler
 * dev` would add a proxy workerd in front) with its own in-memory KV. Pages go in through the
 * admin API, as on a deployment.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { convertV4MiniflareOptions, Miniflare } from 'miniflare'
import type { BuildReport } from '../build/report'
import type { RawDoc } from '../model'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const WRANGLER_TOML = join(ROOT, 'wrangler.toml')
const PAGES_DIR = join(ROOT, 'content', 'pages')
export const LOCAL_HOST = '127.0.0.1'
const DEFAULT_TOKEN = 'local-worker'

export type LocalWorkerOptions = {
  /** The admin token the worker is started with (the admin API is off without one). */
  adminToken?: string
  /** Other settings (`BASE_URL`, `WEBSUB_HUB`). */
  vars?: Record<string, string>
  /** Port on 127.0.0.1; default 0, a free one. */
  port?: number
  /** A DevTools inspector port, for profiling the worker (bench/profile.ts); default none. */
  inspectorPort?: number
}

export type LocalWorker = {
  /** Where it serves, `http://127.0.0.1:<port>/`. */
  url: URL
  /** The bundled script. */
  script: string
  bundleMs: number
  compatibilityDate: string
  miniflare: Miniflare
  /** `POST path` with the admin token; throws unless 2xx. */
  admin(path: string, body?: string): Promise<Response>
  /** Adds pages through `POST /admin/documents`. */
  addPages(pages: readonly RawDoc[]): Promise<void>
  /** `POST /admin/rebuild`: the build report. */
  rebuild(): Promise<BuildReport>
  /** Stops workerd and deletes the bundle. */
  stop(): Promise<void>
}

/** The pages of `content/pages`, sorted by name. */
export function contentPages(): RawDoc[] {
  return readdirSync(PAGES_DIR)
    .filter((name) => name.endsWith('.txt'))
    .sort()
    .map((name) => ({ name, text: readFileSync(join(PAGES_DIR, name), 'utf8') }))
}

/** wrangler.toml's `compatibility_date`, so the local worker runs on the deployed date. */
function compatibilityDate(): string {
  const match = /^compatibility_date\s*=\s*"([^"]+)"/m.exec(readFileSync(WRANGLER_TOML, 'utf8'))
  if (!match?.[1]) throw new Error(`no compatibility_date in ${WRANGLER_TOML}`)
  return match[1]
}

/**
 * wrangler.toml for a bundle that is never uploaded: without its build command (the deploy check,
 * which refuses the repository's placeholders: a local bundle needs none of them set) and with
 * `main` absolute, written beside `outdir`. Everything else is the deployed configuration.
 */
function bundleConfig(outdir: string): string {
  const deployed = readFileSync(WRANGLER_TOML, 'utf8')
  const main = /^main = "([^"]+)"$/m.exec(deployed)?.[1]
  const toml = deployed
    .replace(/^\[build\]\n(?:[^[\n][^\n]*\n|\n)*/m, '')
    .replace(/^main = .*$/m, `main = ${JSON.stringify(join(ROOT, main ?? ''))}`)
  if (!main || /^\[build\]/m.test(toml))
    throw new Error(`local-worker: cannot make a bundle configuration of ${WRANGLER_TOML}`)
  const path = join(dirname(outdir), 'wrangler.bundle.toml')
  writeFileSync(path, toml)
  return path
}

/** The worker as `wrangler deploy` would upload it (offline; nothing is deployed): its path. */
export function bundleWorker(outdir: string): string {
  const wrangler = join(ROOT, 'node_modules', 'wrangler', 'bin', 'wrangler.js')
  const run = spawnSync(
    process.execPath,
    [wrangler, 'deploy', '--dry-run', '--outdir', outdir, '--config', bundleConfig(outdir)],
    { cwd: ROOT, encoding: 'utf8', env: { ...process.env, WRANGLER_SEND_METRICS: 'false' } }
  )
  if (run.status !== 0) throw new Error(`wrangler deploy --dry-run failed:\n${run.stderr}`)
  return join(outdir, 'index.js')
}

/** Bundles the worker and starts it on 127.0.0.1; call `stop()` when done. */
export async function startLocalWorker(options: LocalWorkerOptions = {}): Promise<LocalWorker> {
  const token = options.adminToken ?? DEFAULT_TOKEN
  const dir = mkdtempSync(join(tmpdir(), 'local-worker-'))
  try {
    const started = performance.now()
    const script = bundleWorker(join(dir, 'dist'))
    const bundleMs = performance.now() - started
    const date = compatibilityDate()
    // Miniflare 5 still takes the v4 shape of options through this converter.
    const miniflare = new Miniflare(
      convertV4MiniflareOptions({
        modules: true,
        scriptPath: script,
        modulesRoot: dirname(script),
        compatibilityDate: date,
        kvNamespaces: ['CORPUS'],
        durableObjects: { BUILDER: { className: 'Builder', useSQLite: true } },
        bindings: { ...options.vars, ADMIN_TOKEN: token },
        host: LOCAL_HOST,
        port: options.port ?? 0,
        ...(options.inspectorPort ? { inspectorPort: options.inspectorPort } : {}),
      })
    )
    const url = await miniflare.ready.catch(async (error: unknown) => {
      await miniflare.dispose().catch(() => {})
      throw error
    })
    const admin = async (path: string, body?: string) => {
      const response = await fetch(new URL(path, url), {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
        ...(body === undefined ? {} : { body }),
      })
      if (!response.ok) throw new Error(`POST ${path}: ${response.status} ${await response.text()}`)
      return response
    }
    return {
      url,
      script,
      bundleMs,
      compatibilityDate: date,
      miniflare,
      admin,
      async addPages(pages) {
        for (const page of pages)
          await admin(`/admin/documents?name=${encodeURIComponent(page.name)}`, page.text)
      },
      async rebuild() {
        const response = await admin('/admin/rebuild')
        let report = (await response.json()) as BuildReport
        // 202: the build goes on in alarms; its report shows pending until the flip.
        while (report.pending > 0 || report.phase !== null) {
          await new Promise((resolve) => setTimeout(resolve, 100))
          report = (await (await fetch(new URL('/build.json', url))).json()) as BuildReport
        }
        return report
      },
      async stop() {
        try {
          await miniflare.dispose()
        } finally {
          rmSync(dir, { recursive: true, force: true })
        }
      },
    }
  } catch (error) {
    rmSync(dir, { recursive: true, force: true })
    throw error
  }
}
