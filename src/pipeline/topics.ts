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
  // Words split at anything not a letter, digit or `*`, then after a `*` (`terror*ism` is two
  // words); splitting at both at once would leave the separator on the word after a stem.
  const words = term
    .split(/[^\p{L}\p{N}*]+/u)
    .flatMap((w) => w.split(/(?<=\*)/u))
    .filter((w) => w !== '' && w !== '*')
    .map((w) => ({
      text: cased ? w.replace('*', '') : w.replace('*', '').toLowerCase(),
      stem: w.endsWith('*'),
    }))
  return { words, cased }
}

/**
 * Terms looked up by the word they start with, so that a text is read once whatever the number
 * of terms: each word of the text names the terms that may start there (an exact first word by
 * the word, a stem by the word's first `keyLength` letters, the length of the shortest stem),
 * and only those are matched on. Every item of every build is classified; a gazetteer of places
 * and institutions grows the terms by hundreds, not the cost of an item.
 */
type Lexicon = {
  terms: readonly TermMatcher[]
  /** Per side (0: lower-cased words, 1: words as written). */
  sides: [LexiconSide, LexiconSide]
}

type LexiconSide = {
  /** First word → terms. */
  exact: Map<string, number[]>
  /** A stem's first `keyLength` letters → the stems starting so, and their terms. */
  stems: Map<string, Array<{ stem: string; ids: number[] }>>
  keyLength: number
}

function toLexicon(terms: readonly TermMatcher[]): Lexicon {
  const sides: [LexiconSide, LexiconSide] = [0, 1].map((side) => {
    const exact = new Map<string, number[]>()
    const byStem = new Map<string, number[]>()
    terms.forEach((term, id) => {
      const first = term.words[0]
      if (!first || (term.cased ? 1 : 0) !== side) return
      const map = first.stem ? byStem : exact
      map.set(first.text, [...(map.get(first.text) ?? []), id])
    })
    const keyLength = Math.min(...[...byStem.keys()].map((stem) => stem.length))
    const stems = new Map<string, Array<{ stem: string; ids: number[] }>>()
    for (const [stem, ids] of byStem) {
      const key = stem.slice(0, keyLength)
      stems.set(key, [...(stems.get(key) ?? []), { stem, ids }])
    }
    return { exact, stems, keyLength }
  }) as [LexiconSide, LexiconSide]
  return { terms, sides }
}

const matches = (word: string | undefined, w: TermWord) =>
  word !== undefined && (w.stem ? word.startsWith(w.text) : word === w.text)

/** Whether the rest of a term follows its first word at `at`. */
function followsAt(term: TermMatcher, words: readonly string[], at: number): boolean {
  for (let k = 1; k < term.words.length; k++)
    if (!matches(words[at + k], term.words[k] as TermWord)) return false
  return true
}

/** How many times each term of the lexicon stands in `text`, by the term's place. */
function countAll(lexicon: Lexicon, text: string): Int32Array {
  const counts = new Int32Array(lexicon.terms.length)
  const written = text.match(WORD) ?? []
  if (written.length === 0) return counts
  const found = (ids: readonly number[], words: readonly string[], at: number) => {
    for (const id of ids)
      if (followsAt(lexicon.terms[id] as TermMatcher, words, at)) counts[id] = (counts[id] ?? 0) + 1
  }
  lexicon.sides.forEach(({ exact, stems, keyLength }, side) => {
    if (exact.size === 0 && stems.size === 0) return
    const words = side === 0 ? written.map((w) => w.toLowerCase()) : written
    for (let at = 0; at < words.length; at++) {
      const word = words[at] as string
      const ids = exact.get(word)
      if (ids) found(ids, words, at)
      if (word.length < keyLength) continue
      for (const { stem, ids } of stems.get(word.slice(0, keyLength)) ?? [])
        if (word.startsWith(stem)) found(ids, words, at)
    }
  })
  return counts
}

/** How many times each term stands in `text`. */
export function countTerms(terms: readonly TermMatcher[], text: string): number[] {
  return [...countAll(toLexicon(terms), text)]
}

type Term = { id: number; weight: number }
type Zones = { title: Int32Array; lead: Int32Array; rest: Int32Array }

function score(terms: readonly Term[], zones: Zones): number {
  let total = 0
  for (const { id, weight } of terms) {
    total +=
      weight *
      (TITLE_FACTOR * (zones.title[id] ?? 0) +
        LEAD_FACTOR * (zones.lead[id] ?? 0) +
        Math.min(TAIL_CAP, zones.rest[id] ?? 0))
  }
  return total
}

/** Compiles the rules once; the classifier returns topic slugs in the rules' order. */
export function compileTopics(rules: readonly TopicRule[]): TopicClassifier {
  const matchers: TermMatcher[] = []
  const compileTerms = (terms: Record<string, number>): Term[] =>
    Object.entries(terms).map(([term, weight]) => ({
      id: matchers.push(compileTerm(term)) - 1,
      weight,
    }))
  const compiled = rules.map((rule) => ({
    slug: rule.slug,
    threshold: rule.threshold,
    include: compileTerms(rule.include),
    exclude: compileTerms(rule.exclude),
  }))
  const lexicon = toLexicon(matchers)
  return (item) => {
    const zones: Zones = {
      // A title made from the lead repeats the lead: counting it again would double the lead.
      title: countAll(lexicon, item.titleSource === 'page' ? item.title : ''),
      lead: countAll(lexicon, item.paragraphs[0] ?? ''),
      rest: countAll(lexicon, item.paragraphs.slice(1).join('\n')),
    }
    return compiled
      .filter((t) => score(t.include, zones) - score(t.exclude, zones) >= t.threshold)
      .map((t) => t.slug)
  }
}
