/**
 * Merge across pages: exact copies, near copies, and a teaser folded into the article it
 * summarizes become one item. Two items whose dates or ordinals conflict never merge: the 27th
 * meeting of one council and the 26th of another read almost alike and are two news.
 */
import type { DateSource, Item } from '../model'
import type { PageItem } from './fields'
import { containment, digest, shingles } from './fingerprint'
import { textKey, wordsOf } from './tokens'

/** An item merged from one or more page items, before it gets its id and topics. */
export type MergedItem = Omit<Item, 'id' | 'topics' | 'contentText'> & {
  paragraphs: string[]
  /** Fingerprints of every copy merged here, the representative's first: identity keys on them. */
  fingerprints: string[]
}

/**
 * Copies of one text: word-shingle resemblance (Jaccard) at or above this. On the corpus, copies
 * of one item score 0.98 to 1.00; the closest two different items (the 26th and 27th council
 * meetings) 0.20 (notes/text-processing.md §5).
 */
export const COPY_RESEMBLANCE = 0.7
/**
 * A shorter text folded into a longer one (a teaser into its article, a truncated copy into the
 * whole): the share of its shingles found in the longer text. True pairs score 1.00 on the
 * corpus, the closest false pair 0.54.
 */
export const FOLD_CONTAINMENT = 0.8
/** Below this many shingles a text is too short for a similarity verdict: only exact copies merge. */
const MIN_SHINGLES = 5
/** Below this many shingles a text folds into another only as an exact run of its words. */
const SHORT_SHINGLES = 20
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

/** What the comparisons need of a text; copies with the same words share one. */
type Measures = Pick<Entry, 'shingles' | 'head' | 'numbers'>

function measure(text: string, words: readonly string[]): Measures {
  return {
    shingles: shingles(words),
    head: shingles(words.slice(0, HEAD_WORDS)),
    numbers: new Set(text.match(NUMBER) ?? []),
  }
}

/** Entries for the page items; a text repeated on many pages is tokenized and shingled once. */
function toEntries(pageItems: readonly PageItem[]): Entry[] {
  const byText = new Map<string, { key: string; measures: Measures }>()
  const byKey = new Map<string, Measures>()
  return pageItems.map((item) => {
    const text = comparableText(item)
    let known = byText.get(text)
    if (!known) {
      const words = wordsOf(text)
      const key = words.join(' ')
      const measures = byKey.get(key) ?? measure(text, words)
      byKey.set(key, measures)
      known = { key, measures }
      byText.set(text, known)
    }
    // The page date belongs to the copy: the same words dated weeks apart are two items (merge
    // keeps them apart), and each needs its own registry entry to keep its own id.
    return {
      item,
      key: known.key,
      fingerprint: digest(`${known.key}|${item.published ?? ''}`),
      ...known.measures,
    }
  })
}

function daysApart(a: string, b: string): number {
  return Math.abs(Date.parse(a) - Date.parse(b)) / DAY_MS
}

/** Whether the smaller text's facts hold in the larger: same language, every number of it there. */
function factsAgree(small: Entry, large: Entry): boolean {
  if (small.item.lang !== large.item.lang) return false
  for (const n of small.numbers) if (!large.numbers.has(n)) return false
  return true
}

/** The pair ordered by size, smaller first. */
function bySize(a: Entry, b: Entry): [Entry, Entry] {
  return a.shingles.size <= b.shingles.size ? [a, b] : [b, a]
}

/** Jaccard resemblance of two shingle sets. */
function resemblance(a: ReadonlySet<number>, b: ReadonlySet<number>): number {
  const shared = containment(a, b) * a.size
  return shared / (a.size + b.size - shared)
}

/** Dates a cluster spans: a union may not widen them past what one story allows. */
type Span = {
  pubMin: string | null
  pubMax: string | null
  eventMin: string | null
  eventMax: string | null
}

