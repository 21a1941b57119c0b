/**
 * Every document the site serves, rendered from the items: for the whole corpus and for each
 * topic, a subscription feed and its archives (by year, quarter or month: archives.ts) in RSS,
 * Atom and JSON Feed, and the OPML.
 * Pure: the same items and settings give the same bytes.
 */
import type { Item } from '../model'
import { digest } from '../pipeline/fingerprint'
import type { SiteConfig, Topic } from '../site'
import type { CacheClass } from '../store/builds'
import { atomWriter } from './atom'
import { textToHtml } from './html'
import { jsonFeedWriter } from './json-feed'
import { renderOpml } from './opml'
import { rssWriter } from './rss'
import { feedDateOf } from './select'
import { toInstant } from './time'
import {
  type FeedHead,
  type FeedItem,
  type FeedTag,
  type FeedView,
  FORMATS,
  type Format,
  type FormatWriter,
  type Frame,
  framed,
} from './view'

export { FORMATS, type Format, type Frame, framed } from './view'

/** What differs between deployments, not sites: where the feeds live and the hub. */
export type Place = { baseUrl: string; hubUrl: string | null }

export type RenderedDoc = {
  path: string
  body: string
  contentType: string
  cache: CacheClass
  /** A subscription feed: the documents a WebSub hub is told about. */
  subscription: boolean
  /** A feed document as its frame and entries: what lets it reuse runs of its last version. */
  parts?: DocParts
}

/**
 * A feed document's frame and its entries in order, each with its item's id and the digest of
 * its bytes (kept with it: a document rendered again knows which entries it shares with its last
 * version without hashing them again). `sources` is empty for a document rendered on request,
 * which is never stored.
 */
export type DocParts = {
  frame: Frame
  entries: readonly string[]
  ids: readonly string[]
  sources: readonly string[]
}

/** One logical feed: everything, or one topic. */
export type FeedSpec = { topic: Topic | null }

const FORMAT_LIST = Object.keys(FORMATS) as Format[]
const EPOCH = '1970-01-01T00:00:00.000Z'

/** The path of a feed document: `/feed.xml`, `/topics/ai/atom.xml`, `/archive/2024-06/feed.json`. */
/** The page for people of a feed: `/` for every item, `/topics/<slug>` for a topic's. */
export function pagePath(topic: { slug: string } | null | undefined): string {
  return topic ? `/topics/${topic.slug}` : '/'
}

export function feedPath(spec: FeedSpec, format: Format, bucket: string | null = null): string {
  const topic = spec.topic ? pagePath(spec.topic) : ''
  const archive = bucket ? `/archive/${bucket}` : ''
  return `${topic}${archive}/${FORMATS[format].file}`
}

/**
 * A feed's title, the one name it has everywhere: in each format, the OPML, autodiscovery links
 * and our pages (`CSTO News: Drug trafficking`; the feed of every item: the site's title).
 */
export function feedTitle(
  site: Pick<SiteConfig, 'name' | 'title'>,
  topic: Pick<Topic, 'title'> | null
): string {
  return topic ? `${site.name}: ${topic.title}` : site.title
}

export function feedSpecs(topics: readonly Topic[]): FeedSpec[] {
  return [{ topic: null }, ...topics.map((topic) => ({ topic }))]
}

/**
 * What every document of one build is rendered with: the site, its topics, where links point,
 * and, where known, the day an item was first published here (`YYYY-MM-DD`): the `updated` of
 * an item no page dates, which then never changes. A document's `updated` is its newest entry's,
 * so documents depend on their own items only.
 */
export type RenderContext = {
  site: SiteConfig
  topics: readonly Topic[]
  place: Place
  firstSeen?: (id: string) => string | null
  /** Entries written before, to reuse: the incremental build keeps them between builds. */
  entries?: EntryStore
}

/**
 * Where entries are kept between documents: each by item id and format, with the hash of the
 * item it was written from (a changed item is written again) and the digest of its bytes. Valid
 * for one render context; its keeper empties it when the context changes.
 */
export type EntryStore = {
  entries(ids: readonly string[], format: Format): Map<string, Omit<KeptEntry, 'id'>>
  putEntries(format: Format, entries: ReadonlyArray<KeptEntry>): void
}

export type KeptEntry = { id: string; hash: string; body: string; digest: string }

/** The hash an entry is kept under, once per item object: documents sharing items share them. */
const ITEM_HASHES = new WeakMap<Item, string>()

const WRITERS: Record<Format, FormatWriter> = {
  rss: rssWriter,
  atom: atomWriter,
  json: jsonFeedWriter,
}

