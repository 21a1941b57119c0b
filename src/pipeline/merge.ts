/**
 * Merge across pages: exact copies, near copies, and a teaser folded into the article it
 * summarizes become one item. Two items whose dates or ordinals conflict never merge: the 27th
 * meeting of one council and the 26th of another read almost alike and are two news.
 */
import type { Alternate, DateSource, ItemKind, Lang } from '../model'
import type { PageItem } from './fields'
import { containment, digest, shingles } from './fingerprint'
import { textKey, wordsOf } from './tokens'

/** An item merged from one or more page items, before it gets its id and topics. */
export type MergedItem = {
  kind: ItemKind
  title: string
  titleSource: 'page' | 'lead'
  published: string | null
  dateSource: DateSource
  eventDate: string | null
  eventEndDate: string | null
  lang: Lang
  summary: string
  paragraphs: string[]
  alternate: Alternate | null
  sources: string[]
  /** Fingerprints of every copy merged here, the representative's first: identity keys on them. */
  fingerprints: string[]
}

/**
 * The share of the shorter text's shingles that must be in the longer one. 0.8 is the notes'
 * containment threshold; on the corpus true pairs score 1.00 and the closest false pair 0.54.
 */
export const MERGE_CONTAINMENT = 0.8
/** Below this many shingles a text is too short for a similarity verdict: only exact copies merge. */
const MIN_SHINGLES = 5
/** Teaser lists and articles may date one story a day or two apart; more is another story. */
const MAX_DATE_GAP_DAYS = 2
/** Shingles near the start of a text index it for candidate search: a teaser is an article's lead. */
const HEAD_WORDS = 400
const DAY_MS = 86_400_000
const NUMBER = /\d+/g

type Entry = {
  item: PageItem
  key: string
  fingerprint: string
  shingles: Set<number>
  head: Set<number>
  numbers: Set<string>
}

/** The words a page item is compared by: its page title if it has one, and its text. */
function comparableText(item: PageItem): string {
  const title = item.titleSource === 'page' ? item.title : ''
  return [title, ...item.paragraphs].join('\n')
}

function toEntry(item: PageItem): Entry {
  const text = comparableText(item)
  const words = wordsOf(text)
  const key = textKey(text)
  return {
    item,
    key,
    fingerprint: digest(key),
    shingles: shingles(words),
    head: shingles(words.slice(0, HEAD_WORDS)),
    numbers: new Set(text.match(NUMBER) ?? []),
  }
}

function daysApart(a: string, b: string): number {
  return Math.abs(Date.parse(a) - Date.parse(b)) / DAY_MS
}

/** Whether any two of the dates are further apart than a listing's rounding allows. */
function datesConflict(dates: ReadonlyArray<string | null>, maxGap: number): boolean {
  const known = dates.filter((d): d is string => d !== null)
  return known.some((a) => known.some((b) => daysApart(a, b) > maxGap))
}

/** Whether two copies are the same item: same language, text contained, no conflicting fact. */
function isSameItem(a: Entry, b: Entry): boolean {
  if (a.item.lang !== b.item.lang) return false
  const [small, large] = a.shingles.size <= b.shingles.size ? [a, b] : [b, a]
  if (small.key !== large.key) {
    if (small.shingles.size < MIN_SHINGLES) return false
    if (containment(small.shingles, large.shingles) < MERGE_CONTAINMENT) return false
    // Every number of the shorter text (ordinals, days, years) must be in the longer one.
    for (const n of small.numbers) if (!large.numbers.has(n)) return false
  }
  return true
}

/** Union-find over entries, refusing a union whose members' dates would conflict. */
class Clusters {
  private parent: number[]
  private members: number[][]
  constructor(private entries: readonly Entry[]) {
    this.parent = entries.map((_, i) => i)
    this.members = entries.map((_, i) => [i])
  }
  find(i: number): number {
    while (this.parent[i] !== i) i = this.parent[i] = this.parent[this.parent[i] ?? i] ?? i
    return i
  }
  union(a: number, b: number): boolean {
    const ra = this.find(a)
    const rb = this.find(b)
    if (ra === rb) return false
    const joined = [...(this.members[ra] ?? []), ...(this.members[rb] ?? [])]
    const items = joined.map((i) => this.entries[i]?.item)
    if (
      datesConflict(
        items.map((it) => it?.published ?? null),
        MAX_DATE_GAP_DAYS
      )
    )
      return false
    if (
      datesConflict(
        items.map((it) => it?.eventDate ?? null),
        0
      )
    )
      return false
    this.parent[rb] = ra
    this.members[ra] = joined
    this.members[rb] = []
    return true
  }
  groups(): number[][] {
    return this.members.filter((m) => m.length > 0)
  }
}

