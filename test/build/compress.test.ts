import { describe, expect, it } from 'vitest'
import { encodeDoc, pack } from '../../src/build/compress'
import type { DocParts, RenderedDoc } from '../../src/feeds'
import { framed } from '../../src/feeds'
import { gunzip } from '../../src/store/gzip'

/** A window of `count` items, newest first, ending at item `newest`: entries of some length each. */
function window(newest: number, count: number): DocParts {
  const ids = Array.from({ length: count }, (_, k) => (newest - k).toString(16).padStart(16, '0'))
  return {
    frame: { before: `<feed updated="${newest}">\n`, separator: '\n', after: '\n</feed>\n' },
    entries: ids.map(
      (id) =>
        `<entry id="${id}">Заседание ${id} 🚀 ${'the council met and agreed, '.repeat(10 + (Number.parseInt(id, 16) % 7))}</entry>`
    ),
    ids,
  }
}

const doc = (parts: DocParts): RenderedDoc => ({
  path: '/feed.xml',
  body: framed(parts.frame, parts.entries),
  contentType: 'application/atom+xml; charset=utf-8',
  cache: 'feed',
  subscription: true,
  parts,
})

/** What a client that takes gzip reads. */
async function inflate(gzip: Uint8Array): Promise<string> {
  const stream = new Blob([gzip]).stream().pipeThrough(new DecompressionStream('gzip'))
  return new Response(stream).text()
}

/** The runs the next version would read back: the compressed runs of this one, by key. */
function kept(parts: DocParts, last: Map<string, Uint8Array> = new Map()) {
  const packed = pack(encodeDoc(doc(parts)), last)
  const runs = new Map(last)
  for (const run of packed.runs?.fresh ?? []) runs.set(run.key, run.deflated)
  return { packed, runs: new Map([...runs].filter(([key]) => packed.runs?.keys.includes(key))) }
}

describe('a stored document', () => {
  it('is its UTF-8 text, whole or compressed as runs, and every gzip reader reads it back', async () => {
    const parts = window(500, 50)
    const text = framed(parts.frame, parts.entries)
    const encoded = encodeDoc(doc(parts))
    expect(new TextDecoder().decode(encoded.text)).toBe(text)
    for (const packed of [pack(encoded, null), pack(encoded, new Map())]) {
      expect(await inflate(packed.gzip)).toBe(text)
      expect(gunzip(packed.gzip)).toBe(text)
    }
    expect(pack(encoded, null).runs).toBeNull()
  })

  it('holds text of three bytes a character as well as ASCII', () => {
    const parts: DocParts = {
      frame: { before: '[', separator: ',', after: ']' },
      entries: ['€'.repeat(5000), `"${'ж'.repeat(3000)}🚀"`, 'ascii'],
      ids: ['a', 'b', 'c'],
    }
    const text = framed(parts.frame, parts.entries)
    const packed = pack(encodeDoc(doc(parts)), new Map())
    expect(gunzip(packed.gzip)).toBe(text)
  })

  it('rendered again after one new item compresses only the runs that changed, reading the others back', async () => {
    const first = kept(window(500, 50))
    const moved = window(501, 50)
    const { packed } = kept(moved, first.runs)
    const keys = packed.runs?.keys ?? []
    expect(keys.length).toBeGreaterThan(3)
    // The run with the new item and the run the oldest left; every other run is read back.
    expect(packed.runs?.fresh.length).toBeLessThanOrEqual(2)
    expect(await inflate(packed.gzip)).toBe(framed(moved.frame, moved.entries))
  })

  it('ends its runs at the same items wherever they stand, and takes a document without entries whole', () => {
    const keysOf = (parts: DocParts) => kept(parts).packed.runs?.keys ?? []
    const shared = keysOf(window(500, 50)).filter((k) => keysOf(window(520, 70)).includes(k))
    expect(shared.length).toBeGreaterThan(2)
    // A run is one SQLite row: long entries end it whatever their ids.
    const long: DocParts = {
      frame: { before: '[', separator: ',', after: ']' },
      entries: ['a', 'b', 'c'].map((c) => c.repeat(300_000)),
      ids: ['0', '0', '0'],
    }
    expect(encodeDoc(doc(long)).runs).toHaveLength(3)
    const empty: DocParts = {
      frame: { before: '<feed>', separator: '\n', after: '' },
      entries: [],
      ids: [],
    }
    expect(pack(encodeDoc(doc(empty)), new Map()).runs).toBeNull()
  })
})
