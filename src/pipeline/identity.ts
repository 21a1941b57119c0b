/**
 * Stable ids. Once published, an item's id never changes: not when the parser improves, not when
 * a teaser is merged into its article, not when a date is filled in. A ledger of fingerprints
 * (one per copy of an item's text) → id, and of the text each id was last given for, is
 * consulted at every build and handed back grown. The batch pipeline keeps it as one JSON
 * `Registry`; the incremental build keeps it in SQLite.
 */

import { digest } from './fingerprint'
import type { MergedItem } from './merge'

/** What id assignment reads of the registry, wherever it is kept. */
export type IdLedger = {
  /** The id a copy's fingerprint was last given. */
  idOf(fingerprint: string): string | undefined
  /** The generation that minted an id; undefined for an id never minted. */
  generationOf(id: string): number | undefined
  /** An id held by an item outside the items being assigned (the incremental build keeps those). */
  heldElsewhere(id: string): boolean
  /** The id last given for an item's text (`textKey`). */
  idOfText(text: string): string | undefined
}

/** What assignment adds to the ledger: every copy's fingerprint now names its item's id. */
export type LedgerUpdate = {
  fingerprints: Array<[fingerprint: string, id: string]>
  minted: Array<[id: string, generation: number]>
  /** Each id given for a text it was not given for before, with that text's key. */
  texts: Array<[id: string, text: string]>
}

/** The batch form of the ledger: one JSON value (the CLI's `--registry` file). */
export type Registry = {
  version: 1
  /** Builds that have used this registry; ids remember the one that minted them. */
  generation: number
  /** Fingerprint of a copy's text → the id of the item it belongs to. */
  fingerprints: Record<string, string>
  /** Id → the generation that minted it: when two registered items merge, the older id wins. */
  ids: Record<string, number>
  /** Id → the key of the text it was last given for (absent from registries made before it). */
  texts?: Record<string, string>
}

export function emptyRegistry(): Registry {
  return { version: 1, generation: 0, fingerprints: {}, ids: {}, texts: {} }
}

/**
 * An item's text as a reader sees it, as a key: its paragraphs. Not a copy's fingerprint: two
 * copies that differ in what words do not show (a stray mark, a page date) are one text here.
 */
export const textKey = (item: Pick<MergedItem, 'paragraphs'>): string =>
  digest(item.paragraphs.join('\n\n'))

/**
 * What a first part is looked up by: a teaser cut in parts, a few short paragraphs. Longer
 * prefixes are not digested: every new item of a build would pay for them.
 */
const MAX_PART_PARAGRAPHS = 8
const MAX_PART_CHARS = 2_000

/**
 * The keys of an item's leading paragraphs, longest first: what its first part's text key was
 * when a former segmentation cut the item in parts (`textKey` of those paragraphs alone).
 */
export const partKeys = (item: Pick<MergedItem, 'paragraphs'>): string[] => {
  const prefixes: string[] = []
  let text = ''
  for (const paragraph of item.paragraphs.slice(
    0,
    Math.min(item.paragraphs.length - 1, MAX_PART_PARAGRAPHS)
  )) {
    text = text === '' ? paragraph : `${text}\n\n${paragraph}`
    if (text.length > MAX_PART_CHARS) break
    prefixes.push(text)
  }
  return prefixes.reverse().map(digest)
}

/** A new id from the representative's fingerprint: the same text always mints the same id. */
function mintId(item: MergedItem, taken: (id: string) => boolean): string {
  const base = item.fingerprints[0] ?? digest(item.title)
  let id = base
  for (let n = 1; taken(id); n++) id = digest(`${base}:${n}`)
  return id
}

/**
 * Gives every item its id, reusing registered ids and minting the rest. An id goes first to the
 * item whose text it was last given for: a text still served keeps its id, whatever its copies
 * did (two items may share a copy's fingerprint, and the fingerprint names one id). The others
 * go, oldest ids first, to the item that holds most of the copies recorded under them: when two
 * registered items merge the older id wins, and when an item splits the part that kept most of
 * its copies keeps the id. Every copy and text is then recorded under the id its item got, so
 * each part keeps its id at every later build.
 */
