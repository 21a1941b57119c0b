/**
 * Merge across pages: exact copies, near copies, and a teaser folded into the article it
 * summarizes become one item. Two items whose dates or ordinals conflict never merge: the 27th
 * meeting of one council and the 26th of another read almost alike and are two news.
 */
import type { DateSource, Item } from '../model'
import type { PageItem } from './fields'
import { containment, digest, type Shingles, shingles } from './fingerprint'
import { textKey, wordsOf } from './tokens'

/** An item merged from one or more page items, before it gets its id and topics. */
export type MergedItem = Omit<Item, 'id' | 'topics' | 'contentText'> & {
  paragraphs: string[]
  /** Fingerprints of every copy merged here, the representative's first: identity keys on them. */
  fingerprints: string[]
}

/**
 * Copies of one text: word-shingle resemblance (Jaccard) at or above this, on a pair that first
 * passed FOLD_CONTAINMENT. On the five corpus pages, the two copies of the AI statement (one
 * without its date line and its "STATEMENT" line) score 0.99, and the closest two different
 * items (the 26th and 27th council meetings) 0.33, below the containment bar too (0.54).
 */
export const COPY_RESEMBLANCE = 0.7
/**
 * A shorter text folded into a longer one (a teaser into its article, a truncated copy into the
 * whole): the share of its shingles found in the longer text. True pairs score 1.00 on the
 * corpus, the closest false pair 0.54.
 */
export const FOLD_CONTAINMENT = 0.8
/** Below this many shingles a text is too short for a similarity verdict: only exact copies merge. */
export const MIN_SHINGLES = 5
/** Below this many shingles a text folds into another only as an exact run of its words. */
const SHORT_SHINGLES = 20
/** Teaser lists and articles may date one story a day or two apart; more is another story. */
const MAX_DATE_GAP_DAYS = 2
/**
 * A shingle found in more distinct texts than this nominates no candidates: "of the CSTO member
 * states" is in most leads, and letting it pair texts made the candidate count grow as N² (each
 * shingle under the cap pairs at most this many texts, so the pairs stay linear in N). A story has
 * up to five distinct texts (its article, its teaser dated and undated, copies dated otherwise;
 * 2.8 on average), and a short formulaic teaser may hold nothing its own but its date and figures,
 * which the stories of the same days write too: on the realistic corpus its least common shingle
 * is held by up to 12 texts at 1,000 pages, 23 at 10,000 and 38 at 30,000 (a site publishing more
 * stories a day). At 12 such teasers shared no shingle under the cap with their article and were
 * never compared (298 stories split at 10,000 pages). 32 leaves room over the 23 needed there,
 * for 1.5 times the candidate pairs of 24 and 4 times those of 12 (62 pairs per text).
 */
export const CANDIDATE_DF_MAX = 32
/**
 * A text looks its candidates up by at most this many of its shingles: the least common ones
 * that another text holds too. A copy shares nearly all its shingles (containment 0.8 at
 * least), so the rarest shared ones name it as surely as all of them do, while each shingle
 * looked up costs its postings: looking up every one under the cap (34 a text at 3,000 pages)
 * read 207 candidates a text and made the candidate query 80 % of the link step; 12 read 37.
 */
export const LOOKUP_SHINGLES = 12
/**
 * A text with fewer shingles under the cap than this looks further: its FALLBACK_SHINGLES least
 * common shingles held by at most POSTINGS_MAX texts nominate too. The days of a denser site (14
 * stories a day at 100,000 pages over twenty years) put even a teaser's date shingles over 32
 * texts, and such a teaser found no candidate and stood alone; its least common shingles still
 * name few texts. The index keeps postings up to POSTINGS_MAX texts for them.
 */
export const FEW_RARE = 3
export const FALLBACK_SHINGLES = 3
export const POSTINGS_MAX = 256

/**
 * The shingles a text looks its candidates up by, from the number of texts holding each (itself
 * included: a shingle of its own alone names nobody): the LOOKUP_SHINGLES least common under the
 * cap, and when those are few, its least common ones under POSTINGS_MAX besides.
 */
export function lookupShingles(df: ReadonlyArray<{ shingle: number; n: number }>): number[] {
  const shared = df
    .filter((d) => d.n >= 2 && d.n <= POSTINGS_MAX)
    .sort((a, b) => a.n - b.n || a.shingle - b.shingle)
  const rare = shared.filter((d) => d.n <= CANDIDATE_DF_MAX).slice(0, LOOKUP_SHINGLES)
  if (rare.length >= FEW_RARE) return rare.map((d) => d.shingle)
  return shared.slice(0, rare.length + FALLBACK_SHINGLES).map((d) => d.shingle)
}
const DAY_MS = 86_400_000
const NUMBER = /\d+/g
/**
 * A capitalised word (a word as `tokens.ts` reads one) that does not open the text, a line or a
 * sentence: between it and the start, a line end or a `.!?…:` stand more than non-word characters.
 * The capital is matched first and looked behind from: most characters are not capitals.
 */
