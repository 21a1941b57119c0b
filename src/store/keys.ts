/**
 * The whole KV layout, in one place (the derived state lives in SQLite: store/derived.ts):
 *
 * - `raw/<sha256>`: a raw page exactly as received; metadata `RawMeta`. Content-addressed.
 * - `blobs/<sha256>`: a rendered document in its formats (a feed, an archive, the OPML), one gzip
 *   member each, under the SHA-256 of the bytes stored (one text may be stored whole or as runs,
 *   build/compress.ts); or an archive listing or a window's items, under the SHA-256 of its
 *   owner and text. A build writes only what changed and builds share the rest.
 * - `builds/<id>/manifest`: the subscription documents, the archive listings, counts.
 * - `current`: the id of the build being served; written last, so no reader sees half a build.
 * - `report`: the latest build report.
 */

export const CURRENT_KEY = 'current'
export const REPORT_KEY = 'report'
export const RAW_PREFIX = 'raw/'
export const BLOB_PREFIX = 'blobs/'
export const BUILD_PREFIX = 'builds/'

export const rawKey = (sha: string) => `${RAW_PREFIX}${sha}`
export const blobKey = (hash: string) => `${BLOB_PREFIX}${hash}`
export const buildKey = (id: string) => `${BUILD_PREFIX}${id}/manifest`
