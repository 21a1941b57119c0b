/**
 * RSS 2.0, built with `feed` (jpmonette/feed 6) and corrected around its defects, each said where
 * it is worked around. `feed` serialises with xml-js, whose escaping rules drive most of the
 * corrections:
 * - text nodes: xml-js first turns every `&amp;` back into `&`, then escapes `&`, `<`, `>`; so
 *   a literal `&amp;` in our text would come out as `&` unless we hand over `&` as `&amp;`;
 * - attributes: only `"` is escaped (jpmonette/feed #112; `<` and `>` still pass), so we hand
 *   over values already fully escaped;
 * - CDATA: only the first `]]>` is split (a string `replace`); item titles therefore go out as
 *   text nodes, and HTML fields get every `]]>` rewritten as `]]&gt;` (the same HTML, safe in
 *   CDATA);
 * - characters XML 1.0 forbids (U+0001…) pass through into the output, so every string is
 *   cleaned first.
 */
import { type Extension, Feed, type FeedOptions, type Item } from 'feed'
import type { MediaTopic } from '../site'
import {
  type FeedHead,
  type FeedItem,
  type FeedTag,
  type FormatWriter,
  type Frame,
  MEDIA_TOPIC_SCHEME,
  mediaTopicsOf,
} from './view'
import { cleanXmlText, FH_NAMESPACE, stylesheetInstruction, toXmlText, viewScript } from './xml'

/** An xml-js "compact" element: what `feed` extensions hand to the serialiser as is. */
type XmlJsNode = { _text?: string; _cdata?: string; _attributes?: Record<string, string> }

/** `feed`'s item with `date` optional: rss2() reads `date` only to write `pubDate`. */
type RssItem = Omit<Item, 'date'> & { date?: Date }

const RSS_TYPE = 'application/rss+xml'
/** The root tag as `feed` writes it; RFC 5005's namespace is added after it. */
const RSS_ROOT = '<rss version="2.0"'
const DC_NAMESPACE = 'http://purl.org/dc/elements/1.1/'
const CONTENT_NAMESPACE = 'http://purl.org/rss/1.0/modules/content/'
const CONTENT_TAG = '<content:encoded>'
const ITEM_OPEN = '<item>'
const ITEM_CLOSE = '</item>'
/** The line that ends the channel, indented as `feed` writes it. */
const CHANNEL_END = '    </channel>'
/** Only for writing one item: its bytes depend on the item alone. */
const ENTRY_CHANNEL: FeedOptions = { id: '', title: '', copyright: '', generator: false }
const CDATA_END_RE = /]]>/g
const AMPERSAND_RE = /&/g

/**
 * RSS 2.0 as a channel and its items, each item written once (`entry`) and the document put
 * together from them (`document`), so an item's bytes can be kept between documents and
 * builds. The bytes depend only on the view.
 */
export const rssWriter: FormatWriter = {
  entry(item) {
    const feed = new Feed(ENTRY_CHANNEL)
    feed.addItem(toRssItem(item) as Item)
    const xml = feed.rss2()
    const start = xml.lastIndexOf('\n', xml.indexOf(ITEM_OPEN)) + 1
    const end = xml.lastIndexOf(ITEM_CLOSE) + ITEM_CLOSE.length
    if (start === 0 || end < start) throw new Error('rss: feed output lacks the item')
    return xml.slice(start, end)
  },
  frame(head, entries) {
    const feed = new Feed(channelOptions(head))
    // Creates the channel `category` slot that the `category` extension fills with a domain.
    if (head.topic) feed.addCategory(head.topic.slug)
    for (const extension of channelExtensions(head)) feed.addExtension(extension)
    const channel = declareHistoryNamespace(withContentNamespaces(feed.rss2(), entries), head)
    return aroundItems(withStylesheet(channel, head), entries.length)
  },
}

/** The namespaces `feed` declares for items with content (dc beside content, as it does). */
function withContentNamespaces(xml: string, entries: readonly string[]): string {
  if (!entries.some((e) => e.includes(CONTENT_TAG))) return xml
  if (!xml.includes(RSS_ROOT)) throw new Error(`rss: feed output lacks ${RSS_ROOT}`)
  return xml.replace(
    RSS_ROOT,
    `${RSS_ROOT} xmlns:dc="${DC_NAMESPACE}" xmlns:content="${CONTENT_NAMESPACE}"`
  )
}

/** The channel `feed` wrote without items, split where the items go: before its end. */
function aroundItems(xml: string, entries: number): Frame {
  if (entries === 0) return { before: xml, separator: '\n', after: '' }
  const end = xml.lastIndexOf(CHANNEL_END)
  if (end === -1) throw new Error('rss: feed output lacks the channel')
  return { before: xml.slice(0, end), separator: '\n', after: `\n${xml.slice(end)}` }
}

/** `feed`'s `stylesheet` option writes an XSLT instruction; ours is CSS, after the declaration. */
function withStylesheet(xml: string, view: FeedHead): string {
  if (!view.stylesheetUrl) return xml
  const end = xml.indexOf('?>') + 2
  if (!xml.startsWith('<?xml') || end < 2)
    throw new Error('rss: feed output lacks the XML declaration')
  return `${xml.slice(0, end)}\n${stylesheetInstruction(view.stylesheetUrl)}${xml.slice(end)}`
}

