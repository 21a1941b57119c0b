/**
 * `npm run deploy`: refuses to deploy with a placeholder left (src/cli/deploy-check.ts), saying
 * what to set; otherwise `wrangler deploy`, with BASE_URL from the environment when given.
 *
 * `deploy.ts --check` is wrangler.toml's build command, which wrangler runs before every
 * `deploy` (however it is started: `npx wrangler deploy`, a CI) and `versions upload`: the same
 * check, so a deployment that skips `npm run deploy` cannot go out half-configured either. For
 * `wrangler dev` and `wrangler types` it passes at once.
 */
import { readFileSync } from 'node:fs'
import { deployedBaseUrl, deployProblems, isUpload } from './deploy-check'
import { wranglerLive } from './wrangler'

/** The problems of the deployment that `env` describes, as the repository stands. */
function problemsOf(env: Record<string, string | undefined>): string[] {
  const wranglerToml = readFileSync('wrangler.toml', 'utf8')
  const site = JSON.parse(readFileSync('content/site.json', 'utf8')) as { tagAuthority: string }
  return deployProblems({ wranglerToml, site, baseUrl: deployedBaseUrl(wranglerToml, env) })
}

function refuse(problems: readonly string[]): never {
  process.stderr.write(
    `deploy: not deploying; set these first:\n${problems.map((p) => `- ${p}\n`).join('')}`
  )
  process.exit(1)
}

if (process.argv.includes('--check')) {
  const problems = isUpload(process.env) ? problemsOf(process.env) : []
  if (problems.length > 0) refuse(problems)
} else {
  const baseUrl = process.env.BASE_URL
  const passed: Record<string, string> = baseUrl ? { DEPLOY_BASE_URL: baseUrl } : {}
  const problems = problemsOf(passed)
  if (problems.length > 0) refuse(problems)
  const vars = baseUrl ? ['--var', `BASE_URL:${baseUrl}`] : []
  wranglerLive(['deploy', ...vars], passed).on('exit', (code) => process.exit(code ?? 1))
}
