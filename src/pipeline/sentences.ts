/**
 * Sentences and cuts at word boundaries, for titles made from a lead and for summaries.
 * Extractive only: every piece returned is a substring of the text, except the ellipsis
 * that marks a cut.
 */

/** Words after which a period does not end a sentence: titles, initials are handled apart. */
const ABBREVIATIONS = new Set([
  'mr',
  'mrs',
  'ms',
  'dr',
  'st',
  'no',
  'nos',
  'gen',
  'col',
  'lt',
  'maj',
  'capt',
  'jr',
  'sr',
  'prof',
  'vs',
  'etc',
  'e.g',
  'i.e',
  'approx',
  'dept',
  'art',
  'para',
  'fig',
  'vol',
  'г',
  'гг',
  'т',
  'т.е',
  'т.д',
  'т.п',
  'им',
  'ул',
  'д',
  'стр',
  'см',
  'напр',
])
/** A candidate boundary: closing punctuation, optional closing quotes, space, then a new sentence. */
const BOUNDARY = /[.!?…]+["»”’)]*\s+(?=["«“„(]?[\p{Lu}\p{N}—–-])/gu
const ELLIPSIS = '…'

/** Splits one paragraph into sentences, not at abbreviations or initials ("R. Otunbaeva"). */
export function splitSentences(paragraph: string): string[] {
  const sentences: string[] = []
  let start = 0
  for (const m of paragraph.matchAll(BOUNDARY)) {
    const end = m.index ?? 0
    // The word before the boundary, found backwards from it: no rescan from the sentence start.
    const wordStart = Math.max(start, paragraph.lastIndexOf(' ', end - 1) + 1)
    const lastWord = paragraph.slice(wordStart, end).toLowerCase()
    const isInitial = end - wordStart === 1 && /^\p{Lu}$/u.test(paragraph.charAt(end - 1))
    if (m[0].startsWith('.') && (ABBREVIATIONS.has(lastWord) || isInitial)) continue
    sentences.push(paragraph.slice(start, end + m[0].trimEnd().length).trim())
    start = (m.index ?? 0) + m[0].length
  }
  const rest = paragraph.slice(start).trim()
  if (rest) sentences.push(rest)
  return sentences
}

/** The text cut at the last word boundary within `max` characters, with an ellipsis if cut. */
export function cutAtWord(text: string, max: number): string {
  if (text.length <= max) return text
  const slice = text.slice(0, max - 1)
  const space = slice.lastIndexOf(' ')
  const cut = (space > max / 2 ? slice.slice(0, space) : slice).replace(/[\s,;:–—-]+$/u, '')
  return cut + ELLIPSIS
}

/** As many whole sentences as fit in `max` characters; a first sentence too long is cut at a word. */
export function cutAtSentence(sentences: readonly string[], max: number): string {
  let out = ''
  for (const sentence of sentences) {
    const next = out ? `${out} ${sentence}` : sentence
    if (next.length > max) break
    out = next
  }
  return out || cutAtWord(sentences[0] ?? '', max)
}