export function assignIds(
  items: readonly MergedItem[],
  ledger: IdLedger,
  generation: number
): { ids: string[]; update: LedgerUpdate } {
  const claimed = new Set<string>()
  const update: LedgerUpdate = { fingerprints: [], minted: [], texts: [] }
  const ids: Array<string | undefined> = new Array(items.length)
  const free = (id: string) => !claimed.has(id) && !ledger.heldElsewhere(id)
  const age = (id: string) => ledger.generationOf(id) ?? Number.MAX_SAFE_INTEGER
  const size = (i: number) => items[i]?.fingerprints.length ?? 0
  const texts = items.map(textKey)
  const claims = items.flatMap((item, i) => {
    const held = new Map<string, number>()
    for (const fp of item.fingerprints) {
      const id = ledger.idOf(fp)
      if (id !== undefined) held.set(id, (held.get(id) ?? 0) + 1)
    }
    const own = ledger.idOfText(texts[i] as string)
    if (own !== undefined && !held.has(own)) held.set(own, 0)
    return [...held].map(([id, copies]) => ({ i, id, copies, own: id === own ? 1 : 0 }))
  })
  claims.sort(
    (a, b) =>
      b.own - a.own ||
      age(a.id) - age(b.id) ||
      b.copies - a.copies ||
      size(b.i) - size(a.i) ||
      a.id.localeCompare(b.id) ||
      a.i - b.i
  )
  for (const { i, id } of claims) {
    if (ids[i] !== undefined || !free(id)) continue
    ids[i] = id
    claimed.add(id)
  }
  // An item nothing names may be one a former segmentation cut in parts: it keeps the id of
  // its first part, whose text its leading paragraphs are.
  items.forEach((item, i) => {
    if (ids[i] !== undefined) return
    const id = partKeys(item)
      .map((key) => ledger.idOfText(key))
      .find((id) => id !== undefined && free(id))
    if (id === undefined) return
    ids[i] = id
    claimed.add(id)
  })
  // The rest mint, larger items first: the same text always mints the same id.
  const order = items
    .map((item, i) => ({ item, i }))
    .sort(
      (a, b) =>
        b.item.fingerprints.length - a.item.fingerprints.length ||
        (a.item.fingerprints[0] ?? '').localeCompare(b.item.fingerprints[0] ?? '')
    )
  for (const { item, i } of order) {
    if (ids[i] !== undefined) continue
    const id = mintId(item, (c) => !free(c) || ledger.generationOf(c) !== undefined)
    update.minted.push([id, generation])
    claimed.add(id)
    ids[i] = id
  }
  // Two items of one text (copies not merged): the text names the first one's id.
  const named = new Set<string>()
  items.forEach((item, i) => {
    const id = ids[i] as string
    for (const fp of item.fingerprints)
      if (ledger.idOf(fp) !== id) update.fingerprints.push([fp, id])
    const text = texts[i] as string
    if (named.has(text)) return
    named.add(text)
    if (ledger.idOfText(text) !== id) update.texts.push([id, text])
  })
  return { ids: ids as string[], update }
}

/** The batch registry as a ledger: every id in it is held by this build's items or by none. */
export function registryLedger(registry: Registry): IdLedger {
  const byText = new Map(Object.entries(registry.texts ?? {}).map(([id, text]) => [text, id]))
  return {
    idOf: (fp) => registry.fingerprints[fp],
    generationOf: (id) => registry.ids[id],
    heldElsewhere: () => false,
    idOfText: (text) => byText.get(text),
  }
}

/** The registry grown by one build's update (the input is not changed). */
export function applyUpdate(registry: Registry, update: LedgerUpdate): Registry {
  const texts = { ...registry.texts }
  const next: Registry = {
    version: 1,
    generation: registry.generation + 1,
    fingerprints: { ...registry.fingerprints },
    ids: { ...registry.ids },
    texts,
  }
  for (const [fp, id] of update.fingerprints) next.fingerprints[fp] = id
  for (const [id, generation] of update.minted) next.ids[id] ??= generation
  const byText = new Map(Object.entries(texts).map(([id, text]) => [text, id]))
  for (const [id, text] of update.texts) {
    // A text names one id: the one it is given to now.
    const previous = texts[id]
    if (previous !== undefined && byText.get(previous) === id) byText.delete(previous)
    const holder = byText.get(text)
    if (holder !== undefined) delete texts[holder]
    texts[id] = text
    byText.set(text, id)
  }
  return next
}
