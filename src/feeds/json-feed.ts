/**
 * JSON Feed 1.1 (https://jsonfeed.org/version/1.1), written directly: the `feed` package (6.x)
 * writes version 1.0, with no `authors`, `language`, `hubs` or `next_url`. The wire types stay in
 * this file. Serialised compact: readers never look at the bytes, and browsers pretty-print.
 *
 * IPTC Media Topics go in an `_iptc` extension object (JSON Feed 1.1 "Extensions": a custom
 * object's name starts with `_`, readers that do not know it ignore it, and its `about` points to
 * documentation), per item and on a topic feed: `tags` are strings people read, with no room
 * for a scheme, so a code there would be noise to a person and ambiguous to a program. Its
 * `subjects` have the shape of IPTC's own ninjs 2.0 `subjects` (name, uri, literal QCode).
 */
import type { MediaTopic } from '../site'
import {
  type FeedHead,
  type FeedItem,
  type FormatWriter,
  mediaTopicNames,
  mediaTopicsOf,
} from './view'
import { cleanXmlText } from './xml'

type JsonFeedAuthor = { name: string; url: string }

type JsonFeedHub = { type: string; url: string }

/** ninjs 2.0 `subjects` item: the label, the concept URI and the QCode. */
type IptcSubject = { name: string; uri: string; literal: string }

/** Our `_iptc` extension object. */
type IptcExtension = { about: string; subjects: IptcSubject[] }

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
  _iptc?: IptcExtension
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
  _iptc?: IptcExtension
  items: JsonFeedItem[]
}

const VERSION = 'https://jsonfeed.org/version/1.1'
/** BCP 47 "undetermined": such an item gets no `language` of its own. */
const UNDETERMINED = 'und'
/** What the `_iptc` extension's codes are, for a person who meets it. */
const IPTC_ABOUT = 'https://iptc.org/standards/media-topics/'

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
    ...iptcOf(view.topic?.mediaTopics ?? []),
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
    ...iptcOf(mediaTopicsOf(item.tags)),
  }
}

/** The `_iptc` member for these Media Topics, or nothing when there are none. */
function iptcOf(topics: readonly MediaTopic[]): { _iptc?: IptcExtension } {
  if (topics.length === 0) return {}
  const subjects = topics.map((topic) => {
    const { qcode, uri } = mediaTopicNames(topic.code)
    return { name: topic.label, uri, literal: qcode }
  })
  return { _iptc: { about: IPTC_ABOUT, subjects } }
}