/** Pairs worth comparing: entries sharing a shingle of their heads (an inverted index, not n²). */
function candidatePairs(entries: readonly Entry[]): Array<[number, number]> {
  const index = new Map<number, number[]>()
  entries.forEach((e, i) => {
    for (const s of e.head) {
      const list = index.get(s)
      if (list) list.push(i)
      else index.set(s, [i])
    }
  })
  const seen = new Set<number>()
  const pairs: Array<[number, number]> = []
  entries.forEach((e, i) => {
    for (const s of e.shingles) {
      for (const j of index.get(s) ?? []) {
        if (j === i) continue
        const [lo, hi] = i < j ? [i, j] : [j, i]
        const id = lo * entries.length + hi
        if (seen.has(id)) continue
        seen.add(id)
        pairs.push([lo, hi])
      }
    }
  })
  return pairs.sort((p, q) => p[0] - q[0] || p[1] - q[1])
}

const DATE_RANK: Record<DateSource, number> = {
  'article-title': 3,
  'article-date-line': 2,
  'teaser-date-line': 1,
  none: 0,
}

/** The copy that speaks for the item: an article over a teaser, then the longest text. */
function byRepresentative(a: Entry, b: Entry): number {
  const kind = Number(b.item.kind === 'article') - Number(a.item.kind === 'article')
  const length = b.item.paragraphs.join('').length - a.item.paragraphs.join('').length
  return kind || length || a.key.localeCompare(b.key) || a.item.source.localeCompare(b.item.source)
}

/** The best date evidence among the copies: the article's own date over a teaser's. */
function bestDate(entries: readonly Entry[]): { published: string | null; dateSource: DateSource } {
  const dated = entries
    .filter((e) => e.item.published !== null)
    .sort(
      (a, b) =>
        DATE_RANK[b.item.dateSource] - DATE_RANK[a.item.dateSource] ||
        (a.item.published ?? '').localeCompare(b.item.published ?? '')
    )
  const best = dated[0]?.item
  return best
    ? { published: best.published, dateSource: best.dateSource }
    : { published: null, dateSource: 'none' }
}

function toMergedItem(entries: Entry[]): MergedItem {
  const sorted = [...entries].sort(byRepresentative)
  const rep = (sorted[0] as Entry).item
  const titled = sorted.find((e) => e.item.titleSource === 'page')?.item
  const evented = sorted.find((e) => e.item.eventDate !== null)?.item
  return {
    kind: rep.kind,
    title: (titled ?? rep).title,
    titleSource: (titled ?? rep).titleSource,
    ...bestDate(sorted),
    eventDate: evented?.eventDate ?? null,
    eventEndDate: evented?.eventEndDate ?? null,
    lang: rep.lang,
    summary: rep.summary,
    paragraphs: rep.paragraphs,
    alternate: sorted.find((e) => e.item.alternate !== null)?.item.alternate ?? null,
    sources: [...new Set(sorted.map((e) => e.item.source))].sort(),
    fingerprints: [...new Set(sorted.map((e) => e.fingerprint))],
  }
}

/** Merges the page items of all pages into distinct items; the result does not depend on page order. */
export function mergeItems(pageItems: readonly PageItem[]): {
  items: MergedItem[]
  merges: number
} {
  const entries = pageItems
    .map(toEntry)
    .sort((a, b) => a.key.localeCompare(b.key) || a.item.source.localeCompare(b.item.source))
  const clusters = new Clusters(entries)
  let merges = 0
  for (const [i, j] of candidatePairs(entries)) {
    const a = entries[i] as Entry
    const b = entries[j] as Entry
    if (clusters.find(i) !== clusters.find(j) && isSameItem(a, b) && clusters.union(i, j)) merges++
  }
  const items = clusters
    .groups()
    .map((group) => toMergedItem(group.map((i) => entries[i] as Entry)))
  return { items, merges }
}
