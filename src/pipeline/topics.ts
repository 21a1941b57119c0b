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
const SEPARATOR = '[\\s\\-–—"\'«»“”„]+'
const EDGE_BEFORE = '(?<![\\p{L}\\p{N}])'
const EDGE_AFTER = '(?![\\p{L}\\p{N}])'
const HAS_LOWER = /\p{Ll}/u

type Term = { re: RegExp; weight: number }

/**
 * A term is one or more words matched on word boundaries; whitespace or hyphens between words
 * match any run of spaces, hyphens or quotes; `*` ending a word matches any further letters
 * (a stem: `terror*`). A term in capitals only (`AI`, `UN`, `ОДКБ`) is matched case-sensitively;
 * any other case-insensitively.
 */
export function compileTerm(term: string): RegExp {
  const words = term
    .trim()
    .split(/[\s\-–—]+/u)
    .filter(Boolean)
  const body = words
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, (c) => (c === '*' ? '[\\p{L}\\p{N}]*' : `\\${c}`)))
    .join(SEPARATOR)
  return new RegExp(`${EDGE_BEFORE}${body}${EDGE_AFTER}`, HAS_LOWER.test(term) ? 'giu' : 'gu')
}

function compileTerms(terms: Record<string, number>): Term[] {
  return Object.entries(terms).map(([term, weight]) => ({ re: compileTerm(term), weight }))
}

/** One pattern matching any of the terms: most items match no term of most topics, and one scan
 * of the text tells so, before any term is counted. */
function anyOf(terms: readonly Term[]): (text: string) => boolean {
  const group = (caseless: boolean) => {
    const list = terms.filter((t) => t.re.flags.includes('i') === caseless)
    return list.length === 0
      ? null
      : new RegExp(list.map((t) => `(?:${t.re.source})`).join('|'), caseless ? 'iu' : 'u')
  }
  const cased = group(false)
  const caseless = group(true)
  return (text) => (cased?.test(text) ?? false) || (caseless?.test(text) ?? false)
}

function count(re: RegExp, text: string): number {
  re.lastIndex = 0
  return text.match(re)?.length ?? 0
}

function score(
  terms: readonly Term[],
  zones: { title: string; lead: string; rest: string }
): number {
  let total = 0
  for (const { re, weight } of terms) {
    total +=
      weight *
      (TITLE_FACTOR * count(re, zones.title) +
        LEAD_FACTOR * count(re, zones.lead) +
        Math.min(TAIL_CAP, count(re, zones.rest)))
  }
  return total
}

/** Compiles the rules once; the classifier returns topic slugs in the rules' order. */
export function compileTopics(rules: readonly TopicRule[]): TopicClassifier {
  const compiled = rules.map((rule) => {
    const include = compileTerms(rule.include)
    return {
      slug: rule.slug,
      threshold: rule.threshold,
      include,
      exclude: compileTerms(rule.exclude),
      mentioned: anyOf(include),
    }
  })
  return (item) => {
    const zones = {
      // A title made from the lead repeats the lead: counting it again would double the lead.
      title: item.titleSource === 'page' ? item.title : '',
      lead: item.paragraphs[0] ?? '',
      rest: item.paragraphs.slice(1).join('\n'),
    }
    const all = `${zones.title}\n${zones.lead}\n${zones.rest}`
    return compiled
      .filter(
        (t) => t.mentioned(all) && score(t.include, zones) - score(t.exclude, zones) >= t.threshold
      )
      .map((t) => t.slug)
  }
}
