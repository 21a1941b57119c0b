import { describe, expect, it } from 'vitest'
import { type Packed, pack, prepare } from '../../src/build/compress'
import type { DocParts, RenderedDoc } from '../../src/feeds'
import { framed } from '../../src/feeds'
import type { Run } from '../../src/store/derived'
import { crc32, crc32Combine, gunzip } from '../../src/store/gzip'

const entryOf = (id: string, version = 1) =>
  `<entry id="${id}" v="${version}">Заседание ${id} 🚀 ${'the council met and agreed, '.repeat(10 + (Number.parseInt(id, 16) % 7))}</entry>`

/** A window of `count` items, newest first, ending at item `newest`; `edited` items at version 2. */
function window(newest: number, count: number, edited: readonly string[] = []): DocParts {
  const ids = Array.from({ length: count }, (_, k) => (newest - k).toString(16).padStart(16, '0'))
  const version = (id: string) => (edited.includes(id) ? 2 : 1)
  return {
    frame: { before: `<feed updated="${newest}">\n`, separator: '\n', after: '\n</feed>\n' },
    entries: ids.map((id) => entryOf(id, version(id))),
    ids,
    sources: ids.map((id) => `${id} v${version(id)}`),
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

const textOf = (parts: DocParts) => framed(parts.frame, parts.entries)

/** What a client that takes gzip reads. */
async function inflate(gzip: Uint8Array): Promise<string> {
  const stream = new Blob([gzip]).stream().pipeThrough(new DecompressionStream('gzip'))
  return new Response(stream).text()
}

/** Packs a document as runs, and the runs the next version would read back. */
function kept(parts: DocParts, last: Map<string, Run> = new Map()) {
  const packed = pack(prepare(doc(parts)), last)
  const runs = new Map(last)
  for (const run of packed.runs?.fresh ?? []) runs.set(run.key, run)
  return { packed, runs: new Map([...runs].filter(([key]) => packed.runs?.keys.includes(key))) }
}

const utf8Length = (text: string) => new TextEncoder().encode(text).byteLength

async function expectHolds(packed: Packed, text: string) {
  expect(await inflate(packed.gzip)).toBe(text)
  expect(gunzip(packed.gzip)).toBe(text)
  expect(packed.bytes).toBe(utf8Length(text))
}

describe('a stored document', () => {
  it('is its UTF-8 text, whole or compressed as runs, and every gzip reader reads it back', async () => {
    const parts = window(500, 50)
    for (const packed of [pack(prepare(doc(parts)), null), pack(prepare(doc(parts)), new Map())])
      await expectHolds(packed, textOf(parts))
    expect(pack(prepare(doc(parts)), null).runs).toBeNull()
  })

  it('holds text of three bytes a character as well as ASCII', async () => {
    const parts: DocParts = {
      frame: { before: '[', separator: ',', after: ']' },
      entries: ['€'.repeat(5000), `"${'ж'.repeat(3000)}🚀"`, 'ascii'],
      ids: ['a', 'b', 'c'],
      sources: ['a 1', 'b 1', 'c 1'],
    }
    await expectHolds(pack(prepare(doc(parts)), new Map()), textOf(parts))
  })

  it('rendered again after each new item compresses only the runs that changed, reading the others back', async () => {
    let last = kept(window(500, 50))
    // Forty moves: stretches no id ends within a run's limit come and go at both ends.
    for (let newest = 501; newest <= 540; newest++) {
      const moved = window(newest, 50)
      const next = kept(moved, last.runs)
      expect(next.packed.runs?.keys.length).toBeGreaterThan(3)
      // The run with the new item and the run the oldest left; every other run is read back.
      expect(next.packed.runs?.fresh.length).toBeLessThanOrEqual(2)
      await expectHolds(next.packed, textOf(moved))
      last = next
    }
  })

  it('compresses again the run of an item that changed, though its id stands where it stood', async () => {
    const first = kept(window(500, 50))
    const editedId = (480).toString(16).padStart(16, '0')
    const edited = window(500, 50, [editedId])
    const { packed } = kept(edited, first.runs)
    expect(packed.runs?.fresh).toHaveLength(1)
    await expectHolds(packed, textOf(edited))
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
      sources: ['0 a', '0 b', '0 c'],
    }
    expect(prepare(doc(long)).spans).toHaveLength(3)
    const empty: DocParts = {
      frame: { before: '<feed>', separator: '\n', after: '' },
      entries: [],
      ids: [],
      sources: [],
    }
    expect(pack(prepare(doc(empty)), new Map()).runs).toBeNull()
  })
})

describe("a document's ETag hash", () => {
  const hashOf = (parts: DocParts) => prepare(doc(parts)).hash

  it('is the same for the same frame and entries, and another when either changes', () => {
    const parts = window(500, 50)
    expect(hashOf(window(500, 50))).toBe(hashOf(parts))
    // One entry's item changed, in the middle of the window.
    expect(hashOf(window(500, 50, [(475).toString(16).padStart(16, '0')]))).not.toBe(hashOf(parts))
    // The frame changed (the feed's `updated`), its entries did not.
    expect(hashOf({ ...parts, frame: { ...parts.frame, before: '<feed>\n' } })).not.toBe(
      hashOf(parts)
    )
    // One entry fewer.
    expect(hashOf(window(500, 49))).not.toBe(hashOf(parts))
  })
})

describe('CRC-32 of joined bytes', () => {
  it('is made from the CRC-32 and length of each part', () => {
    const bytes = new TextEncoder().encode(`${'Заседание Совета 🚀 '.repeat(5000)}tail`)
    for (const cut of [0, 1, 7, 4096, bytes.byteLength - 1, bytes.byteLength]) {
      const [a, b] = [bytes.subarray(0, cut), bytes.subarray(cut)]
      expect(crc32Combine(crc32(a), crc32(b), b.byteLength)).toBe(crc32(bytes))
    }
  })
})
