/**
 * Gzip for stored documents, with node:zlib (built into workerd and Node). A document is stored
 * as one gzip member, sent as it is to clients that accept gzip. A document rendered again can
 * be put together from runs compressed apart (`gzipRuns`): each run is raw deflate that starts
 * afresh and ends on a byte boundary without ending the stream (a sync flush), so runs
 * concatenate into one valid stream, and a run its last version had is not compressed again.
 */
import { constants, crc32, deflateRawSync, gunzipSync, gzipSync } from 'node:zlib'

/**
 * zlib's level for stored documents. Compressing is the largest single cost of rendering a
 * document, and on our feeds level 2 takes about two thirds of level 4's time and half of the
 * default's (6, all `CompressionStream` offers), for 1.18 and 1.3 times their bytes: 2.5 times
 * the raw corpus stored, where the limit we hold to is 10, and feed readers mostly get 304s.
 */
const LEVEL = 2

/** Gzip of a text or its UTF-8 bytes: documents are stored and, to clients that accept it, sent compressed. */
export function gzip(body: string | Uint8Array): Uint8Array {
  return gzipSync(body, { level: LEVEL })
}

export function gunzip(bytes: ArrayBuffer | Uint8Array): string {
  return gunzipSync(bytes).toString('utf8')
}

/** A run of a text compressed alone, to be put in a gzip member by `gzipRuns`. */
export function deflateRun(bytes: Uint8Array): Uint8Array {
  return deflateRawSync(bytes, { level: LEVEL, finishFlush: constants.Z_SYNC_FLUSH })
}

/** RFC 1952: magic, deflate, no flags, no time, no extra flags, OS unknown. */
const HEADER = Uint8Array.of(0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff)
/** A final, empty block of fixed codes: the stream's end after runs that do not end it. */
const FINAL_BLOCK = Uint8Array.of(0x03, 0x00)

/**
 * One gzip member from its runs in order, each compressed by `deflateRun`, for a text of `size`
 * bytes whose CRC-32 is `crc` (`crc32Combine` makes it from the runs' own).
 */
export function gzipRuns(runs: readonly Uint8Array[], crc: number, size: number): Uint8Array {
  const trailer = new Uint8Array(8)
  const view = new DataView(trailer.buffer)
  view.setUint32(0, crc >>> 0, true)
  view.setUint32(4, size >>> 0, true)
  return concat([HEADER, ...runs, FINAL_BLOCK, trailer])
}

export { crc32 }

/** CRC-32's polynomial, bit-reversed as zlib uses it. */
const POLY = 0xedb88320

/** a(x) times b(x) modulo the polynomial, both bit-reversed. */
function multiplyModP(a: number, b: number): number {
  let product = 0
  let factor = b
  for (let bit = 0x80000000; bit !== 0; bit >>>= 1) {
    if (a & bit) product ^= factor
    factor = factor & 1 ? (factor >>> 1) ^ POLY : factor >>> 1
  }
  return product >>> 0
}

/** x^(2^k) modulo the polynomial, for k from 0 to 31: x^(8n) is a product of these. */
const X_POW_2K = (() => {
  const table = [0x40000000]
  for (let k = 1; k < 32; k++)
    table.push(multiplyModP(table[k - 1] as number, table[k - 1] as number))
  return table
})()

/**
 * The CRC-32 of two byte strings joined, from the CRC-32 of each and the length of the second
 * (zlib's crc32_combine): a document put together from kept runs has its CRC without reading
 * their bytes. Appending n zero bytes multiplies a CRC by x^(8n).
 */
export function crc32Combine(first: number, second: number, secondLength: number): number {
  let shift = 0x80000000 // x^0
  let k = 3 // x^(8n) = x^(n * 2^3)
  for (let n = secondLength; n > 0; n = Math.floor(n / 2), k++)
    if (n % 2 === 1) shift = multiplyModP(X_POW_2K[k % 32] as number, shift)
  return (multiplyModP(shift, first) ^ second) >>> 0
}

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, p) => sum + p.byteLength, 0))
  let offset = 0
  for (const part of parts) {
    out.set(part, offset)
    offset += part.byteLength
  }
  return out
}