/** Builds views and renders. */
class Renderer {
  private readonly tags: Map<string, FeedTag>
  private readonly site: SiteConfig
  private readonly place: Place
  private readonly firstSeen: (id: string) => string | null
  private readonly store: EntryStore | undefined

  constructor(context: RenderContext) {
    this.site = context.site
    this.place = context.place
    this.firstSeen = context.firstSeen ?? (() => null)
    this.store = context.entries
    this.tags = new Map(context.topics.map((t) => [t.slug, this.tagOf(t)]))
  }

  /** The day that stands for an item's time: its feed date, else the day it was first seen. */
  private dayOf(item: Item): string | null {
    if (!this.days.has(item)) this.days.set(item, feedDateOf(item) ?? this.firstSeen(item.id))
    return this.days.get(item) ?? null
  }

  /** Each item's day, looked up once: the three formats of a document ask for it again and again. */
  private readonly days = new Map<Item, string | null>()

  private url(path: string): string {
    return `${this.place.baseUrl}${path}`
  }

  private tagOf(topic: Topic): FeedTag {
    return {
      slug: topic.slug,
      title: topic.title,
      url: this.url(pagePath(topic)),
      mediaTopics: topic.mediaTopics,
    }
  }

  /** Feed items made once per renderer: the three formats of a document share them. */
  private readonly made = new Map<Item, FeedItem>()

  private feedItem(item: Item, documentUpdated: string): FeedItem {
    const hit = this.made.get(item)
    if (hit && (hit.updated === documentUpdated || this.dayOf(item) !== null)) return hit
    const made = this.makeFeedItem(item, documentUpdated)
    this.made.set(item, made)
    return made
  }

  private makeFeedItem(item: Item, documentUpdated: string): FeedItem {
    const published = item.published ? toInstant(item.published, this.site.timeZone) : null
    const dated = this.dayOf(item)
    return {
      guid: `tag:${this.site.tagAuthority}:item/${item.id}`,
      url: this.url(`/items/${item.id}`),
      title: item.title,
      summary: item.summary,
      contentText: item.contentText,
      contentHtml: textToHtml(item.contentText),
      published,
      updated: dated ? toInstant(dated, this.site.timeZone) : documentUpdated,
      lang: item.lang,
      tags: item.topics.flatMap((slug) => this.tags.get(slug) ?? []),
    }
  }

  /** The `updated` of a document: its newest entry's day, never the clock. */
  updatedOf(items: readonly Item[]): string {
    const newest = items.reduce<string | null>((max, item) => {
      const day = this.dayOf(item)
      return day !== null && (max === null || day > max) ? day : max
    }, null)
    return newest ? toInstant(newest, this.site.timeZone) : EPOCH
  }

  /**
   * The entries of `items` in one format, and the digest of each: kept ones whose item is
   * unchanged, the others written (and kept).
   */
  entries(
    format: Format,
    items: readonly Item[],
    updated: string
  ): { bodies: string[]; sources: string[] } {
    const writer = WRITERS[format]
    const write = (item: Item) => writer.entry(this.feedItem(item, updated))
    const store = this.store
    // Rendered on request, never stored: nothing to keep or reuse.
    if (!store) return { bodies: items.map(write), sources: [] }
    const kept = store.entries(
      items.map((i) => i.id),
      format
    )
    const written: KeptEntry[] = []
    const sources: string[] = []
    const bodies = items.map((item) => {
      // An entry dated by its document's `updated` depends on the document: never kept.
      if (this.dayOf(item) === null) {
        const body = write(item)
        sources.push(digest(body))
        return body
      }
      const hash = this.hashOf(item)
      const hit = kept.get(item.id)
      if (hit?.hash === hash) {
        sources.push(hit.digest)
        return hit.body
      }
      const body = write(item)
      const entry = { id: item.id, hash, body, digest: digest(body) }
      written.push(entry)
      sources.push(entry.digest)
      return body
    })
    store.putEntries(format, written)
    return { bodies, sources }
  }

  /** The hash an item's entries are kept under. */
  private hashOf(item: Item): string {
    let hash = ITEM_HASHES.get(item)
    if (hash === undefined) {
      hash = digest(JSON.stringify(item))
      ITEM_HASHES.set(item, hash)
    }
    return hash
  }

