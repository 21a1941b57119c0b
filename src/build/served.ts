/**
 * The served build, cached in isolate memory. The `current` pointer is re-read from KV at most
 * every few seconds (KV itself takes up to 60 s to show a write everywhere); a build's manifest
 * and blobs are cached by id and by hash, which never change. A hot request and a 304 then read
 * no KV at all.
 */

import { shardOf } from '../feeds/archives'
import type { ListedItem } from '../model'
import { type DocMeta, type Manifest, readBlob, readCurrentId, readManifest } from '../store/builds'
import { gunzip } from '../store/gzip'

/** Memory given to cached (gzip) bodies per isolate (128 MB in all). */
const BLOB_CACHE_BYTES = 24 * 1024 * 1024
/** Parsed listings and windows kept per isolate. */
const JSON_CACHE_ENTRIES = 64

/** How long an isolate trusts its copy of `current` before asking KV again. */
const CURRENT_TTL_MS = 5_000

let current: Manifest | null = null
let checkedAt = 0
/** A map that keeps its most recently used entries within a size. */
class Lru<V> {
  private readonly entries = new Map<string, V>()
  private size = 0
  constructor(
    private readonly limit: number,
    private readonly sizeOf: (value: V) => number
  ) {}
  get(key: string): V | undefined {
    const hit = this.entries.get(key)
    if (hit !== undefined) {
      this.entries.delete(key)
      this.entries.set(key, hit)
    }
    return hit
  }
  set(key: string, value: V): void {
    this.entries.set(key, value)
    this.size += this.sizeOf(value)
    for (const [old, entry] of this.entries) {
      if (this.size <= this.limit) break
      this.entries.delete(old)
      this.size -= this.sizeOf(entry)
    }
  }
}

const blobs = new Lru<ArrayBuffer>(BLOB_CACHE_BYTES, (b) => b.byteLength)
const parsed = new Lru<unknown>(JSON_CACHE_ENTRIES, () => 1)

/** The manifest of the served build, or null before the first build. */
export async function currentManifest(kv: KVNamespace): Promise<Manifest | null> {
  const now = Date.now()
  if (current && now - checkedAt < CURRENT_TTL_MS) return current
  const id = await readCurrentId(kv)
  if (!id) return null
  if (current?.id !== id) current = await readManifest(kv, id)
  checkedAt = now
  return current
}

/** Forgets the cached pointer: a build has just flipped `current`. */
export function forgetCurrent(): void {
  current = null
}

/** A blob's stored bytes, from memory or one KV read; least recently used leave first. */
async function loadBlob(kv: KVNamespace, hash: string): Promise<ArrayBuffer> {
  const hit = blobs.get(hash)
  if (hit) return hit
  const body = await readBlob(kv, hash)
  if (body === null) throw new Error(`blob ${hash} is missing`)
  blobs.set(hash, body)
  return body
}

/** Decompressed texts kept per isolate, for clients that take no gzip. */
const TEXT_CACHE_CHARS = 8 * 1024 * 1024
const texts = new Lru<string>(TEXT_CACHE_CHARS, (t) => t.length)

/** A stored document's gzip bytes (its member of the blob). */
export async function loadGzip(kv: KVNamespace, at: Place): Promise<ArrayBuffer> {
  const blob = await loadBlob(kv, at.blob)
  return at.length > 0 ? blob.slice(at.offset, at.offset + at.length) : blob
}

/** Where a stored text lies: a blob, and its gzip member there (length 0: the whole blob). */
export type Place = Pick<DocMeta, 'blob' | 'offset' | 'length'>

/** A stored document's text, decompressed once per isolate while it is used. */
export async function loadText(kv: KVNamespace, at: Place): Promise<string> {
  const key = `${at.blob}:${at.offset}`
  const hit = texts.get(key)
  if (hit !== undefined) return hit
  const text = gunzip(await loadGzip(kv, at))
  texts.set(key, text)
  return text
}

/** A JSON blob, parsed once per isolate. */
async function loadJson<T>(kv: KVNamespace, hash: string): Promise<T> {
  const hit = parsed.get(hash)
  if (hit !== undefined) return hit as T
  const value = JSON.parse(await loadText(kv, { blob: hash, offset: 0, length: 0 })) as T
  parsed.set(hash, value)
  return value
}

/**
 * The document served at `path` of a feed: from the manifest, else (an archive `bucket`) from the
 * feed's listing of that year.
 */
export async function documentAt(
  kv: KVNamespace,
  manifest: Manifest,
  feed: string,
  path: string,
  bucket: string | null
): Promise<DocMeta | null> {
  const hot = manifest.docs[path]
  if (hot || bucket === null) return hot ?? null
  const listing = manifest.archives[feed]?.[shardOf(bucket)]
  if (!listing) return null
  return (await loadJson<Record<string, DocMeta>>(kv, listing))[path] ?? null
}

/** The items of a feed's subscription window ('' for every item), newest first. */
export async function latestItems(
  kv: KVNamespace,
  manifest: Manifest,
  feed: string
): Promise<ListedItem[]> {
  const blob = manifest.latest[feed]
  return blob ? loadJson<ListedItem[]>(kv, blob) : []
}
