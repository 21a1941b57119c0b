/**
 * Mutated pages through the admin API, a rebuild after each batch, and every promise checked
 * after each: every feed well-formed with unique ids, every page kept as it came, no corpus
 * markup unescaped in a page for people, and every id served before still served while its
 * text is. Seeded: a failure names its seed and batch, and runs again the same.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { mulberry32, type Random } from '../../bench/random'
import { topics } from '../../src/content'
import { findAll, findOne, parseXml } from '../feeds/fixtures'
import { AUTH, call, casePages, corpusPages, rebuildNow } from '../helpers'

const SEED = 20261205
const BATCHES = 6
const PER_BATCH = 50
/** Inserted as corpus markup: it must arrive in every page for people as text, never as a tag. */
const MARKER = '<fuzz-marker onclick="alert(1)">'

const encoder = new TextEncoder()
const pick = <T>(random: Random, list: readonly T[]): T =>
  list[Math.floor(random() * list.length)] as T
const at = (random: Random, length: number) => Math.floor(random() * (length + 1))

function insert(bytes: Uint8Array, offset: number, inserted: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.byteLength + inserted.byteLength)
  out.set(bytes.subarray(0, offset))
  out.set(inserted, offset)
  out.set(bytes.subarray(offset), offset + inserted.byteLength)
  return out
}

/** Inserts a text at a line start, where the pipeline reads lines. */
function insertLine(random: Random, bytes: Uint8Array, line: string): Uint8Array {
  const starts = [0, ...[...bytes.keys()].filter((i) => bytes[i] === 0x0a).map((i) => i + 1)]
  return insert(bytes, pick(random, starts), encoder.encode(line))
}

type Mutation = (random: Random, bytes: Uint8Array) => Uint8Array

/** The ways a page arrives damaged or hostile. */
const MUTATIONS: Record<string, Mutation> = {
  flips: (random, bytes) => {
    const out = bytes.slice()
    for (let k = 0; k < 1 + random() * 8; k++) {
      const i = Math.floor(random() * out.length)
      out[i] = (out[i] as number) ^ (1 << Math.floor(random() * 8))
    }
    return out
  },
  truncated: (random, bytes) => bytes.slice(0, Math.max(1, at(random, bytes.length))),
  controls: (random, bytes) =>
    insert(bytes, at(random, bytes.length), encoder.encode('\u0000\u0001\u0008\u000B\u001F\u007F')),
  invalidUtf8: (random, bytes) =>
    insert(
      bytes,
      at(random, bytes.length),
      Uint8Array.of(0xc3, 0x28, 0xff, 0xed, 0xa0, 0x80, 0xf8)
    ),
  bom: (random, bytes) =>
    insert(bytes, 0, random() < 0.5 ? Uint8Array.of(0xef, 0xbb, 0xbf) : Uint8Array.of(0xff, 0xfe)),
  bidi: (random, bytes) =>
    insertLine(random, bytes, '\u202EThe council \u2066met\u2069 in \u200FMinsk.\u202C\n'),
  markup: (random, bytes) =>
    insertLine(random, bytes, `${MARKER}The <b>council</b> met ]]> and <![CDATA[ & &amp; </p>\n`),
  impossibleDate: (random, bytes) =>
    insertLine(
      random,
      bytes,
      `${pick(random, ['31.02.2025', '00.13.2024', '99.99.9999', '29.02.2023', '31.04.2021'])}\n`
    ),
  huge: (_random, bytes) => {
    const copies = Math.ceil(1_000_000 / bytes.byteLength)
    const out = new Uint8Array(bytes.byteLength * copies)
    for (let k = 0; k < copies; k++) out.set(bytes, k * bytes.byteLength)
    return out
  },
}

/** One mutated page: a real or hand-made page with one to three mutations (a huge one rarely). */
function mutant(random: Random, bases: readonly Uint8Array[], index: number) {
  let bytes = pick(random, bases)
  const names: string[] = []
  const kinds = Object.keys(MUTATIONS).filter((k) => k !== 'huge')
  for (let k = 0; k < 1 + Math.floor(random() * 3); k++) {
    const kind = pick(random, kinds)
    names.push(kind)
    bytes = (MUTATIONS[kind] as Mutation)(random, bytes)
  }
  // Two pages of a megabyte in all: each costs a second of extraction.
  if (index % 150 === 75) {
    names.push('huge')
    bytes = (MUTATIONS.huge as Mutation)(random, bytes)
  }
  return { name: `fuzz-${index}-${names.join('-')}.txt`, bytes }
}

async function sha256(bytes: Uint8Array): Promise<string> {
  const hash = await crypto.subtle.digest('SHA-256', bytes)
  return [...new Uint8Array(hash)].map((b) => b.toString(16).padStart(2, '0')).join('')
}

type JsonItem = { id: string; url: string; content_text?: string }

