/**
 * JSON Feed 1.1 (https://jsonfeed.org/version/1.1), written directly: `feed` writes 1.0, with no
 * `authors`, `language`, `hubs` or `next_url` (notes/feed-package.md #1). The wire types stay in
 * this file. Serialised compact: readers never look at the bytes, and browsers pretty-print.
 */
import type { FeedHead, FeedItem, FormatWriter } from './view'
import { cleanXmlText } from './xml'

type JsonFeedAuthor = { name: string; url: string }

type JsonFeedHub = { type: string; url: string }

type JsonFeedItem = {
  id: string
  url: string
  title: string
  summary?: string
  content_html: string
  content_text: string
  date_published?: string
  date_modified: string
  tags?: string[]
  language?: string
}

type JsonFeed = {
  version: string
  title: string
  home_page_url: string
  feed_url: string
  description?: string
  language: string
  authors: JsonFeedAuthor[]
  hubs?: JsonFeedHub[]
  next_url?: string
  items: JsonFeedItem[]
}

const VERSION = 'https://jsonfeed.org/version/1.1'
/** BCP 47 "undetermined": such an item gets no `language` of its own. */
const UNDETERMINED = 'und'

/** The view as a JSON Feed 1.1 document; the bytes depend only on the view. */
/** The compact JSON that ends every feed without items, whose place the entries take. */
const NO_ITEMS_END = '"items":[]}'

export const jsonFeedWriter: FormatWriter = {
  entry: (item) => JSON.stringify(toJsonFeedItem(item), cleanStrings),
  frame(head) {
    const json = JSON.stringify(toJsonFeed(head), cleanStrings)
    if (!json.endsWith(NO_ITEMS_END)) throw new Error('json feed: items are not the last member')
    return {
      before: `${json.slice(0, -NO_ITEMS_END.length)}"items":[`,
      separator: ',',
      after: ']}',
    }
  },
}

/**
 * JSON could carry U+0001 or U+FFFE, but the XML formats must drop them, and the three formats
 * of one view say the same thing (view.ts): so the same characters go here too.
 */
function cleanStrings(_key: string, value: unknown): unknown {
  return typeof value === 'string' ? cleanXmlText(value) : value
}

function toJsonFeed(view: FeedHead): JsonFeed {
  return {
    version: VERSION,
    title: view.title,
    home_page_url: view.homeUrl,
    feed_url: view.selfUrl,
    ...(view.description ? { description: view.description } : {}),
    language: view.language,
    authors: [{ name: view.author.name, url: view.author.url }],
    ...(view.hubUrl ? { hubs: [{ type: 'WebSub', url: view.hubUrl }] } : {}),
    // JSON Feed pages towards older items: `next_url` is RFC 5005's prev-archive.
    ...(view.archive.prevArchive ? { next_url: view.archive.prevArchive } : {}),
    items: [],
  }
}

/** Tags are topic titles, what a reader shows; the slugs live in the Atom category terms. */
function toJsonFeedItem(item: FeedItem): JsonFeedItem {
  return {
    id: item.guid,
    url: item.url,
    title: item.title,
    ...(item.summary ? { summary: item.summary } : {}),
    content_html: item.contentHtml,
    content_text: item.contentText,
    ...(item.published ? { date_published: item.published } : {}),
    date_modified: item.updated,
    ...(item.tags.length > 0 ? { tags: item.tags.map((tag) => tag.title) } : {}),
    ...(item.lang === UNDETERMINED ? {} : { language: item.lang }),
  }
}
