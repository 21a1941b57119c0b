/**
 * Which items go in which feed document: a topic's items, keyword and language filters, the
 * subscription window and the monthly archives behind it (RFC 5005).
 */
import type { Item, Lang } from '../model'

export type Filter = { topic: string | null; q: string | null; lang: Lang | null }

/** The date that orders an item in feeds and names its archive: published, else the event date. */
export function feedDateOf(item: Pick<Item, 'published' | 'eventDate'>): string | null {
  return item.published ?? item.eventDate
}

/**
 * Case folding for keyword search: lower case with Russian rules, `ё` as `е` (Russian text
 * writes either), compatibility forms composed, so "ОДКБ", "одкб" and "Одкб" all match.
 */
export function foldCase(text: string): string {
  return text.normalize('NFKC').toLocaleLowerCase('ru').replace(/ё/g, 'е')
}

function searchableText(item: Item): string {
  return [
    item.title,
    item.summary,
    item.contentText,
    item.alternate?.title ?? '',
    item.alternate?.text ?? '',
  ].join('\n')
}

/** Whether an item holds a keyword already folded (`foldCase`): title, summary, text, twin. */
export function holdsKeyword(item: Item, folded: string): boolean {
  return foldCase(searchableText(item)).includes(folded)
}

/** The items of a feed, in the order given (newest first). */
export function selectItems(items: readonly Item[], filter: Filter): Item[] {
  const q = filter.q ? foldCase(filter.q) : null
  return items.filter(
    (item) =>
      (filter.topic === null || item.topics.includes(filter.topic)) &&
      (filter.lang === null || item.lang === filter.lang) &&
      (q === null || holdsKeyword(item, q))
  )
}

/** About how many bytes an item takes in a feed: its text twice (plain and HTML) and its title. */
export function weightOf(item: Item): number {
  return item.title.length + item.summary.length + 2 * item.contentText.length + 600
}

export type Archive = { bucket: string; items: Item[] }

/** The archive an item belongs to: the month of its feed date, or `undated`. */
export function bucketOf(item: Item): string {
  return feedDateOf(item)?.slice(0, 7) ?? 'undated'
}

/** Archive buckets in link order: newest month first, undated last. */
export function orderBuckets(buckets: Iterable<string>): string[] {
  return [...buckets].sort((a, b) =>
    a === 'undated' ? 1 : b === 'undated' ? -1 : b.localeCompare(a)
  )
}

/**
 * How many of the newest items (their weights, newest first) the subscription document holds:
 * at most `limit`, at most about `maxBytes`, and at least one.
 */
export function windowSize(weights: readonly number[], limit: number, maxBytes: number): number {
  let bytes = 0
  let cut = 0
  while (cut < weights.length && cut < limit) {
    bytes += weights[cut] ?? 0
    if (cut > 0 && bytes > maxBytes) break
    cut++
  }
  return cut
}

/**
 * Splits a feed's items into the subscription document (the newest, capped by count and by
 * bytes; at least one) and monthly archives of the rest, newest month first, undated last.
 * Each item is in exactly one document.
 */
export function partition(
  items: readonly Item[],
  limit: number,
  maxBytes: number
): { subscription: Item[]; archives: Archive[] } {
  const cut = windowSize(items.slice(0, limit).map(weightOf), limit, maxBytes)
  const byBucket = new Map<string, Item[]>()
  for (const item of items.slice(cut)) {
    const list = byBucket.get(bucketOf(item))
    if (list) list.push(item)
    else byBucket.set(bucketOf(item), [item])
  }
  const archives = orderBuckets(byBucket.keys()).map((bucket) => ({
    bucket,
    items: byBucket.get(bucket) ?? [],
  }))
  return { subscription: items.slice(0, cut), archives }
}
