/**
 * What a line looks like on its own: a title, or a heading of the site's navigation. Both
 * segmentation (where an article starts) and the boundary model (where a teaser starts) ask.
 */
import { parseDateLine } from './dates'

const TITLE_MAX_CHARS = 250
const TITLE_MAX_WORDS = 40
/** Titles start like a sentence; body lines such as "of the Council of …" do not. */
const TITLE_START = /^[\p{Lu}\p{N}"«“„'(]/u
/** A line ending like this is prose, a salutation or a list item, not a title. */
const PROSE_END = /[.,;:!]$/
const DATE_END = /\d{1,2}[./]\d{1,2}[./]\d{2,4}(?:\s+\d{1,2}:\d{2})?$/
/**
 * A headline names an event ("The CSTO Secretary General met with …", "Meeting of the Military
 * Committee"); a section's name ("News", "Joint Staff", "Все события") is shorter.
 */
const HEADING_MAX_WORDS = 4
/** Four words of any length these sites use: a cheap bound tested first. */
const HEADING_MAX_CHARS = 80

/** Whether a line reads as a title: short, starts like a sentence, no closing punctuation. */
export function isTitleLike(text: string): boolean {
  // The cheap tests first: most lines are prose and fail at the end mark.
  return (
    text.length >= 10 &&
    text.length <= TITLE_MAX_CHARS &&
    !PROSE_END.test(text) &&
    TITLE_START.test(text) &&
    // A line ending in a date is a date line, a caption or a download line, never a bare title.
    !DATE_END.test(text) &&
    text.split(' ').length <= TITLE_MAX_WORDS &&
    parseDateLine(text) === null
  )
}

/**
 * Whether a line reads as the name of a section: a few words starting with a capital, no
 * closing punctuation, no figure. A news item of four words does not exist on these sites.
 */
export function isHeadingLike(text: string): boolean {
  return (
    text.length <= HEADING_MAX_CHARS &&
    !PROSE_END.test(text) &&
    TITLE_START.test(text) &&
    !/\p{N}/u.test(text) &&
    text.split(' ').length <= HEADING_MAX_WORDS
  )
}
