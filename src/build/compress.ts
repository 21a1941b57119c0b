/**
 * A rendered document's stored bytes: its UTF-8 text, and that text as one gzip member.
 *
 * An archive rendered for the first time is compressed whole: the best ratio, and a first build
 * renders thousands of archives once. A subscription document (rendered again at every new item)
 * and any document rendered again are compressed as runs (store/gzip.ts): the head, the tail,
 * and runs of about eight entries whose ends are chosen by the items' ids, not by position
 * (content-defined, as rsync chooses blocks), so that a new item at the top of a window changes
 * the first run, the item that leaves it the last, and the runs between are those the last
 * version kept, read back compressed. A new page then compresses a fraction of its feeds'
 * windows, for about 1.1 times the bytes of a whole compression.
 */
import type { DocParts, RenderedDoc } from '../feeds'
import { digest } from '../pipeline/fingerprint'
import { deflateRun, gzip, gzipRuns } from '../store/gzip'
import { sha256Hex } from '../store/kv'

/** About one entry in this many ends a run; no run holds more than RUN_MAX entries. */
const RUN_EVERY = 8
const RUN_MAX = 16

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
  const separators = Math.max(0, entries.length - 1) * frame.separator.length
  const chars =
    frame.before.length +
    frame.after.length +
    separators +
    entries.reduce((n, e) => n + e.length, 0)
  // Sized for a little Cyrillic, grown when a part does not fit: an archive of a dense month is
  // megabytes, and three bytes a character (the most UTF-8 takes) held three times as many.
  let buffer = new Uint8Array(Math.ceil(chars * 1.5) + 16)
  const encoder = new TextEncoder()
  let at = 0
  const write = (text: string) => {
    let rest = text
    for (;;) {
      const { read, written } = encoder.encodeInto(rest, buffer.subarray(at))
      at += written
      if (read === rest.length) return
      rest = rest.slice(read)
      const grown = new Uint8Array(Math.max(buffer.length * 2, at + rest.length * 3))
      grown.set(buffer.subarray(0, at))
      buffer = grown
    }
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
    if (last || endsRun(ids[i] ?? '') || size >= RUN_MAX) {
      runs.push([start, at])
      start = at
      size = 0
    }
  })
  const tail = at
  write(frame.after)
  // Exactly the bytes written.
  return { text: buffer.slice(0, at), head, tail, runs }
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
