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

/** What a line may end with and still be the configured line: spaces and punctuation. */
const TRAILING = new Set([...' \t.:;,!>»→'].map((c) => c.charCodeAt(0)))
/** A line with no letter and no digit (`***`, `|`, `•`) carries no text. */
const NO_TEXT = /^[^\p{L}\p{N}]*$/u
/** Trailing punctuation a configured line may carry (`Go back >>>`); a longer line is prose. */
const TRAILING_SLACK = 20

/** A line as the rules compare it: lower-cased, trailing punctuation and spaces trimmed. */
export function lineKey(line: string): string {
  // A loop, not a regex: `[…]+$` is tried from every position of a long line.
  let end = line.length
  while (end > 0 && TRAILING.has(line.charCodeAt(end - 1))) end--
  return line.slice(0, end).trim().toLowerCase()
}

/**
 * Matchers by the rules they were compiled from: the rules are configuration, parsed once, and
 * every page that arrives and every extract step asks for them.
 */
const COMPILED = new WeakMap<BoilerplateRules, BoilerplateMatcher>()

/** Compiles the rules once (the same rules object gives the same matcher); the matcher says whether a line is boilerplate. */
export function compileBoilerplate(rules: BoilerplateRules): BoilerplateMatcher {
  const known = COMPILED.get(rules)
  if (known) return known
  const matcher = compileRules(rules)
  COMPILED.set(rules, matcher)
  return matcher
}

function compileRules(rules: BoilerplateRules): BoilerplateMatcher {
  const lines = new Set(rules.lines.map(lineKey))
  const longest = Math.max(0, ...[...lines].map((l) => l.length)) + TRAILING_SLACK
  const patterns = rules.patterns.map((p) => new RegExp(`^(?:${p})$`, 'iu'))
  return (line) =>
    NO_TEXT.test(line) ||
    (line.length <= longest && lines.has(lineKey(line))) ||
    patterns.some((re) => re.test(line))
}
