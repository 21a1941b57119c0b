/**
 * Topics by weighted term rules from `content/topics.json`. A title counts more than a lead and
 * a lead more than the tail, so an item that names AI once among ten other subjects is not an
 * AI item. Multi-label: an item gets every topic whose score reaches its threshold.
 */

/** One topic as written in `content/topics.json`. */
export type TopicRule = {
  slug: string
  title: string
  description: string
  /** IPTC Media Topic QCodes (`medtop:20000096`); empty where none fits (countries). */
  iptc: string[]
  /** Term → weight. See `compileTerm` for what a term matches. */
  include: Record<string, number>
  exclude: Record<string, number>
  threshold: number
}

/** What classification reads of an item. */
export type Classifiable = {
  title: string
  titleSource: 'page' | 'lead'
  paragraphs: readonly string[]
}

export type TopicClassifier = (item: Classifiable) => string[]

/** Zone weights: the title, the lead (first paragraph) and the rest of the text. */
const TITLE_FACTOR = 3
const LEAD_FACTOR = 2
/** In the rest, a term counts at most this many times: a long text repeats words without being more about them. */
const TAIL_CAP = 3
const WORD = /[\p{L}\p{N}]+/gu
const HAS_LOWER = /\p{Ll}/u

type TermWord = { text: string; stem: boolean }

/**
 * A term is one or more words, matched as a run of words whatever stands between them (spaces,
 * hyphens, quotes: `Channel Far Eastern Raid` matches `"Channel - Far Eastern Raid"`); `*` ending
 * a word matches any further letters (a stem: `terror*`). A term in capitals only (`AI`, `UN`,
 * `ОДКБ`) is matched case-sensitively; any other case-insensitively.
 */
export type TermMatcher = { words: TermWord[]; cased: boolean }

export function compileTerm(term: string): TermMatcher {
  const cased = !HAS_LOWER.test(term)
  const words = term
    .split(/(?<=\*)|[^\p{L}\p{N}*]+/u)
    .filter((w) => w !== '' && w !== '*')
    .map((w) => ({
      text: cased ? w.replace('*', '') : w.replace('*', '').toLowerCase(),
      stem: w.endsWith('*'),
    }))
  return { words, cased }
}

/** A text made ready for counting terms: its words, in both cases, indexed by word. */
export type Zone = {
  words: readonly string[][]
  index: ReadonlyArray<Map<string, number[]>>
  /** Distinct words, sorted: the words a stem matches are one range of them. */
  sorted: readonly string[][]
}

/** Indexes a text's words (as written, and lower-cased) for `countTerm`. */
export function toZone(text: string): Zone {
  const cased = text.match(WORD) ?? []
  const lower = cased.map((w) => w.toLowerCase())
  const index = [lower, cased].map((words) => {
    const map = new Map<string, number[]>()
    words.forEach((w, i) => {
      const list = map.get(w)
      if (list) list.push(i)
      else map.set(w, [i])
    })
    return map
  })
  return { words: [lower, cased], index, sorted: index.map((map) => [...map.keys()].sort()) }
}

/** Positions of the words that start with `prefix`: a binary search, then a scan of the range. */
function stemPositions(
  prefix: string,
  sorted: readonly string[],
  index: Map<string, number[]>
): number[] {
  let lo = 0
  let hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if ((sorted[mid] ?? '') < prefix) lo = mid + 1
    else hi = mid
  }
  const out: number[] = []
  for (let i = lo; i < sorted.length && (sorted[i] ?? '').startsWith(prefix); i++)
    out.push(...(index.get(sorted[i] ?? '') ?? []))
  return out
}

const matches = (word: string | undefined, w: TermWord) =>
  word !== undefined && (w.stem ? word.startsWith(w.text) : word === w.text)

/** How many times the term stands in the zone. */
export function countTerm(term: TermMatcher, zone: Zone): number {
  const side = term.cased ? 1 : 0
  const words = zone.words[side] ?? []
  const index = zone.index[side] ?? new Map<string, number[]>()
  const [first, ...rest] = term.words
  if (!first) return 0
  const starts = first.stem
    ? stemPositions(first.text, zone.sorted[side] ?? [], index)
    : (index.get(first.text) ?? [])
  let count = 0
  for (const at of starts) if (rest.every((w, k) => matches(words[at + k + 1], w))) count++
  return count
}

type Term = { matcher: TermMatcher; weight: number }

function compileTerms(terms: Record<string, number>): Term[] {
  return Object.entries(terms).map(([term, weight]) => ({ matcher: compileTerm(term), weight }))
}

type Zones = { title: Zone; lead: Zone; rest: Zone }

function score(terms: readonly Term[], zones: Zones): number {
  let total = 0
  for (const { matcher, weight } of terms) {
    total +=
      weight *
      (TITLE_FACTOR * countTerm(matcher, zones.title) +
        LEAD_FACTOR * countTerm(matcher, zones.lead) +
        Math.min(TAIL_CAP, countTerm(matcher, zones.rest)))
  }
  return total
}

/** Compiles the rules once; the classifier returns topic slugs in the rules' order. */
export function compileTopics(rules: readonly TopicRule[]): TopicClassifier {
  const compiled = rules.map((rule) => ({
    slug: rule.slug,
    threshold: rule.threshold,
    include: compileTerms(rule.include),
    exclude: compileTerms(rule.exclude),
  }))
  return (item) => {
    const zones: Zones = {
      // A title made from the lead repeats the lead: counting it again would double the lead.
      title: toZone(item.titleSource === 'page' ? item.title : ''),
      lead: toZone(item.paragraphs[0] ?? ''),
      rest: toZone(item.paragraphs.slice(1).join('\n')),
    }
    return compiled
      .filter((t) => score(t.include, zones) - score(t.exclude, zones) >= t.threshold)
      .map((t) => t.slug)
  }
}
