/**
 * Navigation learned across pages. A sub-site prints its name and menu at the top or bottom of
 * every page it serves ("Coordination Council of the Heads of Authorized Bodies for Emergency
 * Situations", "About the Council", "Documents of the Council"); no configuration lists them all,
 * and on one page such a line reads like a headline. Across pages it gives itself away: the same
 * short line at the edge of several pages. A line standing at the edge of LEARNED_MIN_PAGES
 * pages is navigation there and wherever else it stands alone, and is dropped and reported
 * (`learned-boilerplate`) like the configured lines.
 */
import { type BoilerplateMatcher, lineKey } from './boilerplate'
import { parseDateLine } from './dates'
import { normalizeText } from './normalize'

/** How many lines at the top and at the bottom of a page make its edges. */
const EDGE_LINES = 6
/** A menu line is short: a sub-site's full name runs to a dozen words. */
const MAX_WORDS = 14
/** Pages a line must stand at the edge of: two pages may share a story, three a frame. */
export const LEARNED_MIN_PAGES = 3
const SENTENCE_END = /[.!?…]["»”’)]*$/u
const LETTER = /\p{L}/u
const DATE_IN_LINE = /\d{1,2}[./]\d{1,2}[./]\d{2,4}/

/**
 * Whether a line at a page's edge may be navigation: short, not a sentence, not a date, and not
 * the head of a story (a line followed by a date line or by a sentence is a title with its
 * teaser or article).
 */
function mayBeNavigation(line: string, next: string | undefined): boolean {
  return (
    LETTER.test(line) &&
    line.split(' ').length <= MAX_WORDS &&
    !SENTENCE_END.test(line) &&
    !DATE_IN_LINE.test(line) &&
    parseDateLine(line) === null &&
    (next === undefined ||
      (parseDateLine(next) === null && !SENTENCE_END.test(next) && !next.startsWith(line)))
  )
}

/**
 * The keys (`lineKey`) of the lines at a page's edges that may be navigation, configured
 * boilerplate left out: what the page counts toward learning.
 */
export function edgeLineKeys(text: string, isBoilerplate: BoilerplateMatcher): string[] {
  const lines = normalizeText(text)
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
  const edges = new Set<number>()
  for (let i = 0; i < Math.min(EDGE_LINES, lines.length); i++) {
    edges.add(i)
    edges.add(lines.length - 1 - i)
  }
  const keys = new Set<string>()
  for (const i of [...edges].sort((a, b) => a - b)) {
    const line = lines[i] as string
    if (!isBoilerplate(line) && mayBeNavigation(line, lines[i + 1])) keys.add(lineKey(line))
  }
  return [...keys]
}

/** The navigation a set of pages shows: the keys at the edge of LEARNED_MIN_PAGES of them. */
export function learnNavigation(
  pages: ReadonlyArray<{ text: string }>,
  isBoilerplate: BoilerplateMatcher
): Set<string> {
  const counts = new Map<string, number>()
  for (const page of pages)
    for (const key of edgeLineKeys(page.text, isBoilerplate))
      counts.set(key, (counts.get(key) ?? 0) + 1)
  return new Set([...counts].filter(([, n]) => n >= LEARNED_MIN_PAGES).map(([key]) => key))
}
