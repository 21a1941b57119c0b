/**
 * What must be set before `npm run deploy` publishes anything: values that shipped as
 * placeholders and that would otherwise go out for good (ids derive from the tag authority; links
 * from the base URL; the KV namespace id names the corpus). Pure: it reads the texts it is given.
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
      'BASE_URL is not set: run `BASE_URL=https://feeds.example.org npm run deploy`, or set it in wrangler.toml [vars]; every link in the feeds derives from it'
    )
  else if (!/^https:\/\/[^/]+/.test(baseUrl) || baseUrl.endsWith('/'))
    problems.push(`BASE_URL must be an https origin without a trailing slash; got "${baseUrl}"`)
  if (site.tagAuthority === SHIPPED_TAG_AUTHORITY)
    problems.push(
      `content/site.json tagAuthority is the shipped "${SHIPPED_TAG_AUTHORITY}": set a domain you own and the year ("feeds.example.org,2026"); item and feed ids derive from it and never change afterwards`
    )
  return problems
}

/** BASE_URL from wrangler.toml `[vars]`, when set there. */
export function tomlBaseUrl(wranglerToml: string): string | undefined {
  const vars = /^\[vars\]\s*$([\s\S]*?)(?=^\[|(?![\s\S]))/m.exec(wranglerToml)?.[1] ?? ''
  return /^\s*BASE_URL\s*=\s*"([^"]*)"/m.exec(vars)?.[1]
}
