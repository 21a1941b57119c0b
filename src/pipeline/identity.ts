/**
 * Stable ids. Once published, an item's id never changes: not when the parser improves, not when
 * a teaser is merged into its article, not when a date is filled in. A registry of fingerprints
 * (one per copy of an item's text) → id is consulted at every rebuild and handed back grown.
 */

import { digest } from './fingerprint'
import type { MergedItem } from './merge'

export type Registry = {
  version: 1
  /** Rebuilds that have used this registry; ids remember the one that minted them. */
  generation: number
  /** Fingerprint of a copy's text → the id of the item it belongs to. */
  fingerprints: Record<string, string>
  /** Id → the generation that minted it: when two registered items merge, the older id wins. */
  ids: Record<string, number>
}

export function emptyRegistry(): Registry {
  return { version: 1, generation: 0, fingerprints: {}, ids: {} }
}

/** Ids already given to this item's copies, oldest first; the representative's wins a tie. */
function knownIds(item: MergedItem, registry: Registry): string[] {
  const ids = item.fingerprints
    .map((fp) => registry.fingerprints[fp])
    .filter((id): id is string => id !== undefined)
  return [...new Set(ids)].sort((a, b) => (registry.ids[a] ?? 0) - (registry.ids[b] ?? 0))
}

/** A new id from the representative's fingerprint: the same text always mints the same id. */
function mintId(item: MergedItem, taken: (id: string) => boolean): string {
  const base = item.fingerprints[0] ?? digest(item.title)
  let id = base
  for (let n = 1; taken(id); n++) id = digest(`${base}:${n}`)
  return id
}

/**
 * Gives every item its id, reusing registered ids and minting the rest, and returns the grown
 * registry (the input is not changed). Larger items claim first, so when an item splits the
 * larger part keeps the id.
 */
export function assignIds(
  items: readonly MergedItem[],
  registry: Registry
): { ids: string[]; registry: Registry } {
  const next: Registry = {
    version: 1,
    generation: registry.generation + 1,
    fingerprints: { ...registry.fingerprints },
    ids: { ...registry.ids },
  }
  const claimed = new Set<string>()
  const ids: string[] = new Array(items.length)
  const order = items
    .map((item, i) => ({ item, i }))
    .sort(
      (a, b) =>
        b.item.fingerprints.length - a.item.fingerprints.length ||
        (a.item.fingerprints[0] ?? '').localeCompare(b.item.fingerprints[0] ?? '')
    )
  for (const { item, i } of order) {
    const id =
      knownIds(item, registry).find((known) => !claimed.has(known)) ??
      mintId(item, (candidate) => claimed.has(candidate) || candidate in next.ids)
    claimed.add(id)
    ids[i] = id
    next.ids[id] ??= next.generation
    for (const fp of item.fingerprints) {
      // A fingerprint already naming another item of this build stays with it: rewriting it
      // would hand that item's id to this one at the next rebuild.
      const owner = next.fingerprints[fp]
      if (owner === undefined || owner === id || !claimed.has(owner)) next.fingerprints[fp] = id
    }
  }
  return { ids, registry: next }
}
