/**
 * Served builds in KV: content-addressed blobs (gzip), shared between builds; a manifest per
 * build; and the `current` pointer, written last. A reader sees the old build or the new one,
 * never half of one.
 */

import { gunzipSync, gzipSync } from 'node:zlib'
import { blobKey, buildKey, CURRENT_KEY } from './keys'

/** How long a document may be cached: a subscription feed is polled, an archive hardly changes. */
export type CacheClass = 'feed' | 'archive' | 'static'

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
}

export async function readCurrentId(kv: KVNamespace): Promise<string | null> {
  return kv.get(CURRENT_KEY)
}

export async function readManifest(kv: KVNamespace, id: string): Promise<Manifest | null> {
  return kv.get<Manifest>(buildKey(id), 'json')
}

/**
 * zlib's level for stored documents. Compressing is the largest single cost of rendering a
 * document (a new page's build recompresses its feeds' windows, megabytes), and on our feeds
 * level 2 takes about two thirds of level 4's time and half of the default's (6, all
 * `CompressionStream` offers), for 1.18 and 1.3 times their bytes: 2.5 times the raw corpus
 * stored, where the limit we hold to is 10, and feed readers mostly get 304s.
 */
const GZIP_LEVEL = 2

/** Gzip of a text or its UTF-8 bytes: documents are stored and, to clients that accept it, sent compressed. */
export function gzip(body: string | Uint8Array): Uint8Array {
  return gzipSync(body, { level: GZIP_LEVEL })
}

export function gunzip(bytes: ArrayBuffer): string {
  return gunzipSync(bytes).toString('utf8')
}

/**
 * Writes a blob of one or more texts, each its own gzip member, under `hash`; returns where
 * each member lies in it.
 */
export async function writeBlob(
  kv: KVNamespace,
  hash: string,
  bodies: ReadonlyArray<string | Uint8Array>
): Promise<Array<{ offset: number; length: number }>> {
  const members = bodies.map(gzip)
  const total = members.reduce((sum, m) => sum + m.byteLength, 0)
  const bytes = new Uint8Array(total)
  const places: Array<{ offset: number; length: number }> = []
  let offset = 0
  for (const member of members) {
    bytes.set(member, offset)
    places.push({ offset, length: member.byteLength })
    offset += member.byteLength
  }
  await kv.put(blobKey(hash), bytes.buffer)
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
