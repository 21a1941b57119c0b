/**
 * Topics by weighted term rules from `content/topics.json`. A title counts more than a lead and
 * a lead more than the tail, so an item that names AI once among ten other subjects is not an
 * AI item. Multi-label: an item gets every topic whose score reaches its threshold.
 */

import { compileTerm, findTerms, type TermMatcher, toLexicon } from './lexicon'

/** One topic as written in `content/topics.json`. */
export type TopicRule = {
  slug: string
  title: string
  description: string
  /** IPTC Media Topic QCodes (`medtop:20000096`); empty where none fits (countries). */
  iptc: string[]
  /** Term → weight. See `pipeline/lexicon.ts` for what a term matches. */
  include: Record<string, number>
  exclude: Record<string, number>
  threshold: number
  /**
   * How many times a term counts in the tail (default `TAIL_CAP`). 1 for a subject that long
   * texts name in passing, again and again, without being about it: then one mention in the
   * lead may reach the threshold while repetition in the tail does not.
   */
  tailCap?: number
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

/**
 * Classifiers by the rules they were compiled from. The rules are configuration, parsed once and
 * never changed, and a build compiles them at every step: with the gazetteer that is 1,900 terms,
 * milliseconds of CPU an invocation could spend on items.
 */
const COMPILED = new WeakMap<readonly TopicRule[], TopicClassifier>()

/**
 * Compiles the rules once (once per rules array: the same array gives the same classifier); the
 * classifier returns topic slugs in the rules' order. A term is looked up once whatever the
 * number of topics naming it; an item's score comes from the terms found in it, so its cost is
 * its words and their hits, not the number of terms.
 */
export function compileTopics(rules: readonly TopicRule[]): TopicClassifier {
  const known = COMPILED.get(rules)
  if (known) return known
  const classifier = compileRules(rules)
  COMPILED.set(rules, classifier)
  return classifier
}

function compileRules(rules: readonly TopicRule[]): TopicClassifier {
  const ids = new Map<string, number>()
  const matchers: TermMatcher[] = []
  /** Per term: the topics it counts for, with its weight (negative where it is excluded). */
  const uses: Array<Array<{ topic: number; weight: number }>> = []
  const use = (term: string, topic: number, weight: number) => {
    let id = ids.get(term)
    if (id === undefined) {
      id = matchers.push(compileTerm(term)) - 1
      ids.set(term, id)
      uses.push([])
    }
    uses[id]?.push({ topic, weight })
  }
  rules.forEach((rule, topic) => {
    for (const [term, weight] of Object.entries(rule.include)) use(term, topic, weight)
    for (const [term, weight] of Object.entries(rule.exclude)) use(term, topic, -weight)
  })
  const lexicon = toLexicon(matchers)
  const tailCaps = rules.map((rule) => rule.tailCap ?? TAIL_CAP)
  return (item) => {
    const scores = rules.map(() => 0)
    /** Adds a zone's hits to the scores; in the tail a term counts at most its topic's cap. */
    const add = (text: string, factor: number, tail: boolean) => {
      const counts = new Map<number, number>()
      findTerms(lexicon, text, (id) => counts.set(id, (counts.get(id) ?? 0) + 1))
      for (const [id, n] of counts)
        for (const { topic, weight } of uses[id] ?? []) {
          const times = tail ? Math.min(tailCaps[topic] ?? TAIL_CAP, n) : n
          scores[topic] = (scores[topic] ?? 0) + weight * factor * times
        }
    }
    // A title made from the lead repeats the lead: counting it again would double the lead.
    if (item.titleSource === 'page') add(item.title, TITLE_FACTOR, false)
    add(item.paragraphs[0] ?? '', LEAD_FACTOR, false)
    add(item.paragraphs.slice(1).join('\n'), 1, true)
    return rules.filter((rule, i) => (scores[i] ?? 0) >= rule.threshold).map((rule) => rule.slug)
  }
}