const NAME = /\p{Lu}(?<![\p{L}\p{N}]\p{Lu})(?<!(?:^|[.!?…:\n])[^\p{L}\p{N}]*\p{Lu})[\p{L}\p{N}]*/gu
/** A text that ends on a letter or digit may have been cut short mid-word by its capture. */
const OPEN_END = /[\p{L}\p{N}]$/u

/** One page item with what merging needs to know of its text; copies of one text share `key`. */
export type Copy = {
  item: PageItem
  /** The words of its comparable text. */
  key: string
  /** The words and the page date: two copies with one fingerprint are always one item. */
  fingerprint: string
  /** Its number of shingles: the size that orders folds. */
  size: number
}

/**
 * What a pair verdict needs of a text beyond its copy. `numbers` holds its numbers and its names
 * (`namesOf`, lower-cased): what a copy of it says too. The names share the numbers' set, and so
 * the incremental build's stored column, so that both builds judge them alike.
 */
export type Measures = { key: string; shingles: Shingles; numbers: Set<string>; lang: string }

/**
 * A verdict on two distinct texts (by fingerprint, `a` < `b`): near copies (`copy`) or the
 * smaller folds into the larger with this containment. Stored by the incremental build, so a
 * later change re-clusters without re-reading the texts.
 */
export type Link = { a: string; b: string; copy: boolean; score: number }

/** The words a page item is compared by: its page title if it has one, and its text. */
export function comparableText(item: PageItem): string {
  const title = item.titleSource === 'page' ? item.title : ''
  return [title, ...item.paragraphs].join('\n')
}

/**
 * The names of a text: its capitalised words (Minsk, Belarus, Hakobyan, CSTO, Минске) but those
 * that start a sentence or a line, whose capital says nothing, as lower-cased words. A last word
 * that nothing closes is left out too: a truncated capture may have cut it short.
 */
export function namesOf(text: string): string[] {
  const names = [...text.matchAll(NAME)]
  const last = names.at(-1)
  const cut = last && OPEN_END.test(text) && last.index + last[0].length === text.length
  return (cut ? names.slice(0, -1) : names).flatMap((m) => wordsOf(m[0]))
}

/** The measures of a text from its words. */
export function measure(text: string, words: readonly string[], lang: string): Measures {
  return {
    key: words.join(' '),
    shingles: shingles(words),
    numbers: new Set([...(text.match(NUMBER) ?? []), ...namesOf(text)]),
    lang,
  }
}

/** A page item as a copy with its measures; `cache` shares the work between copies of one text. */
export function toCopy(
  item: PageItem,
  cache: Map<string, Measures> = new Map()
): { copy: Copy; measures: Measures } {
  const text = comparableText(item)
  const cacheKey = `${item.lang}\u0000${text}`
  let measures = cache.get(cacheKey)
  if (!measures) {
    measures = measure(text, wordsOf(text), item.lang)
    cache.set(cacheKey, measures)
  }
  // The page date belongs to the copy: the same words dated weeks apart are two items (merge
  // keeps them apart), and each needs its own registry entry to keep its own id.
  const fingerprint = digest(`${measures.key}|${item.published ?? ''}`)
  return {
    copy: { item, key: measures.key, fingerprint, size: measures.shingles.length },
    measures,
  }
}

function daysApart(a: string, b: string): number {
  return Math.abs(Date.parse(a) - Date.parse(b)) / DAY_MS
}

/** Jaccard resemblance of two shingle sets. */
function resemblance(a: Shingles, b: Shingles): number {
  const shared = containment(a, b) * a.length
  return shared / (a.length + b.length - shared)
}

const wordSets = new WeakMap<Measures, Set<string>>()

/** The distinct words of a text, once per measures. */
function wordSetOf(text: Measures): Set<string> {
  let words = wordSets.get(text)
  if (!words) {
    words = new Set(text.key.split(' '))
    wordSets.set(text, words)
  }
  return words
}

/** Numbers and names share a set: a number starts with an ASCII digit (`NUMBER`), a name never. */
export function isNumber(mark: string): boolean {
  const first = mark.charCodeAt(0)
  return first >= 48 && first <= 57
}

/**
 * Whether a text says a name of another: wherever its word stands, in any case (a copy may open
 * a sentence with it, or write in lower case what the other capitalises).
 */
function saysName(text: Measures, name: string): boolean {
  return text.numbers.has(name) || wordSetOf(text).has(name)
}

