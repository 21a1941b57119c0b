/**
 * Served builds in KV: content-addressed blobs (gzip), shared between builds; a manifest per
 * build; and the `current` pointer, written last. A reader sees the old build or the new one,
 * never half of one.
 */

import { concat } from './gzip'
import { blobKey, buildKey, CURRENT_KEY } from './keys'

/**
 * How long a document may be cached (http/cache.ts says for how long): a subscription feed is
 * polled, an archive hardly changes.
 */
export type CacheClass = 'feed' | 'archive'

/** One served document of a build. */
export type DocMeta = {
  /**
   * The blob holding the document, gzip-compressed: one gzip member at `offset`, `length` bytes
   * long. A feed's document in its three formats shares one blob (one KV write, not three).
   */
  blob: string
  offset: number
  length: number
  /** Strong ETag, quoted: a hash of the bytes. */
  etag: string
  /** HTTP date of the build that first produced these bytes. */
  lastModified: string
  contentType: string
  /** Length of the document, uncompressed. */
  bytes: number
  cache: CacheClass
}

/** A feed's key in a manifest: '' for the feed of every item, else the topic slug. */
export type FeedKey = string

export type Manifest = {
  id: string
  createdAt: string
  baseUrl: string
  hubUrl: string | null
  /** Subscription documents and the OPML, by request path: a hot request reads nothing else. */
  docs: Record<string, DocMeta>
  /**
   * Per feed and year of archive (`shardOf` in feeds/archives.ts), the blob listing those
   * archive documents (path → DocMeta as JSON): a new item rewrites the listing of one year,
   * not of twenty.
   */
  archives: Record<FeedKey, Record<string, string>>
  /** Per feed, the blob of its subscription window's items (Item[] as JSON), for the pages. */
  latest: Record<FeedKey, string>
  /** Items per feed. */
  counts: Record<FeedKey, number>
  /**
   * Per feed with a dated item, its newest item's feed date (`YYYY-MM-DD`), for the home page.
   * Absent in manifests written before it existed.
   */
  newest?: Record<FeedKey, string>
}

export async function readCurrentId(kv: KVNamespace): Promise<string | null> {
  return kv.get(CURRENT_KEY)
}

export async function readManifest(kv: KVNamespace, id: string): Promise<Manifest | null> {
  return kv.get<Manifest>(buildKey(id), 'json')
}

/**
 * Writes a blob of one or more gzip members (`store/gzip.ts`) under `hash`; returns where each
 * member lies in it.
 */
export async function writeBlob(
  kv: KVNamespace,
  hash: string,
  members: readonly Uint8Array[]
): Promise<Array<{ offset: number; length: number }>> {
  let offset = 0
  const places = members.map((member) => {
    const place = { offset, length: member.byteLength }
    offset += member.byteLength
    return place
  })
  const bytes = concat(members)
  await kv.put(blobKey(hash), bytes.buffer as ArrayBuffer)
  return places
}

/** A blob's stored (gzip) bytes. */
export async function readBlob(kv: KVNamespace, hash: string): Promise<ArrayBuffer | null> {
  return kv.get(blobKey(hash), 'arrayBuffer')
}

/** Writes a build's manifest, then flips `current` to it. */
export async function publishBuild(kv: KVNamespace, manifest: Manifest): Promise<void> {
  await kv.put(buildKey(manifest.id), JSON.stringify(manifest))
  await kv.put(CURRENT_KEY, manifest.id)
}

export async function deleteBuild(kv: KVNamespace, id: string): Promise<void> {
  await kv.delete(buildKey(id))
}

export async function deleteBlob(kv: KVNamespace, hash: string): Promise<void> {
  await kv.delete(blobKey(hash))
}
