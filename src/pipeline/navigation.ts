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
/** No learned navigation: a page extracted alone, or before any page taught a frame. */
export const NO_NAVIGATION: ReadonlySet<string> = new Set()
/** Pages a line must stand at the edge of: two pages may share a story, three a frame. */
export const LEARNED_MIN_PAGES = 3
const SENTENCE_END = /[.!?…]["»”’)]*$/u
const LETTER = /\p{L}/u
const DATE_IN_LINE = /\d{1,2}[./]\d{1,2}[./]\d{2,4}/

/** Longer than a menu line of MAX_WORDS words: content, and not normalized to find out. */
const MAX_FRAME_CHARS = 300

/** Whether a line is content: a sentence, a date, or too long for a menu. Content ends a frame. */
function isContent(line: string): boolean {
  return (
    line.length > MAX_FRAME_CHARS ||
    SENTENCE_END.test(line) ||
    DATE_IN_LINE.test(line) ||
    parseDateLine(line) !== null ||
    line.split(' ').length > MAX_WORDS
  )
}

/** Any line break `normalizeText` knows (a CR of a CRLF reads as a break of its own: an empty line). */
const isBreak = (code: number) =>
  code === 0x0a || code === 0x0d || code === 0x85 || code === 0x2028 || code === 0x2029

/** A raw line as the frame reads it: normalized, unless so long that it is content anyway. */
const frameLine = (raw: string) => (raw.length > MAX_FRAME_CHARS ? raw : normalizeText(raw))

/**
 * The first (or, `fromEnd`, the last) `count` non-empty lines of a page, normalized, in page
 * order, up to the first content line (included: it tells whether the line before it heads a
 * story). Only those are read: the rest of the page is extracted apart, and a frame is small.
 */
function edgeLines(text: string, count: number, fromEnd: boolean): string[] {
  const lines: string[] = []
  let at = fromEnd ? text.length : 0
  while (lines.length < count && (fromEnd ? at > 0 : at < text.length)) {
    let end = at
    if (fromEnd) {
      while (at > 0 && !isBreak(text.charCodeAt(at - 1))) at--
      const line = frameLine(text.slice(at, end))
      if (line !== '') lines.unshift(line)
      if (line !== '' && isContent(line)) break
      at--
    } else {
      while (end < text.length && !isBreak(text.charCodeAt(end))) end++
      const line = frameLine(text.slice(at, end))
      if (line !== '') lines.push(line)
      if (line !== '' && isContent(line)) break
      at = end + 1
    }
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
  // One line past the frame: it tells whether the frame's last line heads a story.
  const top = edgeLines(text, EDGE_LINES + 1, false)
  const bottom = edgeLines(text, EDGE_LINES, true)
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

/**
 * Whether a line is navigation learned across pages. Only a line that could stand in a frame is
 * looked up: most lines are paragraphs, and their keys are never learned.
 */
export function isLearnedLine(learned: ReadonlySet<string>, line: string): boolean {
  return learned.size > 0 && line.length <= MAX_FRAME_CHARS && learned.has(lineKey(line))
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
