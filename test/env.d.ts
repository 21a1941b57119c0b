/** The bindings tests get from `cloudflare:workers` (wrangler.toml). */
declare namespace Cloudflare {
  interface Env {
    CORPUS: KVNamespace
  }
}
