/** Small KV helpers shared by the store modules. */
import { createHash } from 'node:crypto'

/** Every key under a prefix, with its metadata, following the list cursor. */
export async function listAll<M>(
  kv: KVNamespace,
  prefix: string
): Promise<Array<{ name: string; metadata: M | undefined }>> {
  const out: Array<{ name: string; metadata: M | undefined }> = []
  let cursor: string | undefined
  do {
    const page: KVNamespaceListResult<M, string> = await kv.list<M>({ prefix, cursor })
    for (const key of page.keys) out.push({ name: key.name, metadata: key.metadata })
    cursor = page.list_complete ? undefined : page.cursor
  } while (cursor)
  return out
}

/** KV bulk reads take at most 100 keys and count as one operation each. */
const BULK_GET_MAX = 100

/** Values of many keys as text, in bulk reads of 100. */
export async function getMany(
  kv: KVNamespace,
  keys: readonly string[]
): Promise<Map<string, string | null>> {
  const out = new Map<string, string | null>()
  for (let i = 0; i < keys.length; i += BULK_GET_MAX) {
    const chunk = keys.slice(i, i + BULK_GET_MAX)
    const values = await kv.get(chunk, 'text')
    for (const key of chunk) out.set(key, values.get(key) ?? null)
  }
  return out
}

/**
 * Lower-case hex SHA-256 of bytes or text (UTF-8), or of parts in order as if joined, with
 * node:crypto: synchronous, where `crypto.subtle` hands each digest to a promise, and a build
 * hashes every document it renders.
 */
export function sha256Hex(data: ArrayBuffer | Uint8Array | string | readonly Uint8Array[]): string {
  const hash = createHash('sha256')
  if (Array.isArray(data)) for (const part of data) hash.update(part)
  else
    hash.update(data instanceof ArrayBuffer ? new Uint8Array(data) : (data as Uint8Array | string))
  return hash.digest('hex')
}
