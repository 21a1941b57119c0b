/**
 * A rendered document's stored form: its ETag's hash, and its text as one gzip member.
 *
 * A feed document is its frame around runs of entries: runs of about eight entries whose ends
 * are chosen by the items' ids, not by position (content-defined, as rsync chooses blocks), so
 * that a new item at the top changes the first run, the item that leaves changes the last, and
 * the runs between are the same. A run is named by the digests of its entries, kept with them
 * (`DocParts.sources`), and a document's ETag hashes its frame and the names of its runs (a hash
 * tree of its bytes): whether a document changed, and which runs its last version already
 * compressed, is known before any of its text is encoded or hashed.
 *
 * Most documents are compressed whole: the best ratio, and a first build renders thousands of
 * archives once. The documents a new item renders again, a feed's window and its newest archive
 * (which takes the items leaving the window), are compressed as runs (store/gzip.ts): the runs
 * their last version kept are read back compressed, with their CRC-32 and length, and only the
 * others are encoded and compressed, for about 1.1 times the bytes of a whole compression.
 */
import { Buffer } from 'node:buffer'
import type { DocParts, RenderedDoc } from '../feeds'
import type { Run } from '../store/derived'
import { crc32, crc32Combine, deflateRun, gzip, gzipRuns } from '../store/gzip'
import { sha256Hex } from '../store/kv'

/**
 * About one entry in this many ends a run; no run holds more than RUN_MAX entries or much over
 * RUN_BYTES of text (a run is one SQLite row, and a Durable Object's rows stop at 2 MB; an item
 * may hold 100,000 characters). Measured in UTF-16 units, of at most 3 UTF-8 bytes each.
 */
const RUN_EVERY = 8
const RUN_MAX = 16
const RUN_UNITS = Math.floor((256 * 1024) / 3)

/** The entries [from, to) of a document, and the run's name. */
type Span = { from: number; to: number; key: string }

/**
 * How strongly an item's entry ends a run, by its id alone, so that the same items end the same
 * runs wherever they stand: about one in RUN_EVERY ends a run (2); in a stretch too long for a
 * run, about one in four of the others ends a piece of it (1).
 */
function endLevel(id: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193)
  const bits = (h ^ (h >>> 15)) >>> 0
  if (bits % RUN_EVERY === 0) return 2
  return (bits >>> 8) % 4 === 0 ? 1 : 0
}

/**
 * A document's runs of entries: stretches ended by items' ids, a stretch over the limits cut
 * where weaker ends fall, and only what is still over them cut by count (rare: (3/4)^16).
 */
function spansOf({ entries, ids, sources }: DocParts): Span[] {
  const levels = ids.map(endLevel)
  const spans: Span[] = []
  const span = (from: number, to: number) => {
    // The document's last entry has no separator after it: its run's bytes differ.
    const last = to === entries.length
    const key = sha256Hex(`${last ? 'last' : 'run'}\n${sources.slice(from, to).join('\n')}`)
    spans.push({ from, to, key })
  }
  const fits = (from: number, to: number) =>
    to - from <= RUN_MAX && entries.slice(from, to).reduce((n, e) => n + e.length, 0) < RUN_UNITS
  const stretches = (from: number, to: number, level: number) => {
    let start = from
    for (let i = from; i < to; i++) {
      if (i < to - 1 && (levels[i] ?? 0) < level) continue
      if (fits(start, i + 1)) span(start, i + 1)
      else if (level > 1) stretches(start, i + 1, level - 1)
      else byCount(start, i + 1)
      start = i + 1
    }
  }
  const byCount = (from: number, to: number) => {
    let start = from
    for (let i = from; i < to; i++)
      if (i === to - 1 || !fits(start, i + 2)) {
        span(start, i + 1)
        start = i + 1
      }
  }
  stretches(0, entries.length, 2)
  return spans
}

/** A rendered document, ready to compare with its last version and to compress. */
export type Prepared = {
  doc: RenderedDoc
  /** The hash its ETag is made from. */
  hash: string
  spans: Span[]
}

/** A feed document's hash is its frame's and its runs' names (a hash tree); another document's, its text's. */
export function prepare(doc: RenderedDoc): Prepared {
  if (!doc.parts) return { doc, hash: sha256Hex(doc.body), spans: [] }
  const spans = spansOf(doc.parts)
  const { before, separator, after } = doc.parts.frame
  const hash = sha256Hex(JSON.stringify([before, separator, after, spans.map((s) => s.key)]))
  return { doc, hash, spans }
}

/** Strings as one UTF-8 buffer, sized exactly (a dense month's archive is megabytes). */
function encode(texts: readonly string[]): Uint8Array {
  const buffer = new Uint8Array(texts.reduce((n, t) => n + Buffer.byteLength(t, 'utf8'), 0))
  const encoder = new TextEncoder()
  let at = 0
  for (const text of texts) at += encoder.encodeInto(text, buffer.subarray(at)).written
  return buffer
}

/** The strings of a document's text in order: before, entries with separators, after. */
function pieces(parts: DocParts, from: number, to: number): string[] {
  const out: string[] = []
  for (let i = from; i < to; i++) {
    out.push(parts.entries[i] as string)
    if (i < parts.entries.length - 1) out.push(parts.frame.separator)
  }
  return out
}

/** The stored form of a document. */
export type Packed = {
  gzip: Uint8Array
  /** Its text's length in UTF-8 bytes. */
  bytes: number
  /** A document compressed as runs: the names of its runs, and those compressed now. */
  runs: { keys: string[]; fresh: Run[] } | null
}

/**
 * Compresses a document: whole when `kept` is null (its first version) or it has no entries,
 * else as runs, taking those `kept` (its last version's, by name) has.
 */
export function pack(prepared: Prepared, kept: ReadonlyMap<string, Run> | null): Packed {
  const { doc, spans } = prepared
  const parts = doc.parts
  if (!parts || kept === null || spans.length === 0) {
    const text = parts
      ? encode([parts.frame.before, ...pieces(parts, 0, parts.entries.length), parts.frame.after])
      : encode([doc.body])
    return { gzip: gzip(text), bytes: text.byteLength, runs: null }
  }
  const fresh: Run[] = []
  const compressed = (key: string, texts: readonly string[]): Run => {
    const text = encode(texts)
    return { key, deflated: deflateRun(text), crc: crc32(text), size: text.byteLength }
  }
  const runs = [
    compressed('', [parts.frame.before]),
    ...spans.map(({ from, to, key }) => {
      const hit = kept.get(key)
      if (hit) return hit
      const run = compressed(key, pieces(parts, from, to))
      fresh.push(run)
      return run
    }),
    compressed('', [parts.frame.after]),
  ]
  let crc = 0
  let bytes = 0
  for (const run of runs) {
    crc = crc32Combine(crc, run.crc, run.size)
    bytes += run.size
  }
  return {
    gzip: gzipRuns(
      runs.map((r) => r.deflated),
      crc,
      bytes
    ),
    bytes,
    runs: { keys: spans.map((s) => s.key), fresh },
  }
}
