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
  /**
   * Topics of one group (the member states, `country`) compete: a sentence naming
   * `LIST_SIZE` or more of them is a list of participants and counts for none of them.
   */
  group?: string
}

/** What classification reads of an item. */
export type Classifiable = {
  title: string
  titleSource: 'page' | 'lead'
  paragraphs: readonly string[]
}

export type TopicClassifier = (item: Classifiable) => string[]

/** Zone weights: the title, the lead (`LEAD_WORDS`) and the rest of the text. */
const TITLE_FACTOR = 3
const LEAD_FACTOR = 2
/**
 * The lead is the first paragraph, and the next ones while it is shorter than this: a news lead
 * is the first 30 to 50 words, and a one-sentence opening ("The deputies met in the State
 * Duma.") leaves the subject to the paragraph after it.
 */
const LEAD_WORDS = 30
/**
 * "The Secretaries of the Security Councils of Armenia, Belarus, Kazakhstan, …": a sentence
 * naming this many topics of one group names them all alike, and says nothing of any one.
 */
const LIST_SIZE = 3
/** Sentence ends, roughly: a list of participants is one sentence. */
const SENTENCE_END = /[.!?;]\s+|\n+/u
/** In the rest, a term counts at most this many times: a long text repeats words without being more about them. */
const TAIL_CAP = 3

/** A term's weight for one topic. */
type Use = { topic: number; weight: number }

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
  /**
   * Per term: the topics it counts for, each once, with its weight (negative where it is
   * excluded; an include and an exclude of one topic add up).
   */
  const uses: Use[][] = []
  const use = (term: string, topic: number, weight: number) => {
    let id = ids.get(term)
    if (id === undefined) {
      id = matchers.push(compileTerm(term)) - 1
      ids.set(term, id)
      uses.push([])
    }
    const list = uses[id] ?? []
    const known = list.find((u) => u.topic === topic)
    if (known) known.weight += weight
    else list.push({ topic, weight })
  }
  rules.forEach((rule, topic) => {
    for (const [term, weight] of Object.entries(rule.include)) use(term, topic, weight)
    for (const [term, weight] of Object.entries(rule.exclude)) use(term, topic, -weight)
  })
  const lexicon = toLexicon(matchers)
  const tailCaps = rules.map((rule) => rule.tailCap ?? TAIL_CAP)
  const grouped = rules.some((rule) => rule.group !== undefined)
  /** The topics a sentence's terms name as one of a list: `LIST_SIZE` or more of one group. */
  const listedIn = (ids: readonly number[]): Set<number> | null => {
    let named: Map<string, Set<number>> | null = null
    for (const id of ids)
      for (const { topic, weight } of uses[id] ?? []) {
        const group = rules[topic]?.group
        if (group === undefined || weight <= 0) continue
        named ??= new Map()
        const topics = named.get(group) ?? new Set<number>()
        topics.add(topic)
        named.set(group, topics)
      }
    if (named === null) return null
    const lists = [...named.values()].filter((topics) => topics.size >= LIST_SIZE)
    return lists.length === 0 ? null : new Set(lists.flatMap((topics) => [...topics]))
  }
  return (item) => {
    const scores = rules.map(() => 0)
    /** Adds a zone's hits to the scores; in the tail a term counts at most its topic's cap. */
    const add = (text: string, factor: number, tail: boolean) => {
      // Hits by term and topic (one use of a term), lists of a group left out.
      const counts = new Map<Use, number>()
      const count = (ids: readonly number[]) => {
        const listed = grouped ? listedIn(ids) : null
        for (const id of ids)
          for (const use of uses[id] ?? [])
            if (!listed?.has(use.topic)) counts.set(use, (counts.get(use) ?? 0) + 1)
      }
      // Sentence by sentence where a group can list: one read of the words either way.
      for (const part of grouped ? text.split(SENTENCE_END) : [text]) {
        const ids: number[] = []
        findTerms(lexicon, part, (id) => ids.push(id))
        if (ids.length > 0) count(ids)
      }
      for (const [{ topic, weight }, n] of counts) {
        const times = tail ? Math.min(tailCaps[topic] ?? TAIL_CAP, n) : n
        scores[topic] = (scores[topic] ?? 0) + weight * factor * times
      }
    }
    // A title made from the lead repeats the lead: counting it again would double the lead.
    if (item.titleSource === 'page') add(item.title, TITLE_FACTOR, false)
    const leadEnd = leadLength(item.paragraphs)
    add(item.paragraphs.slice(0, leadEnd).join('\n'), LEAD_FACTOR, false)
    add(item.paragraphs.slice(leadEnd).join('\n'), 1, true)
    return rules.filter((rule, i) => (scores[i] ?? 0) >= rule.threshold).map((rule) => rule.slug)
  }
}

/** How many paragraphs the lead holds: the first, then more while under `LEAD_WORDS` words. */
function leadLength(paragraphs: readonly string[]): number {
  let words = 0
  let n = 0
  while (n < paragraphs.length && (n === 0 || words < LEAD_WORDS)) {
    words += (paragraphs[n] ?? '').split(/\s+/).filter(Boolean).length
    n++
  }
  return n
}
