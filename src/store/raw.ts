/**
 * Raw pages, content-addressed: the key is the SHA-256 of the exact bytes received, so the same
 * page sent twice is one document. Nothing is removed except by an explicit delete.
 */

import { RAW_PREFIX, rawKey } from './keys'
import { getMany, listAll, sha256Hex } from './kv'

export type RawMeta = { name: string; url?: string; receivedAt: string; bytes: number }
export type RawEntry = RawMeta & { sha: string }

/** KV keeps at most this many bytes of metadata with a value (the JSON of RawMeta). */
export const KV_METADATA_BYTES = 1024
/** A page's name and URL, in UTF-8 bytes: together with the rest, well inside the metadata. */
export const MAX_NAME_BYTES = 256
export const MAX_URL_BYTES = 640

const utf8Bytes = (text: string) => new TextEncoder().encode(text).byteLength

/**
 * What is wrong with a page's name or URL for storing it, or null: checked before anything is
 * written, so a page is stored whole or not at all.
 */
export function metaProblem(meta: Partial<RawMeta>): string | null {
  if (meta.name !== undefined && utf8Bytes(meta.name) > MAX_NAME_BYTES)
    return `name must be at most ${MAX_NAME_BYTES} bytes of UTF-8; got ${utf8Bytes(meta.name)}`
  if (meta.url !== undefined && utf8Bytes(meta.url) > MAX_URL_BYTES)
    return `url must be at most ${MAX_URL_BYTES} bytes of UTF-8; got ${utf8Bytes(meta.url)}`
  // Escapes can make the JSON longer than its strings (a control character takes six bytes).
  const json = utf8Bytes(JSON.stringify(meta))
  if (json > KV_METADATA_BYTES)
    return `name and url take ${json} bytes as stored metadata; KV keeps at most ${KV_METADATA_BYTES}`
  return null
}

/** Stores a page; `created` is false when the same bytes were already there (nothing is written). */
export async function putRaw(
  kv: KVNamespace,
  bytes: ArrayBuffer,
  meta: { name?: string; url?: string; receivedAt: string }
): Promise<{ sha: string; created: boolean; meta: RawMeta }> {
  const sha = sha256Hex(bytes)
  const existing = await kv.getWithMetadata<RawMeta>(rawKey(sha), 'stream')
  await existing.value?.cancel()
  if (existing.metadata) return { sha, created: false, meta: existing.metadata }
  const stored: RawMeta = {
    name: meta.name || `${sha.slice(0, 16)}.txt`,
    ...(meta.url ? { url: meta.url } : {}),
    receivedAt: meta.receivedAt,
    bytes: bytes.byteLength,
  }
  const problem = metaProblem(stored)
  if (problem) throw new RangeError(problem)
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

/** A page as stored, bytes and metadata; null when there is none. */
export async function readRaw(
  kv: KVNamespace,
  sha: string
): Promise<{ bytes: ArrayBuffer; meta: RawMeta } | null> {
  const existing = await kv.getWithMetadata<RawMeta>(rawKey(sha), 'arrayBuffer')
  return existing.value && existing.metadata
    ? { bytes: existing.value, meta: existing.metadata }
    : null
}

/** Puts a page back exactly as it was (a delete undone). */
export async function restoreRaw(
  kv: KVNamespace,
  sha: string,
  page: { bytes: ArrayBuffer; meta: RawMeta }
): Promise<void> {
  await kv.put(rawKey(sha), page.bytes, { metadata: page.meta })
}

export async function deleteRaw(kv: KVNamespace, sha: string): Promise<void> {
  await kv.delete(rawKey(sha))
}
