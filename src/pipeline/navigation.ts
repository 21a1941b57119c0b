/**
 * Navigation learned across pages. A sub-site prints its name and menu at the top or bottom of
 * every page it serves ("Coordination Council of the Heads of Authorized Bodies for Emergency
 * Situations", "About the Council", "Documents of the Council"); no configuration lists them all,
 * and on one page such a line reads like a headline. Across pages it gives itself away: the same
 * short line in the frame of several pages, before their first content or after their last. A
 * line in the frame of LEARNED_MIN_PAGES pages is navigation there and wherever else it stands
 * alone, and is dropped and reported (`learned-boilerplate`) like the configured lines.
 */
import { type BoilerplateMatcher, lineKey } from './boilerplate'
import { parseDateLine } from './dates'
import { normalizeText } from './normalize'

/** The most lines a page's frame holds at its top and at its bottom. */
const EDGE_LINES = 6
/** A menu line is short: a sub-site's full name runs to a dozen words. */
const MAX_WORDS = 14
/** Pages a line must stand at the edge of: two pages may share a story, three a frame. */
export const LEARNED_MIN_PAGES = 3
const SENTENCE_END = /[.!?…]["»”’)]*$/u
const LETTER = /\p{L}/u
const DATE_IN_LINE = /\d{1,2}[./]\d{1,2}[./]\d{2,4}/

/** Whether a line is content: a sentence, a date, or too long for a menu. Content ends a frame. */
function isContent(line: string): boolean {
  return (
    SENTENCE_END.test(line) ||
    DATE_IN_LINE.test(line) ||
    parseDateLine(line) !== null ||
    line.split(' ').length > MAX_WORDS
  )
}

/** Any line break `normalizeText` knows. */
const RAW_LINE_BREAK = /\r\n?|[\n\u0085\u2028\u2029]/

/** The first `count` non-empty lines of `raw`, normalized: only those (a page is extracted apart). */
function firstLines(raw: readonly string[], count: number): string[] {
  const lines: string[] = []
  for (let i = 0; i < raw.length && lines.length < count; i++) {
    const line = normalizeText(raw[i] as string)
    if (line !== '') lines.push(line)
  }
  return lines
}

/**
 * The keys (`lineKey`) of the lines that may be a page's navigation: those of its frame, before
 * its first content and after its last (at most EDGE_LINES each), that hold a letter, are not
 * configured boilerplate, and do not head a story (a line over a date line or over its own
 * repetition with a date is a title). What the page counts toward learning.
 */
export function edgeLineKeys(text: string, isBoilerplate: BoilerplateMatcher): string[] {
  const raw = text.split(RAW_LINE_BREAK)
  // One line past the frame: it tells whether the frame's last line heads a story.
  const top = firstLines(raw, EDGE_LINES + 1)
  const bottom = firstLines(raw.reverse(), EDGE_LINES).reverse()
  const keys = new Set<string>()
  const consider = (line: string, next: string | undefined) => {
    const headsStory = next !== undefined && (parseDateLine(next) !== null || next.startsWith(line))
    if (LETTER.test(line) && !isBoilerplate(line) && !headsStory) keys.add(lineKey(line))
  }
  for (let i = 0; i < Math.min(EDGE_LINES, top.length) && !isContent(top[i] as string); i++)
    consider(top[i] as string, top[i + 1])
  for (let i = bottom.length - 1; i >= 0 && !isContent(bottom[i] as string); i--)
    consider(bottom[i] as string, bottom[i + 1])
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
