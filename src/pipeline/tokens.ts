/**
 * Word tokens: the unit of every comparison (duplicates, identity, topics), so that
 * whitespace, punctuation, quotes and case never make two texts differ. What a word is is said
 * here only.
 */

/** A word: a run of letters and digits, in any script. */
const WORD = /[\p{L}\p{N}]+/gu

/** Lower-cased words of a text, in order. */
export function wordsOf(text: string): string[] {
  return text.toLowerCase().match(WORD) ?? []
}

/** The words of a text as written (case kept), in order: what case-sensitive terms are matched on. */
export function writtenWordsOf(text: string): string[] {
  return text.match(WORD) ?? []
}

/** The text reduced to its words: equal for texts that differ only in spacing, case or punctuation. */
export function textKey(text: string): string {
  return wordsOf(text).join(' ')
}
