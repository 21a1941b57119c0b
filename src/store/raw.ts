/**
 * Raw pages, content-addressed: the key is the SHA-256 of the exact bytes received, so the same
 * page sent twice is one document. Nothing is removed except by an explicit delete.
 */

import { RAW_PREFIX, rawKey } from './keys'
import { getMany, listAll, sha256Hex } from './kv'

export type RawMeta = { name: string; url?: string; receivedAt: string; bytes: number }
export type RawEntry = RawMeta & { sha: string }

/** Stores a page; `created` is false when the same bytes were already there (nothing is written). */
export async function putRaw(
  kv: KVNamespace,
  bytes: ArrayBuffer,
  meta: { name?: string; url?: string; receivedAt: string }
): Promise<{ sha: string; created: boolean; meta: RawMeta }> {
  const sha = await sha256Hex(bytes)
  const existing = await kv.getWithMetadata<RawMeta>(rawKey(sha), 'stream')
  await existing.value?.cancel()
  if (existing.metadata) return { sha, created: false, meta: existing.metadata }
  const stored: RawMeta = {
    name: meta.name || `${sha.slice(0, 16)}.txt`,
    ...(meta.url ? { url: meta.url } : {}),
    receivedAt: meta.receivedAt,
    bytes: bytes.byteLength,
  }
  await kv.put(rawKey(sha), bytes, { metadata: stored })
  return { sha, created: true, meta: stored }
}

/** Every stored page's metadata (no bodies), sorted by name then hash. */
export async function listRaw(kv: KVNamespace): Promise<RawEntry[]> {
  const keys = await listAll<RawMeta>(kv, RAW_PREFIX)
  return keys
    .map(({ name, metadata }) => ({
      sha: name.slice(RAW_PREFIX.length),
      name: metadata?.name ?? name,
      receivedAt: metadata?.receivedAt ?? '',
      bytes: metadata?.bytes ?? 0,
      ...(metadata?.url ? { url: metadata.url } : {}),
    }))
    .sort((a, b) => a.name.localeCompare(b.name) || a.sha.localeCompare(b.sha))
}

/** The texts of the given pages (UTF-8, undecodable bytes as U+FFFD), in bulk reads. */
export async function readRawTexts(
  kv: KVNamespace,
  shas: readonly string[]
): Promise<Map<string, string | null>> {
  const values = await getMany(kv, shas.map(rawKey))
  return new Map(shas.map((sha) => [sha, values.get(rawKey(sha)) ?? null]))
}

/** Deletes a page; false when there was none. */
export async function deleteRaw(kv: KVNamespace, sha: string): Promise<RawMeta | null> {
  const existing = await kv.getWithMetadata<RawMeta>(rawKey(sha), 'stream')
  await existing.value?.cancel()
  if (!existing.metadata) return null
  await kv.delete(rawKey(sha))
  return existing.metadata
}
