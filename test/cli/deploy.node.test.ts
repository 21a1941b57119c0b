/**
 * The deploy check as people meet it, run in Node: `npm run deploy`, and a bare `wrangler deploy`
 * through wrangler.toml's build command, refuse the repository as it ships, say what to set and
 * upload nothing. Wrangler runs with `--dry-run`, so a check that let it through would show as a
 * bundle written, never as a deployment.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const TSX = join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs')
const WRANGLER = join(ROOT, 'node_modules', 'wrangler', 'bin', 'wrangler.js')
const BUILD_COMMAND = /^\[build\]\s*\ncommand = "([^"]+)"/m.exec(
  readFileSync(join(ROOT, 'wrangler.toml'), 'utf8')
)?.[1]

/** The environment of someone who has set nothing. */
function bareEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, WRANGLER_SEND_METRICS: 'false', ...extra }
  for (const name of ['BASE_URL', 'DEPLOY_BASE_URL', 'WRANGLER_COMMAND'])
    if (!(name in extra)) delete env[name]
  return env
}

/** `npm run deploy`, as npm runs it, with only `extra` set. */
function npmRunDeploy(extra: Record<string, string> = {}) {
  return spawnSync(process.execPath, [TSX, 'src/cli/deploy.ts'], {
    cwd: ROOT,
    encoding: 'utf8',
    env: bareEnv(extra),
  })
}

const SHIPPED_PROBLEMS = [
  /kv namespace create CORPUS/,
  /BASE_URL is not set/,
  /tagAuthority is the shipped/,
]

describe('deploying the repository as it ships', () => {
  it('npm run deploy refuses before starting wrangler, naming each thing to set', () => {
    const run = npmRunDeploy()
    expect(run.status).toBe(1)
    expect(run.stderr).toMatch(/^deploy: not deploying; set these first:/)
    for (const problem of SHIPPED_PROBLEMS) expect(run.stderr).toMatch(problem)
    const withBase = npmRunDeploy({ BASE_URL: 'https://feeds.example.org' })
    expect(withBase.status).toBe(1)
    expect(withBase.stderr).not.toMatch(/BASE_URL/)
    expect(withBase.stderr).toMatch(/tagAuthority is the shipped/)
  })

  it('a bare wrangler deploy runs the check first and stops there', () => {
    const out = mkdtempSync(join(tmpdir(), 'deploy-check-'))
    try {
      const run = spawnSync(process.execPath, [WRANGLER, 'deploy', '--dry-run', '--outdir', out], {
        cwd: ROOT,
        encoding: 'utf8',
        // Even a BASE_URL in the environment: a bare wrangler deploy would not deploy it.
        env: bareEnv({ BASE_URL: 'https://feeds.example.org' }),
      })
      const output = `${run.stdout}${run.stderr}`
      expect(run.status, output).not.toBe(0)
      expect(output).toMatch(/custom build/)
      for (const problem of SHIPPED_PROBLEMS) expect(output).toMatch(problem)
      expect(readdirSync(out)).toEqual([])
    } finally {
      rmSync(out, { recursive: true, force: true })
    }
  })

  it('lets wrangler dev and wrangler types through', () => {
    expect(BUILD_COMMAND).toBeDefined()
    const check = (env: Record<string, string>) =>
      spawnSync(BUILD_COMMAND ?? '', {
        cwd: ROOT,
        shell: true,
        encoding: 'utf8',
        env: bareEnv(env),
      })
    for (const command of ['dev', 'types'])
      expect(check({ WRANGLER_COMMAND: command }).status, command).toBe(0)
    expect(check({ WRANGLER_COMMAND: 'deploy' }).status).toBe(1)
    expect(check({ WRANGLER_COMMAND: 'versions upload' }).status).toBe(1)
  })
})