/**
 * The verdict on two texts, or null when they are two stories: another language, a number or a
 * name of the smaller missing from the larger (the 26th and the 27th meeting; the national stages
 * of one operation in Minsk and in Astana, whose texts differ in little else), too short to
 * judge, a short text whose words are not a run of the other's, or too little of the smaller
 * inside the larger.
 */
export function judge(x: Measures, y: Measures): { copy: boolean; score: number } | null {
  // Ordered by size, then by words: the verdict is the same whichever text comes first.
  const xFirst =
    x.shingles.length < y.shingles.length ||
    (x.shingles.length === y.shingles.length && compareCodePoints(x.key, y.key) <= 0)
  const [small, large] = xFirst ? [x, y] : [y, x]
  if (!marksAgree(marksOf(small), marksOf(large))) return null
  for (const n of small.numbers) if (isNumber(n) && !large.numbers.has(n)) return null
  // A short text folds only where its words stand as a run: its few shingles could otherwise
  // be found scattered over an unrelated long text.
  if (small.shingles.length < SHORT_SHINGLES && !` ${large.key} `.includes(` ${small.key} `))
    return null
  const score = containment(small.shingles, large.shingles)
  if (score < FOLD_CONTAINMENT) return null
  // Names last: few pairs get here, so few texts need the word set they are looked up in.
  for (const name of small.numbers) if (!isNumber(name) && !saysName(large, name)) return null
  return { copy: resemblance(small.shingles, large.shingles) >= COPY_RESEMBLANCE, score }
}

/**
 * What a verdict reads of a text before its words: its language, its number of shingles, and
 * its numbers as a mask (`figuresOf`). Most candidates fail on these (another story's figures
 * and dates), so the incremental build keeps them on each posting and reads the words of the few
 * that pass.
 */
export type Marks = { lang: string; size: number; figures: number }

/**
 * A text's numbers as 32 bits, one set per number (its last nine digits modulo 32): a number of
 * one text missing from another has its bit unset there unless another number shares it, so a
 * mask that is not inside the other's is a pair `judge` would part, with no set to read. The
 * store's migration computes the same bits in SQL.
 */
export function figuresOf(numbers: Iterable<string>): number {
  let mask = 0
  for (const n of numbers) if (isNumber(n)) mask |= 1 << (Number(n.slice(-9)) % 32)
  return mask >>> 0
}

export const marksOf = (m: Measures): Marks => ({
  lang: m.lang,
  size: m.shingles.length,
  figures: figuresOf(m.numbers),
})

/** The first checks of `judge`, the smaller text first: one language, long enough, its numbers' bits all in the larger's. */
function marksAgree(small: Marks, large: Marks): boolean {
  return (
    small.lang === large.lang &&
    small.size >= MIN_SHINGLES &&
    (small.figures & ~large.figures) === 0
  )
}

/**
 * Whether two texts could be one by their marks alone: a necessary condition of `judge`. Of two
 * texts of one size `judge` orders by words, which marks do not hold, so either order may pass.
 */
