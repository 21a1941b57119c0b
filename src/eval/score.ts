/**
 * How well the pipeline extracts a labelled page, as extraction benchmarks score it: its items
 * against the items a careful editor expects (the labelled set's format: test/pipeline/cases/
 * README.md), boundaries first (precision, recall), then, on the items found, their dates,
 * language and topics. Pure: the CLI (`npm run eval`) reads the set and prints the totals.
 */
import type { Item } from '../model'
import { digest } from '../pipeline/fingerprint'

/** An expected item: only the fields given are checked; `null` must be `null`. */
export type ExpectedItem = Partial<
  Pick<
    Item,
    | 'kind'
    | 'title'
    | 'published'
    | 'dateSource'
    | 'eventDate'
    | 'eventEndDate'
    | 'lang'
    | 'sources'
    | 'topics'
  >
> & {
  titleStartsWith?: string
  textIncludes?: string[]
  textExcludes?: string[]
  alternateIncludes?: string[]
}

export type Case = { description: string; items: ExpectedItem[] }

const EXPECTED_SUFFIX = '.expected.json'

/**
 * A labelled set's cases from its files (`<name>.txt`, `<name>.<part>.txt`,
 * `<name>.expected.json`): each with its expectation and its pages.
 */
export function casesOf<P extends { name: string; text: string }>(
  files: readonly P[]
): Array<{ name: string; expected: Case; pages: P[] }> {
  const pages = files.filter((f) => f.name.endsWith('.txt'))
  return files
    .filter((f) => f.name.endsWith(EXPECTED_SUFFIX))
    .map((f) => {
      const name = f.name.slice(0, -EXPECTED_SUFFIX.length)
      return { name, expected: JSON.parse(f.text) as Case, pages: pagesOfCase(pages, name) }
    })
}

/**
 * A case's pages among the labelled set's files: `<name>.txt` and every `<name>.<part>.txt`
 * (not another case whose name starts with `<name>`), in name order.
 */
export function pagesOfCase<P extends { name: string }>(files: readonly P[], name: string): P[] {
  const part = new RegExp(`^${name.replace(/[.-]/g, '\\$&')}\\.[^.]+\\.txt$`)
  return files
    .filter((p) => p.name === `${name}.txt` || part.test(p.name))
    .sort((a, b) => a.name.localeCompare(b.name))
}

/**
 * What makes an item the one expected: its title and what its text holds (its dates, and the
 * junk its text should not hold, are scored apart).
 */
function identityMismatches(item: Item, e: ExpectedItem): string[] {
  const out: string[] = []
  if (e.title !== undefined && item.title.trim() !== e.title.trim())
    out.push(`title: ${item.title}`)
  if (e.titleStartsWith !== undefined && !item.title.startsWith(e.titleStartsWith))
    out.push(`title: ${item.title}`)
  for (const s of e.textIncludes ?? [])
    if (!item.contentText.includes(s)) out.push(`text lacks ${JSON.stringify(s)}`)
  return out
}

/** Junk the expectation names that the item's text still holds. */
function junkIn(item: Item, e: ExpectedItem): string[] {
  return (e.textExcludes ?? []).filter((s) => item.contentText.includes(s))
}

/** Everything in `item` that differs from the expectation; empty when it matches. */
export function mismatches(item: Item, e: ExpectedItem): string[] {
  const out: string[] = []
  for (const key of [
    'kind',
    'published',
    'dateSource',
    'eventDate',
    'eventEndDate',
    'lang',
  ] as const) {
    if (e[key] !== undefined && item[key] !== e[key]) out.push(`${key}: ${item[key]} ≠ ${e[key]}`)
  }
  out.push(...identityMismatches(item, e))
  for (const s of junkIn(item, e)) out.push(`text has ${JSON.stringify(s)}`)
  if (e.sources !== undefined && JSON.stringify(item.sources) !== JSON.stringify(e.sources))
    out.push(`sources: ${item.sources}`)
  if (e.topics !== undefined && [...item.topics].sort().join() !== [...e.topics].sort().join())
    out.push(`topics: ${item.topics} ≠ ${e.topics}`)
  for (const s of e.alternateIncludes ?? [])
    if (!item.alternate?.text.includes(s)) out.push(`alternate lacks ${JSON.stringify(s)}`)
  return out
}

/** Counts of one kind of decision. */
export type Counts = { tp: number; fp: number; fn: number }

/** What one labelled case, or a set of them, scores. */
export type Score = {
  items: Counts
  /** Expected publication dates (`null` included) on the items found. */
  dates: { total: number; exact: number; swapped: number; invented: number; missed: number }
  lang: { total: number; right: number }
  /** Items found whose kind (teaser, article) is labelled, and those of that kind. */
  kind: { total: number; right: number }
  /** Items found whose expectation names junk, and those whose text is free of it. */
  clean: { total: number; right: number }
  /** Per topic, on the items found whose topics are labelled. */
  topics: Record<string, Counts>
  /** Expected items not found, and items extracted that no expectation names. */
  misses: string[]
  extras: string[]
  /** Items found whose topics differ from their labels: the topics missed and given in excess. */
  topicMisses: string[]
}

function emptyScore(): Score {
  return {
    items: { tp: 0, fp: 0, fn: 0 },
    dates: { total: 0, exact: 0, swapped: 0, invented: 0, missed: 0 },
    lang: { total: 0, right: 0 },
    kind: { total: 0, right: 0 },
    clean: { total: 0, right: 0 },
    topics: {},
    misses: [],
    extras: [],
    topicMisses: [],
  }
}

