/**
 * Boilerplate: navigation, signature and credit lines that are never news. Which lines those
 * are is site data (`content/site.json`); this module only interprets it.
 */

/** As written in the site configuration. */
export type BoilerplateRules = {
  /** Whole lines, compared case-insensitively, ignoring trailing punctuation. */
  lines: string[]
  /** Regular expressions (case-insensitive) that a whole line must match. */
  patterns: string[]
}

export type BoilerplateMatcher = (line: string) => boolean

const TRAILING_PUNCTUATION = /[\s.:;,!>»→]+$/u
/** A line with no letter and no digit (`***`, `|`, `•`) carries no text. */
const NO_TEXT = /^[^\p{L}\p{N}]*$/u

/** A line as the rules compare it: lower-cased, trailing punctuation and spaces trimmed. */
export function lineKey(line: string): string {
  return line.replace(TRAILING_PUNCTUATION, '').trim().toLowerCase()
}

/** Compiles the rules once; the matcher says whether a line is boilerplate. */
export function compileBoilerplate(rules: BoilerplateRules): BoilerplateMatcher {
  const lines = new Set(rules.lines.map(lineKey))
  const patterns = rules.patterns.map((p) => new RegExp(`^(?:${p})$`, 'iu'))
  return (line) =>
    NO_TEXT.test(line) || lines.has(lineKey(line)) || patterns.some((re) => re.test(line))
}
