/**
 * What a renderer needs for one feed document, with every URL absolute and every date an
 * instant. The same view renders as RSS 2.0, Atom 1.0 or JSON Feed 1.1: the renderers differ
 * only in wire format, never in what they say.
 */
import type { Lang } from '../model'
import type { MediaTopic } from '../site'

export type Format = 'rss' | 'atom' | 'json'

/** The formats, their file names under a feed's path and their content types. */
export const FORMATS: Record<Format, { file: string; contentType: string }> = {
  rss: { file: 'feed.xml', contentType: 'application/rss+xml; charset=utf-8' },
  atom: { file: 'atom.xml', contentType: 'application/atom+xml; charset=utf-8' },
  json: { file: 'feed.json', contentType: 'application/feed+json; charset=utf-8' },
}

/**
 * IPTC Media Topics as feeds name them: a code (`20000096`) extends the scheme URI, as RSS
 * `category/@domain` and Atom `category/@scheme` say, and the QCode is `medtop:` and the code.
 */
export const MEDIA_TOPIC_SCHEME = 'http://cv.iptc.org/newscodes/mediatopic/'
const MEDIA_TOPIC_ALIAS = 'medtop'

/** A Media Topic's QCode and URI, the two names JSON documents give it. */
export function mediaTopicNames(code: string): { qcode: string; uri: string } {
  return { qcode: `${MEDIA_TOPIC_ALIAS}:${code}`, uri: `${MEDIA_TOPIC_SCHEME}${code}` }
}

/** A topic as feeds tag items with it. */
export type FeedTag = {
  slug: string
  title: string
  /** The topic's page. */
  url: string
  /** Its IPTC Media Topics, with their labels. */
  mediaTopics: MediaTopic[]
}

export type FeedItem = {
  /** RFC 4151 tag URI from the item id: the RSS guid, Atom id and JSON Feed id. Never changes. */
  guid: string
  /** The item's permalink page. */
  url: string
  title: string
  summary: string
  contentText: string
  /** The text as HTML paragraphs, every character of the corpus escaped: text is data. */
  contentHtml: string
  /** ISO 8601 instant, or null when no page dates the item. */
  published: string | null
  /** ISO 8601 instant: `published`, else the event date, else the feed's `updated`. */
  updated: string
  lang: Lang
  tags: FeedTag[]
}

/** The Media Topics of an item's tags in tag order, each once (two topics may share a code). */
export function mediaTopicsOf(tags: readonly FeedTag[]): MediaTopic[] {
  const seen = new Set<string>()
  return tags
    .flatMap((tag) => tag.mediaTopics)
    .filter((topic) => !seen.has(topic.code) && seen.add(topic.code))
}

/** RFC 5005 links. A subscription feed has `prevArchive` (the newest archive) and no `current`. */
export type ArchiveLinks = {
  /** True for an archive document (RFC 5005 `fh:archive`). */
  isArchive: boolean
  /** The subscription document, from an archive (`rel="current"`). */
  current: string | null
  /** The next older archive (`prev-archive`); JSON Feed's `next_url`. */
  prevArchive: string | null
  /** The next newer archive (`next-archive`). */
  nextArchive: string | null
}

export type FeedHead = {
  /** Stable feed id (a tag URI); the Atom feed id. */
  id: string
  title: string
  description: string
  /** BCP 47 language of the feed (`en`); items carry their own. */
  language: string
  /** The HTML page this feed belongs to (the home page, or the topic's page). */
  homeUrl: string
  /** This document's own URL, in the format being rendered (the caller picks per format). */
  selfUrl: string
  /** This same feed in each format, for alternate links. */
  formatUrls: Record<Format, string>
  /** CSS that makes the feed read as a page in a browser (RSS and Atom), or null. */
  stylesheetUrl: string | null
  /** The script that makes its titles links and its dates local in a browser (RSS and Atom), or null. */
  viewScriptUrl: string | null
  /** WebSub hub, when configured. */
  hubUrl: string | null
  /** ISO 8601 instant of the newest item: never the clock, so the bytes depend only on the data. */
  updated: string
  /** Polling hint in minutes: RSS `ttl`, matching the Cache-Control max-age. */
  ttlMinutes: number
  author: { name: string; url: string }
  /** The topic of a topic feed, for feed-level categories. */
  topic: FeedTag | null
  archive: ArchiveLinks
}

/** A document: its head and its items, newest first. */
export type FeedView = FeedHead & { items: FeedItem[] }

/**
 * One format's writer: an item's entry, and the frame a document puts its head and entries in.
 * An entry's bytes depend on its item alone, so one entry serves every document the item is in.
 */
export type FormatWriter = {
  entry(item: FeedItem): string
  frame(head: FeedHead, entries: readonly string[]): Frame
}

/**
 * What a document is around its entries: `before`, the entries with `separator` between them,
 * `after`. Kept apart, a document rendered again can tell which runs of entries it shares with
 * its last version (store/gzip.ts compresses those once).
 */
export type Frame = { before: string; separator: string; after: string }

/** A document's text from its frame and entries. */
export function framed(frame: Frame, entries: readonly string[]): string {
  return `${frame.before}${entries.join(frame.separator)}${frame.after}`
}
