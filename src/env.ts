/** The worker's bindings and settings (wrangler.toml `[vars]`, secrets). */
import type { Builder } from './build/object'

export type Env = {
  /** Raw pages and the served builds: the whole KV layout is in store/keys.ts. */
  CORPUS: KVNamespace
  /** The owner of the derived state and of builds (build/object.ts). */
  BUILDER: DurableObjectNamespace<Builder>
  /** Enables the admin API; a wrangler secret in production. Unset: the admin API answers 404. */
  ADMIN_TOKEN?: string
  /** Absolute base URL of every link in the feeds; default: the origin of the first build's request. */
  BASE_URL?: string
  /** WebSub hub to announce in feeds and to ping after a rebuild. */
  WEBSUB_HUB?: string
  /**
   * "off": documents go out uncompressed whatever the request accepts. `npm start` sets it:
   * wrangler dev's proxy asks the worker for gzip on behalf of clients that did not.
   */
  SEND_GZIP?: string
  /** "off": a build that needs more than one invocation waits to be called again (the bench drives it). */
  BUILD_ALARMS?: string
}
