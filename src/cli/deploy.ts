/**
 * `npm run deploy`: refuses to deploy with a placeholder left (src/cli/deploy-check.ts), saying
 * what to set; otherwise `wrangler deploy`, with BASE_URL from the environment when given.
 */
import { readFileSync } from 'node:fs'
import { deployProblems, tomlBaseUrl } from './deploy-check'
import { wranglerLive } from './wrangler'

const wranglerToml = readFileSync('wrangler.toml', 'utf8')
const site = JSON.parse(readFileSync('content/site.json', 'utf8')) as { tagAuthority: string }
const baseUrl = process.env.BASE_URL ?? tomlBaseUrl(wranglerToml)
const problems = deployProblems({ wranglerToml, site, baseUrl })
if (problems.length > 0) {
  process.stderr.write(
    `deploy: not deploying; set these first:\n${problems.map((p) => `- ${p}\n`).join('')}`
  )
  process.exit(1)
}
const vars = process.env.BASE_URL ? ['--var', `BASE_URL:${process.env.BASE_URL}`] : []
wranglerLive(['deploy', ...vars]).on('exit', (code) => process.exit(code ?? 1))
