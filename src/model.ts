/**
 * The nouns that cross folders: what the pipeline takes in and what it hands to feeds and storage.
 * Dates are `YYYY-MM-DD` strings or null; languages are 'en' | 'ru' | 'und'; topics are slugs.
 */

/** A raw page as stored: the text exactly as received, named for reports and `sources`. */
export type RawDoc = {
  name: string
  text: string
  url?: string
}

export type Lang = 'en' | 'ru' | 'und'

/**
 * Where an item's publication date came from. Only page date lines count as publication
 * evidence; a date in the prose is the event date and never becomes `published`.
 * - `teaser-date-line`: a date line right before a teaser (`07.07.2025`)
 * - `article-title`: the date after the repeated title (`Title 03.06.2024`)
 * - `article-date-line`: a lone date line after the title
 * - `none`: no page gives a date for this item
 */
export type DateSource = 'teaser-date-line' | 'article-title' | 'article-date-line' | 'none'

export type ItemKind = 'article' | 'teaser'

/** The same text in the other language, when a page carries both (a Russian paragraph and its English twin). */
export type Alternate = { lang: Lang; title: string | null; text: string }

/** One news item after merging across pages: what feeds publish and `extract` prints. */
export type Item = {
  id: string
  kind: ItemKind
  title: string
  /** `page`: the page's own title; `lead`: made from the first sentence (teasers have none). */
  titleSource: 'page' | 'lead'
  published: string | null
  dateSource: DateSource
  eventDate: string | null
  eventEndDate: string | null
  lang: Lang
  topics: string[]
  summary: string
  contentText: string
  alternate: Alternate | null
  /** Names of the raw documents that carried this item, sorted. */
  sources: string[]
}

/** An item as a list shows it (the home and topic pages, the embed): no body, no sources. */
export type ListedItem = Pick<Item, 'id' | 'title' | 'summary' | 'published' | 'eventDate'>

/** Something the pipeline noticed and did not publish: a dropped line, a page with no items. */
export type Warning = { source: string; kind: string; detail: string }
