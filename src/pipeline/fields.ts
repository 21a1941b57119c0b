/**
 * From a segment of one page to a page item: title, summary, dates, language, text.
 */
import type { Item } from '../model'
import { findEventDate } from './dates'
import { separateTranslations } from './language'
import type { Segment } from './segment'
import { cutAtSentence, cutAtWord, splitSentences } from './sentences'

/** An item as one page shows it, before merging across pages. */
export type PageItem = Omit<Item, 'id' | 'topics' | 'contentText' | 'sources'> & {
  /** The item's text in its own language, paragraph by paragraph. */
  paragraphs: string[]
  /** The page it was found on. */
  source: string
}

export const TITLE_MAX = 120
export const SUMMARY_MAX = 300
/** Salutations open speeches ("Dear Chairman,"); a summary starts after them. */
const SALUTATION = /^(dear|ladies|уважаем|дорог)\S*\b.{0,80}[,!:]$/iu

/** The paragraphs a summary may start from: the first that is not a salutation. */
export function leadParagraphs(paragraphs: readonly string[]): string[] {
  const first = paragraphs.findIndex((p) => !SALUTATION.test(p))
  return first === -1 ? [...paragraphs] : paragraphs.slice(first)
}

/** Summary: the lead's sentences up to about 300 characters; paragraph ends are sentence ends. */
export function summarize(paragraphs: readonly string[]): string {
  return cutAtSentence(leadParagraphs(paragraphs).flatMap(splitSentences), SUMMARY_MAX)
}

/** A title for a teaser that has none: its first sentence, cut at a word. */
export function titleFromLead(paragraphs: readonly string[]): string {
  return cutAtWord(splitSentences(leadParagraphs(paragraphs)[0] ?? '')[0] ?? '', TITLE_MAX)
}

/** Builds the page item of one segment of the page named `source`. */
export function toPageItem(segment: Segment, source: string): PageItem {
  const { lang, text, alternate } = separateTranslations(segment.paragraphs)
  const title = segment.title ?? titleFromLead(text)
  const lead = [segment.title ?? '', leadParagraphs(text)[0] ?? ''].join('\n')
  const event = findEventDate(lead, segment.published, [title, ...text].join('\n'))
  const hasAlternate = alternate.length > 0 || segment.altTitle !== null
  return {
    kind: segment.kind,
    title,
    titleSource: segment.title ? 'page' : 'lead',
    published: segment.published,
    dateSource: segment.dateSource,
    eventDate: event?.start ?? null,
    eventEndDate: event?.end ?? null,
    lang,
    summary: summarize(text),
    paragraphs: text,
    alternate: hasAlternate
      ? { lang: lang === 'ru' ? 'en' : 'ru', title: segment.altTitle, text: alternate.join('\n\n') }
      : null,
    source,
  }
}
