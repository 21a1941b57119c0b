/**
 * Atom 1.0 (RFC 4287), written directly: the Atom of the `feed` package (6.x) has no `xml:lang`
 * and ignores extensions, so neither languages nor RFC 5005 archive links could be said with it. Every string is cleaned and escaped once by the helpers of `xml.ts`.
 */
import type { MediaTopic } from '../site'
import {
  type FeedHead,
  type FeedItem,
  type FeedTag,
  type FormatWriter,
  MEDIA_TOPIC_SCHEME,
  mediaTopicsOf,
} from './view'
import {
  FH_NAMESPACE,
  stylesheetInstruction,
  viewScriptElement,
  XML_DECLARATION,
  xmlAttrs,
  xmlElement,
} from './xml'

const ATOM_NAMESPACE = 'http://www.w3.org/2005/Atom'
const ATOM_TYPE = 'application/atom+xml'
const HTML_TYPE = 'text/html'
const INDENT = '  '
/** BCP 47 "undetermined": such an entry gets no `xml:lang` of its own. */
const UNDETERMINED = 'und'

/** Atom 1.0 entries and documents; the bytes depend only on the view. */
export const atomWriter: FormatWriter = {
  entry: (item) => indent(entry(item)).join('\n'),
  frame(head, entries) {
    const root = xmlAttrs({
      xmlns: ATOM_NAMESPACE,
      'xmlns:fh': head.archive.isArchive ? FH_NAMESPACE : null,
      'xml:lang': head.language,
    })
    const before = [
      XML_DECLARATION,
      ...(head.stylesheetUrl ? [stylesheetInstruction(head.stylesheetUrl)] : []),
      `<feed${root}>`,
      ...indent(feedHead(head)),
      '',
    ].join('\n')
    // One line each: the entries, then the end of the feed.
    return { before, separator: '\n', after: `${entries.length > 0 ? '\n' : ''}</feed>\n` }
  },
}

function feedHead(view: FeedHead): string[] {
  return [
    xmlElement('id', {}, view.id),
    xmlElement('title', { type: 'text' }, view.title),
    ...(view.description ? [xmlElement('subtitle', { type: 'text' }, view.description)] : []),
    xmlElement('updated', {}, view.updated),
    // RFC 4287 §4.1.1: a feed needs an author unless every entry has one; ours never do.
    '<author>',
    ...indent([xmlElement('name', {}, view.author.name), xmlElement('uri', {}, view.author.url)]),
    '</author>',
    ...feedLinks(view),
    ...(view.topic ? [category(view.topic), ...view.topic.mediaTopics.map(mediaTopic)] : []),
    // RFC 5005 §4: an archive document says so with an empty fh:archive element.
    ...(view.archive.isArchive ? [xmlElement('fh:archive', {}, null)] : []),
    // Foreign markup in the head (RFC 4287 §6.4): entries must come after it.
    ...(view.viewScriptUrl ? [viewScriptElement(view.viewScriptUrl)] : []),
  ]
}

/** Self, the HTML page, the hub and the RFC 5005 archive links, those that are set. */
function feedLinks(view: FeedHead): string[] {
  const { archive } = view
  const links: Array<[rel: string, href: string | null, type: string | null]> = [
    ['self', view.selfUrl, ATOM_TYPE],
    ['alternate', view.homeUrl, HTML_TYPE],
    ['hub', view.hubUrl, null],
    ['current', archive.current, ATOM_TYPE],
    ['prev-archive', archive.prevArchive, ATOM_TYPE],
    ['next-archive', archive.nextArchive, ATOM_TYPE],
  ]
  return links.flatMap(([rel, href, type]) =>
    href === null ? [] : [xmlElement('link', { rel, type, href }, null)]
  )
}

function entry(item: FeedItem): string[] {
  const lang = item.lang === UNDETERMINED ? null : item.lang
  return [
    `<entry${xmlAttrs({ 'xml:lang': lang })}>`,
    ...indent([
      xmlElement('id', {}, item.guid),
      xmlElement('title', { type: 'text' }, item.title),
      xmlElement('link', { rel: 'alternate', type: HTML_TYPE, href: item.url }, null),
      ...(item.published ? [xmlElement('published', {}, item.published)] : []),
      xmlElement('updated', {}, item.updated),
      ...(item.summary ? [xmlElement('summary', { type: 'text' }, item.summary)] : []),
      // type="html": the markup travels escaped once, as text, and the reader unescapes it.
      ...(item.contentHtml ? [xmlElement('content', { type: 'html' }, item.contentHtml)] : []),
      ...item.tags.map(category),
      ...mediaTopicsOf(item.tags).map(mediaTopic),
    ]),
    '</entry>',
  ]
}

/** A topic as an Atom category: its slug as the term, in the scheme of our topic pages. */
function category(tag: FeedTag): string {
  return xmlElement(
    'category',
    { term: tag.slug, label: tag.title, scheme: topicScheme(tag) },
    null
  )
}

/**
 * An IPTC Media Topic as an Atom category: the code as the term in the IPTC scheme (scheme and
 * term make the concept's URI, `http://cv.iptc.org/newscodes/mediatopic/20000096`), with its label.
 */
function mediaTopic(topic: MediaTopic): string {
  return xmlElement(
    'category',
    { term: topic.code, label: topic.label, scheme: MEDIA_TOPIC_SCHEME },
    null
  )
}

/** The topic URL without its slug (`https://…/topics/`): the base every topic term extends. */
function topicScheme(tag: FeedTag): string {
  return tag.url.endsWith(tag.slug) ? tag.url.slice(0, -tag.slug.length) : tag.url
}

function indent(lines: string[]): string[] {
  return lines.map((line) => INDENT + line)
}
