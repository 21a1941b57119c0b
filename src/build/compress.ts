/**
 * A rendered document's stored bytes: its UTF-8 text, and that text as one gzip member.
 *
 * Most documents are compressed whole: the best ratio, and a first build renders thousands of
 * archives once. The documents a new item renders again, a feed's window and its newest archive
 * (which takes the items leaving the window), are compressed as runs (store/gzip.ts): the head,
 * the tail, and runs of about eight entries whose ends are chosen by the items' ids, not by
 * position (content-defined, as rsync chooses blocks), so that a new item at the top changes the
 * first run, the item that leaves the last, and the runs between are those the last version
 * kept, read back compressed. A new page then compresses a fraction of what it touches, for
 * about 1.1 times the bytes of a whole compression.
 */
import { Buffer } from 'node:buffer'
import type { DocParts, RenderedDoc } from '../feeds'
import { digest } from '../pipeline/fingerprint'
import { deflateRun, gzip, gzipRuns } from '../store/gzip'
import { sha256Hex } from '../store/kv'

/**
 * About one entry in this many ends a run; no run holds more than RUN_MAX entries or much over
 * RUN_BYTES of text (a run is one SQLite row, and a Durable Object's rows stop at 2 MB; an item
 * may hold 100,000 characters).
 */
const RUN_EVERY = 8
const RUN_MAX = 16
const RUN_BYTES = 256 * 1024

/** A run compressed for the store, by the key of its bytes. */
export type Run = { key: string; deflated: Uint8Array }

/** A document's bytes and where its runs of entries lie in them ([start, end) each). */
export type Encoded = {
  text: Uint8Array
  head: number
  tail: number
  runs: Array<[number, number]>
}

/** Whether an item's entry ends a run: by its id alone, so the same items end the same runs. */
const endsRun = (id: string) => Number.parseInt(digest(id).slice(-4), 16) % RUN_EVERY === 0

/** A document's text as UTF-8, with its runs of entries when it has parts. */
export function encodeDoc(doc: RenderedDoc): Encoded {
  if (doc.parts) return encodeParts(doc.parts)
  const text = new TextEncoder().encode(doc.body)
  return { text, head: text.byteLength, tail: text.byteLength, runs: [] }
}

/** The document's text as UTF-8 (each part encoded once, into one buffer), with its runs. */
function encodeParts({ frame, entries, ids }: DocParts): Encoded {
  // Sized exactly (each part measured first): a dense month's archive is megabytes.
  const utf8 = (text: string) => Buffer.byteLength(text, 'utf8')
  const separators = Math.max(0, entries.length - 1) * utf8(frame.separator)
  const bytes =
    utf8(frame.before) + utf8(frame.after) + separators + entries.reduce((n, e) => n + utf8(e), 0)
  const buffer = new Uint8Array(bytes)
  const encoder = new TextEncoder()
  let at = 0
  const write = (text: string) => {
    at += encoder.encodeInto(text, buffer.subarray(at)).written
  }
  write(frame.before)
  const head = at
  const runs: Array<[number, number]> = []
  let start = at
  let size = 0
  entries.forEach((entry, i) => {
    write(entry)
    const last = i === entries.length - 1
    if (!last) write(frame.separator)
    size++
    if (last || endsRun(ids[i] ?? '') || size >= RUN_MAX || at - start >= RUN_BYTES) {
      runs.push([start, at])
      start = at
      size = 0
    }
  })
  const tail = at
  write(frame.after)
  return { text: buffer, head, tail, runs }
}

/** The stored form of an encoded document. */
export type Packed = {
  gzip: Uint8Array
  /** A document compressed as runs: the keys of its runs, and those compressed now. */
  runs: { keys: string[]; fresh: Run[] } | null
}

/**
 * Compresses an encoded document: whole when `kept` is null (its first version), else as runs,
 * taking those `kept` (its last version's, by key) has.
 */
export function pack(encoded: Encoded, kept: ReadonlyMap<string, Uint8Array> | null): Packed {
  const { text, head, tail } = encoded
  if (kept === null || encoded.runs.length === 0) return { gzip: gzip(text), runs: null }
  const keys: string[] = []
  const fresh: Run[] = []
  const entryRuns = encoded.runs.map(([start, end]) => {
    const bytes = text.subarray(start, end)
    // A run's name in the store: the SHA-256 of its bytes.
    const key = sha256Hex(bytes)
    keys.push(key)
    const hit = kept.get(key)
    if (hit) return hit
    const deflated = deflateRun(bytes)
    fresh.push({ key, deflated })
    return deflated
  })
  const deflated = [
    deflateRun(text.subarray(0, head)),
    ...entryRuns,
    deflateRun(text.subarray(tail)),
  ]
  return { gzip: gzipRuns(deflated, text), runs: { keys, fresh } }
}