  /** The head of one document of a feed; `links` are the archive buckets around it. */
  head(
    spec: FeedSpec,
    format: Format,
    updated: string,
    bucket: string | null,
    links: { prev: string | null; next: string | null },
    selfPath?: string
  ): FeedHead {
    const topic = spec.topic
    const archiveUrl = (b: string | null) => (b ? this.url(feedPath(spec, format, b)) : null)
    return {
      id: `tag:${this.site.tagAuthority}:feed${topic ? pagePath(topic) : ''}`,
      title: feedTitle(this.site, topic),
      description: topic ? topic.description : this.site.description,
      language: this.site.language,
      homeUrl: this.url(pagePath(topic)),
      selfUrl: this.url(selfPath ?? feedPath(spec, format, bucket)),
      formatUrls: Object.fromEntries(
        FORMAT_LIST.map((f) => [f, this.url(feedPath(spec, f))])
      ) as Record<Format, string>,
      stylesheetUrl: this.url('/feed.css'),
      viewScriptUrl: this.url('/feed-view.js'),
      hubUrl: bucket ? null : this.place.hubUrl,
      updated,
      ttlMinutes: this.site.feeds.ttlMinutes,
      author: this.site.author,
      topic: topic ? (this.tags.get(topic.slug) ?? null) : null,
      archive: {
        isArchive: bucket !== null,
        current: bucket ? this.url(feedPath(spec, format)) : null,
        prevArchive: archiveUrl(links.prev),
        nextArchive: archiveUrl(links.next),
      },
    }
  }

  /** One document in one format. */
  document(
    spec: FeedSpec,
    format: Format,
    items: readonly Item[],
    bucket: string | null,
    links: { prev: string | null; next: string | null },
    selfPath?: string
  ): DocParts {
    const updated = this.updatedOf(items)
    const head = this.head(spec, format, updated, bucket, links, selfPath)
    const { bodies, sources } = this.entries(format, items, updated)
    return {
      frame: WRITERS[format].frame(head, bodies),
      entries: bodies,
      ids: items.map((i) => i.id),
      sources,
    }
  }
}

/** Renders one view in one format. */
export function renderFormat(format: Format, view: FeedView): string {
  const writer = WRITERS[format]
  const entries = view.items.map(writer.entry)
  return framed(writer.frame(view, entries), entries)
}

/** Archive neighbours of a document: the buckets its prev-archive and next-archive links name. */
export type ArchiveLinks = { prev: string | null; next: string | null }

/** One document of a feed (its subscription document, or the archive `bucket`) in every format. */
export function renderFeedDocument(
  context: RenderContext,
  spec: FeedSpec,
  bucket: string | null,
  items: readonly Item[],
  links: ArchiveLinks
): RenderedDoc[] {
  const renderer = new Renderer(context)
  return FORMAT_LIST.map((format) => {
    const parts = renderer.document(spec, format, items, bucket, links)
    return {
      path: feedPath(spec, format, bucket),
      // Joined only when read: a build stores the parts (store/gzip.ts), never the whole text.
      get body() {
        return framed(parts.frame, parts.entries)
      },
      parts,
      contentType: FORMATS[format].contentType,
      cache: bucket ? 'archive' : 'feed',
      subscription: bucket === null,
    }
  })
}

/** The OPML list of every subscription feed (RSS), for importing all of them into a reader. */
export function renderOpmlDoc(
  site: SiteConfig,
  topics: readonly Topic[],
  place: Place
): RenderedDoc {
  const url = (path: string) => `${place.baseUrl}${path}`
  const body = renderOpml({
    title: site.title,
    homeUrl: url('/'),
    selfUrl: url('/opml.xml'),
    outlines: feedSpecs(topics).map((spec) => ({
      text: feedTitle(site, spec.topic),
      title: feedTitle(site, spec.topic),
      description: spec.topic?.description ?? site.description,
      xmlUrl: url(feedPath(spec, 'rss')),
      htmlUrl: url(pagePath(spec.topic)),
      type: 'rss' as const,
    })),
  })
  return {
    path: '/opml.xml',
    body,
    contentType: 'text/x-opml; charset=utf-8',
    cache: 'feed',
    subscription: false,
  }
}

/**
 * A filtered feed rendered on request (`q`, `lang`, a `limit` other than the default): the
 * newest `limit` matching items, no archives. `selfPath` is the request's path and query.
 */
export function renderFiltered(
  context: RenderContext,
  selected: readonly Item[],
  request: { spec: FeedSpec; format: Format; selfPath: string }
): string {
  const { frame, entries } = new Renderer(context).document(
    request.spec,
    request.format,
    selected,
    null,
    { prev: null, next: null },
    request.selfPath
  )
  return framed(frame, entries)
}
