/**
 * Language per paragraph, English or Russian, from the share of Cyrillic letters. For a site in
 * two languages an open-set detector is a liability: on 158 lines (those of the corpus pages and
 * short ones such as "Go back"), franc choosing among all its languages gets 87 % right and calls
 * "Dear Chairman," Quechua, while the share of Cyrillic letters gets every one.
 */
import type { Lang } from '../model'

const DIGIT_RUN = /\d+/g

/** Letters and Cyrillic letters in a text, by a scan of its code units (no regex allocations). */
function letterCounts(text: string): { letters: number; cyrillic: number } {
  let letters = 0
  let cyrillic = 0
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code >= 0x0400 && code <= 0x052f) {
      letters++
      cyrillic++
    } else if ((code | 0x20) >= 0x61 && (code | 0x20) <= 0x7a) letters++
    else if (code >= 0xc0) {
      const ch = text.charAt(i)
      if (ch.toLowerCase() !== ch.toUpperCase()) letters++
    }
  }
  return { letters, cyrillic }
}

function langOf({ letters, cyrillic }: { letters: number; cyrillic: number }): Lang {
  if (letters === 0) return 'und'
  return cyrillic / letters >= 0.5 ? 'ru' : 'en'
}

/** 'ru' when most letters are Cyrillic, 'en' when most are not, 'und' without letters. */
export function detectLang(text: string): Lang {
  return langOf(letterCounts(text))
}

/** The language with the most letters across the paragraphs. */
export function dominantLang(paragraphs: readonly string[]): Lang {
  let ru = 0
  let en = 0
  for (const p of paragraphs) {
    const counts = letterCounts(p)
    if (langOf(counts) === 'ru') ru += counts.letters
    else en += counts.letters
  }
  if (ru + en === 0) return 'und'
  return ru > en ? 'ru' : 'en'
}

function numbersOf(text: string): string {
  return [...new Set(text.match(DIGIT_RUN) ?? [])].sort().join(',')
}

/**
 * Whether two adjacent paragraphs in different languages are translations of each other:
 * lengths within the ratio of a translation (Gale & Church: a text's length predicts its
 * translation's) and the same numbers in both.
 */
export function isTranslationPair(a: string, b: string): boolean {
  const la = detectLang(a)
  const lb = detectLang(b)
  if (la === 'und' || lb === 'und' || la === lb) return false
  const ratio = a.length / b.length
  return ratio >= 0.6 && ratio <= 1.65 && numbersOf(a) === numbersOf(b)
}

/**
 * Splits paragraphs into the item's text (its language) and the alternate (the other language
 * of translation pairs). A paragraph in the other language without a twin stays in the text:
 * nothing is lost.
 */
export function separateTranslations(paragraphs: readonly string[]): {
  lang: Lang
  text: string[]
  alternate: string[]
} {
  const lang = dominantLang(paragraphs)
  const text: string[] = []
  const alternate: string[] = []
  for (let i = 0; i < paragraphs.length; i++) {
    const p = paragraphs[i] ?? ''
    const isForeign = detectLang(p) !== lang && detectLang(p) !== 'und'
    const twin =
      isForeign &&
      [paragraphs[i + 1], paragraphs[i - 1]].some(
        (q) => q !== undefined && detectLang(q) === lang && isTranslationPair(p, q)
      )
    if (twin) alternate.push(p)
    else text.push(p)
  }
  return { lang, text, alternate }
}
