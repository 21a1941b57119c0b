/**
 * The served build, cached in isolate memory. The `current` pointer is re-read from KV at most
 * every few seconds (KV itself takes up to 60 s to show a write everywhere); the manifest of a
 * build and the bodies are cached by id and by hash, which never change. A hot request and a 304
 * then read no KV at all.
 */
import type { Item } from '../model'
import { type Manifest, readBlob, readCurrentId, readManifest } from '../store/builds'

/** Memory given to cached bodies per isolate (128 MB in all). */
const BLOB_CACHE_BYTES = 24 * 1024 * 1024

/** How long an isolate trusts its copy of `current` before asking KV again. */
const CURRENT_TTL_MS = 5_000

let current: Manifest | null = null
let checkedAt = 0
const blobs = new Map<string, string>()
let blobBytes = 0
const items = new Map<string, Item[]>()

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

/** Forgets the cached pointer: this isolate has just flipped `current` itself. */
export function forgetCurrent(): void {
  current = null
}

/** A blob's body, from memory or one KV read; least recently used bodies leave first. */
export async function loadBlob(kv: KVNamespace, hash: string): Promise<string> {
  const hit = blobs.get(hash)
  if (hit !== undefined) {
    blobs.delete(hash)
    blobs.set(hash, hit)
    return hit
  }
  const body = await readBlob(kv, hash)
  if (body === null) throw new Error(`blob ${hash} is missing`)
  blobs.set(hash, body)
  blobBytes += body.length
  for (const [key, value] of blobs) {
    if (blobBytes <= BLOB_CACHE_BYTES) break
    blobs.delete(key)
    blobBytes -= value.length
  }
  return body
}

/** The build's items, parsed once per isolate. */
export async function loadItems(kv: KVNamespace, manifest: Manifest): Promise<Item[]> {
  const hit = items.get(manifest.itemsBlob)
  if (hit) return hit
  const parsed = JSON.parse(await loadBlob(kv, manifest.itemsBlob)) as Item[]
  items.clear()
  items.set(manifest.itemsBlob, parsed)
  return parsed
}