/** Every item of the main feed, walking its archives from the subscription document; and their paths. */
async function allItems(): Promise<{ items: JsonItem[]; documents: string[] }> {
  const items: JsonItem[] = []
  const documents: string[] = []
  let url: string | undefined = '/feed.json'
  while (url) {
    const response = await call(url)
    expect(response.status, url).toBe(200)
    const feed = (await response.json()) as { items: JsonItem[]; next_url?: string }
    items.push(...feed.items)
    documents.push(new URL(url, 'https://any.example').pathname)
    url = feed.next_url
  }
  return { items, documents }
}

/** The item ids of a feed document, in its own format; fails when it is not well-formed. */
async function idsIn(path: string): Promise<string[]> {
  const response = await call(path)
  expect(response.status, path).toBe(200)
  const text = await response.text()
  if (path.endsWith('.json'))
    return ((JSON.parse(text) as { items: JsonItem[] }).items ?? []).map((i) => i.id)
  const root = parseXml(text)
  if (root.local === 'feed') return findAll(root, 'entry').map((e) => findOne(e, 'id').text)
  return findAll(root, 'guid').map((g) => g.text)
}

const FEEDS = ['', ...topics.topics.map((t) => `/topics/${t.slug}`)]
const FILES = ['feed.xml', 'atom.xml', 'feed.json']

const random = mulberry32(SEED)
const stored = new Map<string, string>()
/** Each id the last build served, with its text. */
const served = new Map<string, string>()
const findings: string[] = []
/** Documents and pages checked, over all batches. */
const checked = { documents: 0, pages: 0, markupAsText: 0 }

beforeAll(async () => {
  const bases = [...corpusPages(), ...casePages()].map((p) => encoder.encode(p.text))
  for (let batch = 0; batch < BATCHES; batch++) {
    for (let k = 0; k < PER_BATCH; k++) {
      const { name, bytes } = mutant(random, bases, batch * PER_BATCH + k)
      const response = await call(`/admin/documents?name=${encodeURIComponent(name)}`, {
        method: 'POST',
        headers: AUTH,
        body: bytes,
      })
      if (response.status !== 201 && response.status !== 200)
        findings.push(`${name}: ${response.status} ${await response.text()}`)
      else stored.set(await sha256(bytes), name)
    }
    await rebuildNow()
    await check(`seed ${SEED}, batch ${batch}`)
  }
}, 240_000)

/** Every promise, after a batch; what breaks is collected, so one run reports all of it. */
async function check(when: string): Promise<void> {
  const { items, documents } = await allItems()
  // Every subscription document, and every archive of the main feed, in every format.
  const paths = [
    ...FEEDS.flatMap((feed) => FILES.map((file) => `${feed}/${file}`)),
    ...documents.slice(1).flatMap((json) => FILES.map((file) => json.replace('feed.json', file))),
  ]
  checked.documents += paths.length
  for (const path of paths) {
    try {
      const ids = await idsIn(path)
      if (new Set(ids).size !== ids.length) findings.push(`${when}: ${path} repeats an id`)
    } catch (error) {
      findings.push(`${when}: ${path} is not well-formed: ${error}`)
    }
  }
  const listed = (await (await call('/admin/documents', { headers: AUTH })).json()) as {
    documents: Array<{ sha: string }>
  }
  const kept = new Set(listed.documents.map((d) => d.sha))
  for (const [sha, name] of stored) if (!kept.has(sha)) findings.push(`${when}: ${name} was lost`)
  // A text still served keeps its id, or takes that of an item served before that it merged with.
  const byText = new Map<string, string[]>()
  for (const item of items)
    byText.set(item.content_text ?? '', [...(byText.get(item.content_text ?? '') ?? []), item.id])
  for (const [id, text] of served) {
    const ids = byText.get(text) ?? [id]
    if (!ids.includes(id) && !ids.some((other) => served.has(other)))
      findings.push(
        `${when}: ${id} was replaced by ${ids} while its text is still served: ${text.slice(0, 500)}`
      )
  }
  served.clear()
  for (const item of items) served.set(item.id, item.content_text ?? '')
  const pages = ['/', ...FEEDS.slice(1), ...items.map((i) => new URL(i.url).pathname)]
  checked.pages += pages.length
  for (const path of pages) {
    const html = await (await call(path)).text()
    if (html.includes('<fuzz-marker'))
      findings.push(`${when}: ${path} has the corpus markup unescaped`)
    if (html.includes('&lt;fuzz-marker')) checked.markupAsText++
  }
}

describe('300 mutated pages, a rebuild after every 50', () => {
  it('are all accepted and kept verbatim, and break no promise of any build', () => {
    expect(stored.size).toBeGreaterThan(BATCHES * PER_BATCH * 0.9)
    expect(findings).toEqual([])
  })

  it('were served: the feeds, their archives and the item pages were all read', () => {
    expect(served.size).toBeGreaterThan(20)
    // More than the subscription documents: archives too, and a page per item.
    expect(checked.documents).toBeGreaterThan(BATCHES * FEEDS.length * FILES.length)
    expect(checked.pages).toBeGreaterThan(BATCHES * served.size * 0.5)
    // The markup reached pages, as text: the check above is not empty.
    expect(checked.markupAsText).toBeGreaterThan(0)
  })
})