function spanOf(item: PageItem): Span {
  return {
    pubMin: item.published,
    pubMax: item.published,
    eventMin: item.eventDate,
    eventMax: item.eventDate,
  }
}

const minOf = (a: string | null, b: string | null) =>
  a === null ? b : b === null || a <= b ? a : b
const maxOf = (a: string | null, b: string | null) =>
  a === null ? b : b === null || a >= b ? a : b

function joinSpans(a: Span, b: Span): Span | null {
  const span = {
    pubMin: minOf(a.pubMin, b.pubMin),
    pubMax: maxOf(a.pubMax, b.pubMax),
    eventMin: minOf(a.eventMin, b.eventMin),
    eventMax: maxOf(a.eventMax, b.eventMax),
  }
  if (span.pubMin && span.pubMax && daysApart(span.pubMin, span.pubMax) > MAX_DATE_GAP_DAYS)
    return null
  if (span.eventMin !== span.eventMax) return null
  return span
}

/** Union-find over entries, refusing a union whose members' dates would conflict. */
class Clusters {
  private readonly parent: number[]
  private readonly spans: Span[]
  readonly size: number[]
  constructor(entries: readonly Entry[]) {
    this.parent = entries.map((_, i) => i)
    this.spans = entries.map((e) => spanOf(e.item))
    this.size = entries.map((e) => e.shingles.size)
  }
  find(i: number): number {
    let root = i
    while (this.parent[root] !== root) root = this.parent[root] ?? root
    for (let j = i; this.parent[j] !== root; ) {
      const next = this.parent[j] ?? root
      this.parent[j] = root
      j = next
    }
    return root
  }
  /** Joins the clusters of `a` and `b` into `b`'s; false when the same or their dates conflict. */
  union(a: number, b: number): boolean {
    const ra = this.find(a)
    const rb = this.find(b)
    if (ra === rb) return false
    const span = joinSpans(this.spans[ra] as Span, this.spans[rb] as Span)
    if (!span) return false
    this.parent[ra] = rb
    this.spans[rb] = span
    this.size[rb] = Math.max(this.size[ra] ?? 0, this.size[rb] ?? 0)
    return true
  }
  groups(): number[][] {
    const byRoot = new Map<number, number[]>()
    this.parent.forEach((_, i) => {
      const root = this.find(i)
      const list = byRoot.get(root)
      if (list) list.push(i)
      else byRoot.set(root, [i])
    })
    return [...byRoot.values()]
  }
}

/** Pairs worth comparing: entries sharing a shingle of their heads (an inverted index, not n²). */
function candidatePairs(
  entries: readonly Entry[],
  among: readonly number[]
): Array<[number, number]> {
  const index = new Map<number, number[]>()
  for (const i of among) {
    for (const s of (entries[i] as Entry).head) {
      const list = index.get(s)
      if (list) list.push(i)
      else index.set(s, [i])
    }
  }
  const seen = new Set<number>()
  const pairs: Array<[number, number]> = []
  for (const i of among) {
    for (const s of (entries[i] as Entry).shingles) {
      for (const j of index.get(s) ?? []) {
        if (j === i) continue
        const [lo, hi] = i < j ? [i, j] : [j, i]
        const id = lo * entries.length + hi
        if (seen.has(id)) continue
        seen.add(id)
        pairs.push([lo, hi])
      }
    }
  }
  return pairs.sort((p, q) => p[0] - q[0] || p[1] - q[1])
}

/**
 * Clusters the entries in three steps, each with the date guard: exact copies (same words, same
 * page date);
 * near copies (resemblance, symmetric, so a chain of copies stays one text); then each remaining
 * shorter text folds into the one longer text that contains it best. One parent only: a short
 * phrase found in two articles must not join them.
 */