export function mayJoin(x: Marks, y: Marks): boolean {
  if (x.size !== y.size) return x.size < y.size ? marksAgree(x, y) : marksAgree(y, x)
  return marksAgree(x, y) || marksAgree(y, x)
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

/** Union-find over copies, refusing a union whose members' dates would conflict. */
class Clusters {
  private readonly parent: number[]
  private readonly spans: Span[]
  readonly size: number[]
  constructor(copies: readonly Copy[]) {
    this.parent = copies.map((_, i) => i)
    this.spans = copies.map((c) => spanOf(c.item))
    this.size = copies.map((c) => c.size)
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

/**
 * Pairs of distinct texts worth judging: those sharing a shingle that one of them looks up by
 * (`lookupShingles`, over the corpus's document frequencies): an inverted index, not n².
 */
export function candidatePairs(
  texts: ReadonlyArray<{ fingerprint: string; shingles: Shingles }>
): Array<[number, number]> {
  const index = new Map<number, number[]>()
  const df = new Map<number, number>()
  texts.forEach((t, i) => {
    for (const s of t.shingles) {
      df.set(s, (df.get(s) ?? 0) + 1)
      const list = index.get(s)
      if (!list) index.set(s, [i])
      else if (list.length < POSTINGS_MAX) list.push(i)
    }
  })
  const pairs = new Map<number, Set<number>>()
  const pair = (i: number, j: number) => {
    if (i === j) return
    const [a, b] = i < j ? [i, j] : [j, i]
    const partners = pairs.get(a) ?? new Set<number>()
    pairs.set(a, partners)
    partners.add(b)
  }
  texts.forEach((t, i) => {
    const looked = lookupShingles([...t.shingles].map((s) => ({ shingle: s, n: df.get(s) ?? 0 })))
    for (const s of looked) for (const j of index.get(s) ?? []) pair(i, j)
  })
  return [...pairs].flatMap(([i, js]) => [...js].map((j): [number, number] => [i, j]))
}

/** The copies in the order merging decides in: by words, then page; the result never depends on input order. */
export function sortCopies(copies: Copy[]): Copy[] {
  return copies.sort(
    (a, b) => compareCodePoints(a.key, b.key) || compareCodePoints(a.item.source, b.item.source)
  )
}

/** Plain code-point order: the same in JavaScript and in SQLite's BINARY collation. */
export function compareCodePoints(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/**
 * Clusters copies in three steps, each with the date guard: exact copies (one fingerprint);
 * near copies (resemblance, symmetric, so a chain of copies stays one text); then each remaining
 * shorter text folds into the one longer text that contains it best. One parent only: a short
 * phrase found in two articles must not join them. `copies` must be in `sortCopies` order; the
 * links name texts by fingerprint.
 */
export function cluster(
  copies: readonly Copy[],
  links: readonly Link[]
): { groups: Copy[][]; merges: number } {
  const clusters = new Clusters(copies)
  let merges = 0
  const firstOf = new Map<string, number>()
  copies.forEach((c, i) => {
    const first = firstOf.get(c.fingerprint)
    if (first === undefined) firstOf.set(c.fingerprint, i)
    else if (clusters.union(i, first)) merges++
  })
  const ordered = links
    .flatMap((link) => {
      const i = firstOf.get(link.a)
      const j = firstOf.get(link.b)
      return i === undefined || j === undefined
        ? []
        : [{ ...link, lo: Math.min(i, j), hi: Math.max(i, j) }]
    })
    .sort((p, q) => p.lo - q.lo || p.hi - q.hi)
  const folds: Array<{ small: number; large: number; score: number }> = []
  for (const { lo, hi, copy, score } of ordered) {
    const [small, large] =
      (copies[lo] as Copy).size <= (copies[hi] as Copy).size ? [lo, hi] : [hi, lo]
    if (copy) {
      if (clusters.union(small, large)) merges++
    } else folds.push({ small, large, score })
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
  return { groups: clusters.groups().map((g) => g.map((i) => copies[i] as Copy)), merges }
}

const DATE_RANK: Record<DateSource, number> = {
  'article-title': 3,
  'article-date-line': 2,
  'teaser-date-line': 1,
  none: 0,
}

/** The copy that speaks for the item: an article over a teaser, then the longest text. */
function byRepresentative(a: Copy, b: Copy): number {
  const kind = Number(b.item.kind === 'article') - Number(a.item.kind === 'article')
  const length = b.item.paragraphs.join('').length - a.item.paragraphs.join('').length
  return (
    kind ||
    length ||
    compareCodePoints(a.key, b.key) ||
    compareCodePoints(a.item.source, b.item.source)
  )
}

/** The best date evidence among the copies: the article's own date over a teaser's. */
function bestDate(entries: readonly Copy[]): { published: string | null; dateSource: DateSource } {
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
function unionParagraphs(copies: readonly Copy[]): string[] {
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
      if (own.length === 0) continue
      // Held already: its words as a run in one kept paragraph, or nearly all its shingles in
      // one (a lightly edited copy). Shingles scattered over the whole text do not count.
      const found = keys.findIndex(
        (k, n) =>
          ` ${k} `.includes(` ${key} `) ||
          containment(own, sets[n] ?? new Uint32Array()) >= FOLD_CONTAINMENT
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

export function toMergedItem(entries: readonly Copy[]): MergedItem {
  const sorted = [...entries].sort(byRepresentative)
  const rep = (sorted[0] as Copy).item
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
  const cache = new Map<string, Measures>()
  const measured = new Map<string, Measures>()
  const copies = sortCopies(
    pageItems.map((item) => {
      const { copy, measures } = toCopy(item, cache)
      measured.set(copy.fingerprint, measures)
      return copy
    })
  )
  const texts = [...new Set(copies.map((c) => c.fingerprint))].map((fingerprint) => ({
    fingerprint,
    ...(measured.get(fingerprint) as Measures),
  }))
  const links = candidatePairs(texts).flatMap(([i, j]) => {
    const [x, y] = [texts[i], texts[j]] as [(typeof texts)[number], (typeof texts)[number]]
    const verdict = judge(x, y)
    return verdict ? [{ a: x.fingerprint, b: y.fingerprint, ...verdict }] : []
  })
  const { groups, merges } = cluster(copies, links)
  return { items: groups.map(toMergedItem), merges }
}
