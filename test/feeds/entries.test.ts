import { describe, expect, it } from 'vitest'
import { buildConfig } from '../../src/content'
import {
  type EntryStore,
  FORMATS,
  type Format,
  type KeptEntry,
  renderFeedDocument,
} from '../../src/feeds'
import type { Item } from '../../src/model'
import { digest } from '../../src/pipeline/fingerprint'
import { corpusPages, extract } from '../helpers'

/** Entries kept in memory, counting what is written into it. */
function memoryEntries(): EntryStore & { puts: number } {
  const kept = new Map<string, Omit<KeptEntry, 'id'>>()
  return {
    puts: 0,
    entries(ids, format) {
      return new Map(
        ids.flatMap((id) => {
          const hit = kept.get(`${format} ${id}`)
          return hit ? [[id, hit]] : []
        })
      )
    },
    putEntries(format, written) {
      for (const { id, ...entry } of written) {
        this.puts++
        kept.set(`${format} ${id}`, entry)
      }
    },
  }
}

const items = extract(corpusPages()).items
const context = {
  site: buildConfig.site,
  topics: buildConfig.topics,
  place: { baseUrl: 'https://feeds.example', hubUrl: null },
  firstSeen: () => '2025-12-01',
}
const spec = { topic: null }
const links = { prev: '2024-01', next: null }
const render = (list: readonly Item[], entries?: EntryStore) =>
  renderFeedDocument({ ...context, ...(entries ? { entries } : {}) }, spec, null, list, links).map(
    (d) => d.body
  )
const formats = Object.keys(FORMATS) as Format[]

describe('documents made from kept entries', () => {
  it('have the bytes of documents written whole, and write each entry once', () => {
    const entries = memoryEntries()
    const whole = render(items)
    expect(render(items, entries)).toEqual(whole)
    expect(entries.puts).toBe(items.length * formats.length)
    // A second document with the same items writes nothing again.
    expect(render(items, entries)).toEqual(whole)
    expect(entries.puts).toBe(items.length * formats.length)
  })

  it('write again the entry of an item that changed, and only that one', () => {
    const entries = memoryEntries()
    render(items, entries)
    const [first, ...rest] = items as [Item, ...Item[]]
    const changed = [{ ...first, title: `${first.title} (corrected)` }, ...rest]
    const puts = entries.puts
    const bodies = render(changed, entries)
    expect(entries.puts - puts).toBe(formats.length)
    expect(bodies).toEqual(render(changed))
    for (const body of bodies) expect(body).toContain('(corrected)')
  })

  it('name each entry by the digest of its bytes, whether kept or written now', () => {
    const entries = memoryEntries()
    const docs = () => renderFeedDocument({ ...context, entries }, spec, null, items, links)
    for (const rendered of [docs(), docs()])
      for (const doc of rendered) {
        const parts = doc.parts
        expect(parts?.sources).toEqual(parts?.entries.map((e) => digest(e)))
      }
  })
})
