/**
 * Near-duplicate measures over word shingles (Broder 1997): resemblance for two copies of one
 * text, containment for a teaser inside the article it summarizes. Sync and deterministic.
 */

/**
 * Shingles of three words. On the five corpus pages they tell "same item" from "different but
 * formulaic": two copies of one item, and the AI statement's title inside its article, score a
 * containment of 1.00; the migration council's teaser inside the drug council's 0.54 (counted in
 * single words it is 0.81, which would merge the two meetings).
 */
export const SHINGLE_WORDS = 3

/** FNV-1a, 32 bits: enough to tell apart the shingles of a few thousand items. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return hash >>> 0
}

/**
 * A text's shingles: their hashes, ascending and each once. Sorted, they are compared by one
 * walk over both (`containment`) and stored as they are: the incremental build reads a text's
 * shingles straight from its stored bytes, with no set to build.
 */
export type Shingles = Uint32Array

/** The hashed word shingles; a text shorter than one shingle is one shingle. Each word is
 * hashed once and a shingle's hash combines its words' hashes, so no shingle string is built. */
export function shingles(words: readonly string[]): Shingles {
  if (words.length < SHINGLE_WORDS)
    return Uint32Array.from(words.length > 0 ? [fnv1a(words.join(' '))] : [])
  const hashes = words.map(fnv1a)
  const out = new Uint32Array(hashes.length - SHINGLE_WORDS + 1)
  for (let i = 0; i < out.length; i++) {
    let h = 0x811c9dc5
    for (let k = 0; k < SHINGLE_WORDS; k++) h = Math.imul(h ^ (hashes[i + k] ?? 0), 0x01000193)
    out[i] = (h ^ (h >>> 15)) >>> 0
  }
  out.sort()
  let distinct = 0
  for (let i = 0; i < out.length; i++)
    if (distinct === 0 || out[i] !== out[distinct - 1]) out[distinct++] = out[i] as number
  return out.slice(0, distinct)
}

/** Share of `a`'s shingles found in `b`: how much of `a` is inside `b`. */
export function containment(a: Shingles, b: Shingles): number {
  if (a.length === 0) return 0
  let shared = 0
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    const x = a[i] as number
    const y = b[j] as number
    if (x === y) shared++
    if (x <= y) i++
    if (y <= x) j++
  }
  return shared / a.length
}

/**
 * A stable 64-bit hex digest of a string: fingerprints and ids. Two independent 32-bit lanes
 * (FNV-1a and a Murmur-style multiply) over the UTF-16 code units; fast enough to run on every
 * copy of every item at each rebuild, where SHA-256 in JavaScript was a fifth of the pipeline.
 * Frozen: ids are minted from it, so changing it would change published ids.
 */
export function digest(text: string): string {
  let a = 0x811c9dc5
  let b = 0x9747b28c ^ text.length
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    a = Math.imul(a ^ c, 0x01000193)
    b = Math.imul(b ^ c, 0x5bd1e995)
    b ^= b >>> 13
  }
  a = Math.imul(a ^ (a >>> 16), 0x85ebca6b)
  b = Math.imul(b ^ (b >>> 15), 0xc2b2ae35)
  return (
    (a >>> 0).toString(16).padStart(8, '0') + ((b ^ (b >>> 16)) >>> 0).toString(16).padStart(8, '0')
  )
}
