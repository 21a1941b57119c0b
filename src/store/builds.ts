/**
 * Builds: a manifest per build, content-addressed blobs shared between builds, and the `current`
 * pointer, written last. A reader sees the old build or the new one, never half of one.
 */

import { BLOB_PREFIX, BUILD_PREFIX, blobKey, buildIdOf, buildKey, CURRENT_KEY } from './keys'
import { listAll } from './kv'

/** How long a document may be cached: a subscription feed is polled, an archive hardly changes. */
export type CacheClass = 'feed' | 'archive' | 'static'

/** One served document of a build. */
export type DocMeta = {
  blob: string
  /** Strong ETag, quoted: a hash of the bytes. */
  etag: string
  /** HTTP date of the build that first produced these bytes. */
  lastModified: string
  contentType: string
  bytes: number
  cache: CacheClass
}

export type Manifest = {
  id: string
  createdAt: string
  baseUrl: string
  hubUrl: string | null
  /** Digest of what the build was made from (pages, configuration, links): equal means nothing to do. */
  inputs: string
  /** Blob of the build's items as JSON (item pages, filtered feeds). */
  itemsBlob: string
  /** Request path → document. */
  docs: Record<string, DocMeta>
}

export async function readCurrentId(kv: KVNamespace, cacheTtl?: number): Promise<string | null> {
  return kv.get(CURRENT_KEY, cacheTtl ? { cacheTtl } : undefined)
}

export async function readManifest(kv: KVNamespace, id: string): Promise<Manifest | null> {
  return kv.get<Manifest>(buildKey(id, 'manifest'), 'json')
}

export async function readBlob(kv: KVNamespace, hash: string): Promise<string | null> {
  return kv.get(blobKey(hash))
}

/** Blobs a manifest refers to. */
function blobsOf(manifest: Manifest): Set<string> {
  return new Set([manifest.itemsBlob, ...Object.values(manifest.docs).map((d) => d.blob)])
}

/**
 * Writes a build: the blobs the previous build did not have, then the manifest, then flips
 * `current`. Returns the number of KV writes. A failure before the flip leaves the previous
 * build served whole; its blobs are content-addressed, so stray ones are harmless.
 */
export async function writeBuild(
  kv: KVNamespace,
  manifest: Manifest,
  blobs: ReadonlyMap<string, string>,
  previous: Manifest | null
): Promise<number> {
  const had = previous ? blobsOf(previous) : new Set<string>()
  let writes = 0
  for (const [hash, body] of blobs) {
    if (had.has(hash)) continue
    await kv.put(blobKey(hash), body)
    writes++
  }
  await kv.put(buildKey(manifest.id, 'manifest'), JSON.stringify(manifest))
  await kv.put(CURRENT_KEY, manifest.id)
  return writes + 2
}

/** Deletes every build but `keep`, and every blob none of them refers to. Returns the deletes. */
export async function pruneBuilds(kv: KVNamespace, keep: readonly Manifest[]): Promise<number> {
  const keepIds = new Set(keep.map((m) => m.id))
  const keepBlobs = new Set(keep.flatMap((m) => [...blobsOf(m)]))
  const stale = [
    ...(await listAll(kv, BUILD_PREFIX)).filter((k) => !keepIds.has(buildIdOf(k.name))),
    ...(await listAll(kv, BLOB_PREFIX)).filter(
      (k) => !keepBlobs.has(k.name.slice(BLOB_PREFIX.length))
    ),
  ]
  for (const key of stale) await kv.delete(key.name)
  return stale.length
}
