/** Running wrangler from the Node CLIs, with the Node that runs them (22, from devDependencies). */
import { spawn, spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const WRANGLER = fileURLToPath(
  new URL('../../node_modules/wrangler/bin/wrangler.js', import.meta.url)
)
const ENV = { ...process.env, WRANGLER_SEND_METRICS: 'false' }

/** Runs a wrangler command to completion; throws with its output when it fails. */
export function wrangler(args: readonly string[]): string {
  const run = spawnSync(process.execPath, [WRANGLER, ...args], {
    encoding: 'utf8',
    env: ENV,
    maxBuffer: 256 * 1024 * 1024,
  })
  if (run.status !== 0)
    throw new Error(`wrangler ${args.slice(0, 3).join(' ')} failed:\n${run.stderr}${run.stdout}`)
  return run.stdout
}

/** Starts a long-running wrangler command (dev, deploy) attached to this terminal. */
export function wranglerLive(args: readonly string[], env: Record<string, string> = {}) {
  return spawn(process.execPath, [WRANGLER, ...args], { stdio: 'inherit', env: { ...ENV, ...env } })
}