function channelOptions(view: FeedHead): FeedOptions {
  return {
    title: toXmlJsText(view.title),
    // RSS 2.0 requires a channel description, and `feed` writes an empty one when missing.
    description: toXmlJsText(view.description || view.title),
    language: toXmlJsText(view.language),
    ttl: view.ttlMinutes,
    // Without `updated`, `feed` stamps the clock into lastBuildDate.
    updated: new Date(view.updated),
    generator: false,
    // Only so that `feed` declares xmlns:atom and opens the `atom:link` slot in the channel head;
    // the links themselves come from the `atom:link` extension, which replaces that slot.
    feedLinks: { rss: view.selfUrl },
  }
}

/** Extensions replace `feed`'s own channel elements of the same name, in place. */
function channelExtensions(view: FeedHead): Extension[] {
  const extensions: Extension[] = [
    // `feed` runs links through `new URL()`, which rewrites IDN hosts and non-ASCII paths,
    // so RSS would disagree with Atom and JSON Feed: the view's URL goes out verbatim instead.
    { name: 'link', objects: textNode(view.homeUrl) },
    // `feed` types `objects` as one element; xml-js writes an array as repeated elements.
    { name: 'atom:link', objects: atomLinks(view) as unknown as Record<string, unknown> },
  ]
  if (view.topic) {
    const categories = [categoryNode(view.topic), ...view.topic.mediaTopics.map(mediaTopicNode)]
    extensions.push({ name: 'category', objects: categories as unknown as Record<string, unknown> })
  }
  // RFC 5005 §4: an archive document says so with an empty fh:archive element.
  if (view.archive.isArchive) extensions.push({ name: 'fh:archive', objects: {} })
  // The feed view's script (src/pages/feed-view.ts): an XHTML element, its namespace declared on it.
  if (view.viewScriptUrl) {
    const { name, attributes } = viewScript(view.viewScriptUrl)
    extensions.push({ name, objects: attributesNode(attributes) })
  }
  return extensions
}

/** Self, hub and RFC 5005 archive links, all in the one `atom:link` extension. */
function atomLinks(view: FeedHead): XmlJsNode[] {
  const { archive } = view
  const links: Array<[rel: string, href: string | null, type: string | null]> = [
    ['self', view.selfUrl, RSS_TYPE],
    ['hub', view.hubUrl, null],
    ['current', archive.current, RSS_TYPE],
    ['prev-archive', archive.prevArchive, RSS_TYPE],
    ['next-archive', archive.nextArchive, RSS_TYPE],
  ]
  return links.flatMap(([rel, href, type]) =>
    href === null ? [] : [attributesNode({ href, rel, ...(type ? { type } : {}) })]
  )
}

function toRssItem(item: FeedItem): RssItem {
  const published = item.published ? new Date(item.published) : undefined
  return {
    // Replaced by the `title` extension: `feed` would put it in CDATA and split only one `]]>`.
    title: item.title,
    // Left empty so `feed` skips its `new URL()`; the `link` extension writes the URL verbatim.
    link: '',
    guid: toXmlJsText(item.guid),
    // `date` and `published` both become pubDate; an undated item gets no pubDate at all.
    ...(published ? { date: published, published } : {}),
    // RSS descriptions are HTML: the plain summary is escaped, so it holds no `]]>` either.
    description: toXmlText(item.summary),
    content: toCdataHtml(item.contentHtml),
    // Our topics (domain: the topic's page), then their IPTC Media Topics (domain: the scheme).
    category: [
      ...item.tags.map((tag) => ({ name: toXmlJsText(tag.title), domain: toXmlText(tag.url) })),
      ...mediaTopicsOf(item.tags).map((topic) => ({
        name: toXmlJsText(topic.code),
        domain: toXmlText(MEDIA_TOPIC_SCHEME),
      })),
    ],
    extensions: [
      { name: 'title', objects: textNode(item.title) },
      { name: 'link', objects: textNode(item.url) },
    ],
  }
}

function categoryNode(tag: FeedTag): XmlJsNode {
  return { _text: toXmlJsText(tag.title), _attributes: { domain: toXmlText(tag.url) } }
}

/**
 * An IPTC Media Topic as an RSS category: RSS 2.0 makes `domain` the taxonomy and the text the
 * place in it, so the scheme URI and the code (`20000096`); together they are the concept's URI.
 */
function mediaTopicNode(topic: MediaTopic): XmlJsNode {
  return { _text: toXmlJsText(topic.code), _attributes: { domain: toXmlText(MEDIA_TOPIC_SCHEME) } }
}

function textNode(text: string): XmlJsNode {
  return { _text: toXmlJsText(text) }
}

/** Attribute values fully escaped: xml-js escapes only `"`, and none is left for it. */
function attributesNode(attributes: Record<string, string>): XmlJsNode {
  const escaped = Object.entries(attributes).map(([name, value]) => [name, toXmlText(value)])
  return { _attributes: Object.fromEntries(escaped) }
}

/** Text for an xml-js text node: cleaned, `&` doubled up against its `&amp;` → `&` step. */
function toXmlJsText(text: string): string {
  return cleanXmlText(text).replace(AMPERSAND_RE, '&amp;')
}

/** HTML for a CDATA section: cleaned, every `]]>` spelt `]]&gt;` (xml-js splits only the first). */
function toCdataHtml(html: string): string {
  return cleanXmlText(html).replace(CDATA_END_RE, ']]&gt;')
}

/** `feed` knows no RFC 5005 namespace, so archives get it declared on the root after rendering. */
function declareHistoryNamespace(xml: string, view: FeedHead): string {
  if (!view.archive.isArchive) return xml
  if (!xml.includes(RSS_ROOT)) throw new Error(`rss: feed output lacks ${RSS_ROOT}`)
  return xml.replace(RSS_ROOT, `${RSS_ROOT} xmlns:fh="${FH_NAMESPACE}"`)
}
