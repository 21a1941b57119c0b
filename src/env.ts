/** The worker's bindings and settings (wrangler.toml `[vars]`, secrets). */
export type Env = {
  /** Raw pages, builds, the id registry: the whole KV layout is in store/keys.ts. */
  CORPUS: KVNamespace
  /** Enables the admin API; a wrangler secret in production. Unset: the admin API answers 404. */
  ADMIN_TOKEN?: string
  /** Absolute base URL of every link in the feeds; default: the origin of the request that builds. */
  BASE_URL?: string
  /** WebSub hub to announce in feeds and to ping after a rebuild. */
  WEBSUB_HUB?: string
}
