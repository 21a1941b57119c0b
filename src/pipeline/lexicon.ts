/**
 * Terms, and the lexicon that finds them in a text word by word. A term is one or more words,
 * matched as a run of words whatever stands between them (spaces, hyphens, quotes:
 * `Channel Far Eastern Raid` matches `"Channel - Far Eastern Raid"`); `*` ending a word matches
 * any further letters (a stem: `terror*`). A term in capitals only (`AI`, `UN`, `ОДКБ`) is
 * matched case-sensitively; any other case-insensitively.
 */

import { writtenWordsOf } from './tokens'

const HAS_LOWER = /\p{Ll}/u

type TermWord = { text: string; stem: boolean }

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
 * A node of a trie of terms by their words: the terms that end here, and the words that lead
 * on (exact words by the word; stems by their first `keyLength` letters, the length of the
 * shortest stem here, then by `startsWith`).
 */
type Node = {
  ends: number[]
  exact: Map<string, Node>
  stems: Map<string, Array<{ stem: string; node: Node }>>
  keyLength: number
}

/**
 * The terms as two tries (0: lower-cased words, 1: words as written), so that a text is read
 * once whatever the number of terms: at each word of the text the walk follows only the terms
 * that go on with the words that stand there. Every item of every build is classified; the
 * gazetteer writes each office for every form of every state's name (120 terms start with
 * `minister`), and a trie walks them as one path until they part.
 */
export type Lexicon = { roots: [Root, Root] }

/**
 * A trie's root also remembers where each word it has seen leads: the texts of a site use the
 * same few thousand words over and over, and most lead nowhere. The memo lives as long as the
 * lexicon (the classifier of a set of rules, kept by `compileTopics` for the isolate's life) and
 * is forgotten past `MEMO_SIZE` words, so that memory stays bounded whatever the vocabulary. It
 * keeps the cost of an item where it was with a tenth of the terms (issue 9: the gazetteer).
 */
type Root = Node & { memo: Map<string, readonly Node[]> }

const MEMO_SIZE = 20_000

/**
 * A copy of a word to keep as a memo key: an engine may share a substring's storage with the
 * text it was cut from, and the memo must not keep every text it has seen alive.
 */
const own = (word: string) => ` ${word}`.slice(1)

const newNode = (): Node => ({ ends: [], exact: new Map(), stems: new Map(), keyLength: 0 })

export function toLexicon(terms: readonly TermMatcher[]): Lexicon {
  const roots: [Root, Root] = [
    { ...newNode(), memo: new Map() },
    { ...newNode(), memo: new Map() },
  ]
  const stemsOf = new Map<Node, Map<string, Node>>()
  terms.forEach((term, id) => {
    if (term.words.length === 0) return
    const root = roots[term.cased ? 1 : 0]
    let node: Node = root
    for (const w of term.words) {
      const map = w.stem ? (stemsOf.get(node) ?? new Map<string, Node>()) : node.exact
      if (w.stem) stemsOf.set(node, map)
      const next = map.get(w.text) ?? newNode()
      map.set(w.text, next)
      node = next
    }
    node.ends.push(id)
  })
  for (const [node, stems] of stemsOf) {
    node.keyLength = Math.min(...[...stems.keys()].map((stem) => stem.length))
    for (const [stem, next] of stems) {
      const key = stem.slice(0, node.keyLength)
      node.stems.set(key, [...(node.stems.get(key) ?? []), { stem, node: next }])
    }
  }
  return { roots }
}

const NONE: readonly Node[] = []

const isEmpty = (node: Node) => node.exact.size === 0 && node.stems.size === 0

/** The nodes `word` leads to from `node`: its exact child and the stems it starts with. */
function stepsFrom(node: Node, word: string): readonly Node[] {
  const next = node.exact.get(word)
  if (node.stems.size === 0 || word.length < node.keyLength) return next ? [next] : NONE
  const steps = next ? [next] : []
  for (const { stem, node: after } of node.stems.get(word.slice(0, node.keyLength)) ?? [])
    if (word.startsWith(stem)) steps.push(after)
  return steps.length === 0 ? NONE : steps
}

/** Follows the trie from the nodes `steps` with the words from `at` on, reporting every term ending. */
function walk(
  steps: readonly Node[],
  words: readonly string[],
  at: number,
  found: (id: number) => void
) {
  for (const node of steps) {
    for (const id of node.ends) found(id)
    const word = words[at]
    if (word !== undefined && !isEmpty(node)) walk(stepsFrom(node, word), words, at + 1, found)
  }
}

/** Calls `found` with a term's index for every place in `text` where the term stands. */
export function findTerms(lexicon: Lexicon, text: string, found: (id: number) => void): void {
  const written = writtenWordsOf(text)
  if (written.length === 0) return
  lexicon.roots.forEach((root, side) => {
    if (isEmpty(root)) return
    const words = side === 0 ? written.map((w) => w.toLowerCase()) : written
    for (let at = 0; at < words.length; at++) {
      const word = words[at] as string
      let steps = root.memo.get(word)
      if (steps === undefined) {
        if (root.memo.size >= MEMO_SIZE) root.memo.clear()
        steps = stepsFrom(root, word)
        root.memo.set(own(word), steps)
      }
      if (steps.length > 0) walk(steps, words, at + 1, found)
    }
  })
}

/** How many times each term stands in `text`. */
export function countTerms(terms: readonly TermMatcher[], text: string): number[] {
  const counts = terms.map(() => 0)
  findTerms(toLexicon(terms), text, (id) => {
    counts[id] = (counts[id] ?? 0) + 1
  })
  return counts
}