function cluster(entries: readonly Entry[]): { clusters: Clusters; merges: number } {
  const clusters = new Clusters(entries)
  let merges = 0
  // Same words and same page date: one fingerprint, always one item (identity relies on it).
  const firstOfFingerprint = new Map<string, number>()
  entries.forEach((e, i) => {
    const first = firstOfFingerprint.get(e.fingerprint)
    if (first === undefined) firstOfFingerprint.set(e.fingerprint, i)
    else if (clusters.union(i, first)) merges++
  })
  const distinct = [...firstOfFingerprint.values()]
  const pairs = candidatePairs(entries, distinct)
  const folds: Array<{ small: number; large: number; score: number }> = []
  for (const [i, j] of pairs) {
    const [small, large] = bySize(entries[i] as Entry, entries[j] as Entry)
    if (small.shingles.size < MIN_SHINGLES || !factsAgree(small, large)) continue
    // A short text folds only where its words stand as a run: its few shingles could otherwise
    // be found scattered over an unrelated long text.
    if (small.shingles.size < SHORT_SHINGLES && !` ${large.key} `.includes(` ${small.key} `))
      continue
    const contained = containment(small.shingles, large.shingles)
    if (contained < FOLD_CONTAINMENT) continue
    const [si, li] = small === entries[i] ? [i, j] : [j, i]
    if (resemblance(small.shingles, large.shingles) >= COPY_RESEMBLANCE) {
      if (clusters.union(si, li)) merges++
    } else folds.push({ small: si, large: li, score: contained })
  }
  // Smallest texts first, each into its best container: the highest containment, then the longest.
  const parentOf = new Map<number, { large: number; score: number; size: number }>()
  for (const fold of folds) {
    const root = clusters.find(fold.small)
    const size = clusters.size[clusters.find(fold.large)] ?? 0
    const best = parentOf.get(root)
    if (!best || fold.score > best.score || (fold.score === best.score && size > best.size))
      parentOf.set(root, { ...fold, size })
  }
  const order = [...parentOf.keys()].sort(
    (a, b) => (clusters.size[a] ?? 0) - (clusters.size[b] ?? 0) || a - b
  )
  for (const root of order) {
    const parent = parentOf.get(root)
    if (parent && clusters.union(root, parent.large)) merges++
  }
  return { clusters, merges }
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

/**
 * The representative's paragraphs, plus every paragraph of another copy that they do not
 * already hold, placed after the paragraph that precedes it in its own copy: merging never loses
 * what a page said.
 */
function unionParagraphs(copies: readonly Entry[]): string[] {
  const [first, ...rest] = copies
  const out = [...(first?.item.paragraphs ?? [])]
  const keys = out.map(textKey)
  const sets = out.map((p) => shingles(wordsOf(p)))
  const seen = new Set([first?.key])
  for (const copy of rest) {
    if (seen.has(copy.key)) continue
    seen.add(copy.key)
    let at = -1
    for (const paragraph of copy.item.paragraphs) {
      const key = textKey(paragraph)
      const own = shingles(wordsOf(paragraph))
      if (own.size === 0) continue
      // Held already: its words as a run in one kept paragraph, or nearly all its shingles in
      // one (a lightly edited copy). Shingles scattered over the whole text do not count.
      const found = keys.findIndex(
        (k, n) =>
          ` ${k} `.includes(` ${key} `) ||
          containment(own, sets[n] ?? new Set()) >= FOLD_CONTAINMENT
      )
      if (found !== -1) {
        at = found
        continue
      }
      at += 1
      out.splice(at, 0, paragraph)
      keys.splice(at, 0, key)
      sets.splice(at, 0, own)
    }
  }
  return out
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
    paragraphs: unionParagraphs(sorted),
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
  const entries = toEntries(pageItems).sort(
    (a, b) => a.key.localeCompare(b.key) || a.item.source.localeCompare(b.item.source)
  )
  const { clusters, merges } = cluster(entries)
  const items = clusters
    .groups()
    .map((group) => toMergedItem(group.map((i) => entries[i] as Entry)))
  return { items, merges }
}
