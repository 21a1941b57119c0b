/**
 * Normalize raw page text into clean lines. The raw text itself stays untouched in storage;
 * this is the view every later stage reads.
 */

const BOM = /^\uFEFF/
/** CRLF, lone CR, NEL and the Unicode line and paragraph separators all end a line. */
const LINE_BREAKS = /\r\n?|[\u0085\u2028\u2029]/g
/** A surrogate half without its partner cannot be encoded as UTF-8; drop it. */
const LONE_SURROGATES = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g
/** A cheap scan first: most pages have no surrogate at all. */
const SURROGATE = /[\uD800-\uDFFF]/
/** Zero-width characters and the soft hyphen: invisible, and they split words for matching. */
const INVISIBLE = /[\u00AD\u200B-\u200D\u2060\uFEFF]/g
/** Tab, NBSP and the other odd spaces become a plain space. */
const ODD_SPACES = /[\t\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/g
/** C0 controls other than the newline, DEL and C1 controls: a space, so words never glue. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
const CONTROLS = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/g
const SPACE_RUNS = / {2,}/g

function dropLoneSurrogates(text: string): string {
  return SURROGATE.test(text) ? text.replace(LONE_SURROGATES, '') : text
}

/** Normalize one raw page: BOM, line breaks, NFC, odd spaces, invisible and control characters. */
export function normalizeText(raw: string): string {
  return dropLoneSurrogates(raw.replace(BOM, '').replace(LINE_BREAKS, '\n'))
    .normalize('NFC')
    .replace(INVISIBLE, '')
    .replace(ODD_SPACES, ' ')
    .replace(CONTROLS, ' ')
    .split('\n')
    .map((line) => line.replace(SPACE_RUNS, ' ').trim())
    .join('\n')
}
