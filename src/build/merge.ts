/**
 * The merge step of an incremental build. A new text finds its candidates in the index (O(1)
 * lookups per shingle, common shingles nominate nothing) and stores its verdicts as links; then
 * every changed component (texts joined by links or by sharing an item) is clustered again by the
 * same code as the batch pipeline, with the same decisions, and its items replaced. The cost of a
 * change is the size of its component, not of the corpus.
 */
import type { Item } from '../model'
import { toItem } from '../pipeline'
import { assignIds, partKeys, textKey } from '../pipeline/identity'
import {
  cluster,
  judge,
  type Link,
  marksOf,
  mayJoin,
  sortCopies,
  toMergedItem,
} from '../pipeline/merge'
import type { TopicClassifier } from '../pipeline/topics'
import { type DerivedStore, type ItemRow, TEXT_NEW } from '../store/derived'
import { itemRow, sameInFeeds, type Touch, touched } from './plan'

/**
 * The texts reachable from `starts` through links and shared items, read a step at a time for
 * all of them at once: their components whole.
 */
export function componentsOf(store: DerivedStore, starts: readonly string[]): string[] {
  const seen = new Set(starts)
  let frontier = [...seen]
  while (frontier.length > 0) {
    const sameItem = store.textsOfItems(store.itemsOfTexts(frontier))
    frontier = [...store.neighbours(frontier), ...sameItem].filter((next) => {
      if (seen.has(next)) return false
      seen.add(next)
      return true
    })
  }
  return [...seen]
}

/**
 * Clusters whole components again (`componentsOf`) and replaces their items: ids from the
 * registry (an id held by an item outside them is never taken), topics from the rules, and the
 * documents each changed item touches. Components share no link and no item, so clustering
 * several at once decides as clustering each alone; the store is asked once for all of them.
 */
export function recluster(
  store: DerivedStore,
  fingerprints: readonly string[],
  context: { classify: TopicClassifier; generation: number; day: string }
): Touch[] {
  const copies = sortCopies(store.copiesOf(fingerprints))
  const { groups } = cluster(copies, store.linksAmong(fingerprints))
  const merged = groups.map(toMergedItem)
  const oldIds = store.itemsOfTexts(fingerprints)
  const old = store.items(oldIds)
  const { ids, update } = assignIds(
    merged,
    store.ledger(
      new Set(oldIds),
      fingerprints,
      merged.flatMap((m) => [textKey(m), ...partKeys(m)])
    ),
    context.generation
  )
  store.applyLedger(update, context.day)
  const touches: Touch[] = []
  const fresh = new Set<string>()
  const changed: Array<{ item: Item; row: ItemRow }> = []
  merged.forEach((m, i) => {
    const item: Item = toItem(m, ids[i] as string, context.classify)
    fresh.add(item.id)
    const before = old.get(item.id)
    if (!before || JSON.stringify(before) !== JSON.stringify(item)) {
      const row = itemRow(item)
      changed.push({ item, row })
      if (!before || !sameInFeeds(before, item))
        touches.push(...touched(before ? itemRow(before) : null, row))
    }
  })
  store.putItems(changed)
  const gone = [...old].filter(([id]) => !fresh.has(id))
  store.deleteItems(gone.map(([id]) => id))
  for (const [, before] of gone) touches.push(...touched(itemRow(before), null))
  store.settleTexts(
    merged.flatMap((m, i) => m.fingerprints.map((fp): [string, string] => [fp, ids[i] as string]))
  )
  return touches
}

/**
 * Links up to `limit` new texts; returns how many were linked. Each text's candidates come from
 * the index and its marks; the words of every candidate of the chunk are read at once (an
 * article is the candidate of each of its teasers), then each pair is judged and the verdicts
 * that join are stored as links.
 */
export function linkNew(store: DerivedStore, limit: number): number {
  const pending = store.pendingTexts(limit).filter((t) => t.state === TEXT_NEW)
  const measures = store.measures(pending.map((t) => t.fingerprint))
  const shared = store.sharedCounts([...measures.values()].flatMap((m) => [...m.shingles]))
  const pairs = pending.flatMap(({ fingerprint }) => {
    const own = measures.get(fingerprint)
    if (!own) return []
    const marks = marksOf(own)
    return store
      .candidates({ fingerprint, shingles: own.shingles, marks }, shared)
      .filter((c) => mayJoin(c, marks))
      .map((c) => ({ fingerprint, own, other: c.fingerprint }))
  })
  const unread = [...new Set(pairs.map((p) => p.other))].filter((fp) => !measures.has(fp))
  for (const [fp, m] of store.measures(unread)) measures.set(fp, m)
  const links: Link[] = []
  for (const { fingerprint, own, other } of pairs) {
    const theirs = measures.get(other)
    const verdict = theirs && judge(own, theirs)
    if (!verdict) continue
    const [a, b] = fingerprint < other ? [fingerprint, other] : [other, fingerprint]
    links.push({ a, b, ...verdict })
  }
  store.putLinks(links)
  store.markStale(pending.map((t) => t.fingerprint))
  return pending.length
}
