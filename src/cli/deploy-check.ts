/**
 * What must be set before a deployment publishes anything: values that shipped as placeholders
 * and that would otherwise go out for good (ids derive from the tag authority; links from the
 * base URL; the KV namespace id names the corpus). Every `wrangler deploy` asks first, through
 * the build command in wrangler.toml (`src/cli/deploy.ts --check`), so no way of deploying skips
 * it. Pure: it reads the texts and the environment it is given.
 */

/** The tag authority this repository ships with: ids minted under it would belong to no one. */
export const SHIPPED_TAG_AUTHORITY = 'newsfeed-publisher.dev,2026'
const PLACEHOLDER_KV_ID = /^0+$/

export type DeploySettings = {
  /** wrangler.toml as text. */
  wranglerToml: string
  /** content/site.json, parsed. */
  site: { tagAuthority: string }
  /** BASE_URL for the deployment (the environment's, else wrangler.toml `[vars]`). */
  baseUrl: string | undefined
}

/** Each thing to set before deploying, said as what to do; empty when ready. */
export function deployProblems({ wranglerToml, site, baseUrl }: DeploySettings): string[] {
  const problems: string[] = []
  const kvId = /\[\[kv_namespaces\]\][^[]*?\bid\s*=\s*"([^"]*)"/.exec(wranglerToml)?.[1]
  if (!kvId || PLACEHOLDER_KV_ID.test(kvId))
    problems.push(
      'wrangler.toml [[kv_namespaces]] id is a placeholder: run `npx wrangler kv namespace create CORPUS` and put the id it prints there'
    )
  if (!baseUrl)
    problems.push(
      'BASE_URL is not set: run `BASE_URL=https://feeds.example.org npm run deploy`, or set it in wrangler.toml [vars] (a bare `wrangler deploy` deploys only those); every link in the feeds derives from it'
    )
  else if (!/^https:\/\/[^/]+/.test(baseUrl) || baseUrl.endsWith('/'))
    problems.push(`BASE_URL must be an https origin without a trailing slash; got "${baseUrl}"`)
  if (site.tagAuthority === SHIPPED_TAG_AUTHORITY)
    problems.push(
      `content/site.json tagAuthority is the shipped "${SHIPPED_TAG_AUTHORITY}": set a domain you own and the year ("feeds.example.org,2026"); item and feed ids derive from it and never change afterwards`
    )
  return problems
}

/**
 * The wrangler commands that upload the worker. Wrangler runs the build command of wrangler.toml
 * before `deploy`, `versions upload`, `dev` and `types`, and names the command in
 * WRANGLER_COMMAND; only an upload must be ready.
 */
const UPLOADS: readonly string[] = ['deploy', 'versions upload']

/**
 * Whether the build command runs for an upload. `wrangler deploy --dry-run` is named `deploy`
 * too, and refused alike: the local bundle of the browser tests and the bench is made with a
 * configuration without the build command (src/cli/local-worker.ts).
 */
export function isUpload(env: Record<string, string | undefined>): boolean {
  return UPLOADS.includes(env.WRANGLER_COMMAND ?? '')
}

/**
 * The BASE_URL a deployment gets: the one `npm run deploy` passes to wrangler as a `--var`
 * (DEPLOY_BASE_URL, from its own BASE_URL), else wrangler.toml's `[vars]`. A BASE_URL in the
 * environment of a bare `wrangler deploy` does not count: wrangler does not deploy it.
 */
export function deployedBaseUrl(
  wranglerToml: string,
  env: Record<string, string | undefined>
): string | undefined {
  return env.DEPLOY_BASE_URL || tomlBaseUrl(wranglerToml)
}

/** BASE_URL from wrangler.toml `[vars]`, when set there. */
export function tomlBaseUrl(wranglerToml: string): string | undefined {
  const vars = /^\[vars\]\s*$([\s\S]*?)(?=^\[|(?![\s\S]))/m.exec(wranglerToml)?.[1] ?? ''
  return /^\s*BASE_URL\s*=\s*"([^"]*)"/m.exec(vars)?.[1]
}
