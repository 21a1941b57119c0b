/**
 * XML 1.0 text helpers shared by the RSS, Atom and OPML writers, and the one escaper of every
 * document we write: the HTML pages (src/pages/) escape with `escapeXml` too. Scraped text
 * carries stray control characters, and one of them makes strict parsers reject the whole
 * document (miniflux #52, FreshRSS #5454), so every feed string is cleaned before it is escaped.
 */

/**
 * Characters outside XML 1.0 `Char` (§2.2): C0 controls other than tab, LF and CR, U+FFFE and
 * U+FFFF, and lone surrogates (`\p{Cs}` matches only unpaired halves under the `u` flag).
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const INVALID_XML_CHARS_RE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|\p{Cs}/gu

const XML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  // `&#39;` rather than `&apos;`: the same escaping also feeds HTML fields, and HTML 4 lacks `&apos;`.
  "'": '&#39;',
}

const XML_SPECIAL_RE = /[&<>"']/g

/** RFC 5005's namespace (feed history: archives and their links), in RSS and Atom alike. */
export const FH_NAMESPACE = 'http://purl.org/syndication/history/1.0'

/** Attributes of one element; null and undefined values are left out. */
export type XmlAttrs = Record<string, string | null | undefined>

/**
 * Escapes the five XML special characters, for text content and attribute values alike, in XML
 * and in HTML (`'` as `&#39;`, which both read).
 */
export function escapeXml(text: string): string {
  return text.replace(XML_SPECIAL_RE, (c) => XML_ENTITIES[c] ?? c)
}

/** Removes the characters XML 1.0 does not allow at all (not even as character references). */
export function cleanXmlText(text: string): string {
  return text.replace(INVALID_XML_CHARS_RE, '')
}

/** Text made safe for XML content or attributes: cleaned, then escaped once. */
export function toXmlText(text: string): string {
  return escapeXml(cleanXmlText(text))
}

/** ` name="value"` pairs in the given order, values cleaned and escaped. */
export function xmlAttrs(attrs: XmlAttrs): string {
  return Object.entries(attrs)
    .filter((entry): entry is [string, string] => entry[1] !== null && entry[1] !== undefined)
    .map(([name, value]) => ` ${name}="${toXmlText(value)}"`)
    .join('')
}

/** An element holding escaped text, or a self-closing one when `text` is null. */
export function xmlElement(name: string, attrs: XmlAttrs, text: string | null): string {
  if (text === null) return `<${name}${xmlAttrs(attrs)}/>`
  return `<${name}${xmlAttrs(attrs)}>${toXmlText(text)}</${name}>`
}

export const XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>'

/** XHTML's namespace: the feed view's script element (`viewScriptElement`) is an XHTML element. */
const XHTML_NAMESPACE = 'http://www.w3.org/1999/xhtml'

/**
 * The element that loads the feed view's script (src/pages/feed-view.ts) when a browser opens the
 * feed: an XHTML `script` element, which browsers run in an XML document, in its own namespace,
 * declared on it, which RSS 2.0 ("elements ... defined in a namespace") and Atom (RFC 4287 §6.4,
 * foreign markup) allow as an extension, and which feed readers ignore.
 */
export function viewScriptElement(src: string): string {
  const { name, attributes } = viewScript(src)
  return xmlElement(name, attributes, null)
}

/** That element's name and attributes, for a writer that builds its own nodes (rss.ts). */
export function viewScript(src: string): { name: string; attributes: Record<string, string> } {
  return { name: 'html:script', attributes: { 'xmlns:html': XHTML_NAMESPACE, src } }
}

/**
 * The processing instruction that styles a feed opened in a browser with CSS. Not XSLT:
 * browsers are removing XSLT (Chromium warns on XSL-styled feeds), while CSS on XML works
 * everywhere and leaves the document unchanged for feed readers.
 */
export function stylesheetInstruction(href: string): string {
  return `<?xml-stylesheet type="text/css" href="${escapeXml(href)}"?>`
}