/** `YYYY-MM-DD` with day and month exchanged, when both could be a month. */
function swapped(date: string): string | null {
  const [y, m, d] = date.split('-')
  return m && d && Number(d) <= 12 && m !== d ? `${y}-${d}-${m}` : null
}

const describe = (item: Item) => `[${item.kind} ${item.published}] ${item.title.slice(0, 80)}`
const describeExpected = (e: ExpectedItem) =>
  `[${e.kind ?? '?'} ${e.published}] ${e.title ?? e.titleStartsWith ?? e.textIncludes?.[0] ?? '?'}`.slice(
    0,
    100
  )

/**
 * Scores a case: each expected item is matched to a different extracted item by its title and
 * text; then the dates, language and topics of each matched pair are compared.
 */
export function scoreCase(name: string, expected: Case, items: readonly Item[]): Score {
  const score = emptyScore()
  const unused = new Set(items)
  for (const e of expected.items) {
    const match = [...unused].find((item) => identityMismatches(item, e).length === 0)
    if (!match) {
      score.items.fn++
      score.misses.push(`${name}: ${describeExpected(e)}`)
      continue
    }
    unused.delete(match)
    score.items.tp++
    scoreDate(score, match.published, e.published)
    if (e.lang !== undefined) {
      score.lang.total++
      if (match.lang === e.lang) score.lang.right++
    }
    if (e.kind !== undefined) {
      score.kind.total++
      if (match.kind === e.kind) score.kind.right++
      else score.misses.push(`${name}: ${describe(match)} is not a ${e.kind}`)
    }
    if (e.textExcludes !== undefined) {
      score.clean.total++
      const junk = junkIn(match, e)
      if (junk.length === 0) score.clean.right++
      else score.misses.push(`${name}: ${describe(match)} holds ${JSON.stringify(junk)}`)
    }
    if (e.topics !== undefined) {
      scoreTopics(score, match.topics, e.topics)
      const want = e.topics
      const missed = want.filter((t) => !match.topics.includes(t))
      const excess = match.topics.filter((t) => !want.includes(t))
      if (missed.length + excess.length > 0)
        score.topicMisses.push(
          `${name}: ${describe(match)} missed [${missed.join(', ')}] excess [${excess.join(', ')}]`
        )
    }
  }
  score.items.fp = unused.size
  for (const item of unused) score.extras.push(`${name}: ${describe(item)}`)
  return score
}

function scoreDate(score: Score, got: string | null, want: string | null | undefined): void {
  if (want === undefined) return
  const dates = score.dates
  dates.total++
  if (got === want) dates.exact++
  else if (want === null) dates.invented++
  else if (got !== null && swapped(want) === got) dates.swapped++
  else dates.missed++
}

/** A topic's counts in a score, made when first asked for. */
function countsOf(topics: Record<string, Counts>, topic: string): Counts {
  topics[topic] ??= { tp: 0, fp: 0, fn: 0 }
  return topics[topic]
}

function scoreTopics(score: Score, got: readonly string[], want: readonly string[]): void {
  for (const topic of new Set([...got, ...want])) {
    const c = countsOf(score.topics, topic)
    if (got.includes(topic) && want.includes(topic)) c.tp++
    else if (got.includes(topic)) c.fp++
    else c.fn++
  }
}

/** The sum of several scores. */
export function total(scores: readonly Score[]): Score {
  const out = emptyScore()
  for (const s of scores) {
    for (const k of ['tp', 'fp', 'fn'] as const) out.items[k] += s.items[k]
    for (const k of ['total', 'exact', 'swapped', 'invented', 'missed'] as const)
      out.dates[k] += s.dates[k]
    for (const k of ['lang', 'kind', 'clean'] as const) {
      out[k].total += s[k].total
      out[k].right += s[k].right
    }
    for (const [topic, c] of Object.entries(s.topics)) {
      const t = countsOf(out.topics, topic)
      t.tp += c.tp
      t.fp += c.fp
      t.fn += c.fn
    }
    out.misses.push(...s.misses)
    out.extras.push(...s.extras)
    out.topicMisses.push(...s.topicMisses)
  }
  return out
}

/** Precision, recall and F1 of counts (1 where nothing was to be found or claimed). */
export function prf({ tp, fp, fn }: Counts): { p: number; r: number; f1: number } {
  const p = tp + fp === 0 ? 1 : tp / (tp + fp)
  const r = tp + fn === 0 ? 1 : tp / (tp + fn)
  return { p, r, f1: p + r === 0 ? 0 : (2 * p * r) / (p + r) }
}

/** Micro-averaged counts over every topic. */
export function microTopics(score: Score): Counts {
  return Object.values(score.topics).reduce(
    (sum, c) => ({ tp: sum.tp + c.tp, fp: sum.fp + c.fp, fn: sum.fn + c.fn }),
    { tp: 0, fp: 0, fn: 0 }
  )
}

export type Half = 'development' | 'held-out'

/**
 * Which half a case belongs to, by its name alone, fixed before any tuning: the parity of the
 * last hex digit of its name's digest. Rules are tuned on the development half and only
 * measured on the held-out one; a rule that helps one and hurts the other is overfitting.
 */
export function halfOf(name: string): Half {
  return Number.parseInt(digest(name).slice(-1), 16) % 2 === 0 ? 'development' : 'held-out'
}
