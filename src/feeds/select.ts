/**
 * Which items go in a feed document: the date that orders them, the keyword filter, and how
 * many the subscription window holds (archives.ts files the rest).
 */
import type { Item } from '../model'

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

/** About how many bytes an item takes in a feed: its text twice (plain and HTML) and its title. */
export function weightOf(item: Item): number {
  return item.title.length + item.summary.length + 2 * item.contentText.length + 600
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
