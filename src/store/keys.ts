/**
 * The whole KV layout, in one place:
 *
 * - `raw/<sha256>`: a raw page exactly as received; metadata `RawMeta`. Content-addressed.
 * - `blobs/<sha256>`: a rendered document (a feed, an archive, the OPML). Content-addressed, so a
 *   rebuild writes only the documents whose bytes changed and builds share the rest.
 * - `builds/<id>/manifest`: path → blob, ETag, Last-Modified, content type; `builds/<id>/items`.
 * - `current`: the id of the build being served; written last, so no reader sees half a build.
 * - `registry`: fingerprints → item ids (pipeline/identity.ts).
 * - `report`: the latest build report.
 * - `log/<time>-<n>`: admin actions since the last build, shown in the next build report.
 */

export const CURRENT_KEY = 'current'
export const REGISTRY_KEY = 'registry'
export const REPORT_KEY = 'report'
export const RAW_PREFIX = 'raw/'
export const BLOB_PREFIX = 'blobs/'
export const BUILD_PREFIX = 'builds/'
export const LOG_PREFIX = 'log/'

export const rawKey = (sha: string) => `${RAW_PREFIX}${sha}`
export const blobKey = (hash: string) => `${BLOB_PREFIX}${hash}`
export const buildKey = (id: string, part: 'manifest' | 'items') => `${BUILD_PREFIX}${id}/${part}`
export const logKey = (at: string, n: number) => `${LOG_PREFIX}${at}-${n}`

/** The build id of a `builds/<id>/…` key. */
export function buildIdOf(key: string): string {
  return key.slice(BUILD_PREFIX.length).split('/')[0] ?? ''
}
