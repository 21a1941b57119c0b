/**
 * Hand-built feed views for the renderer tests, full of text that breaks feeds: markup, bare
 * ampersands, `]]>` twice, XML-invalid control characters, emoji, right-to-left scripts,
 * Cyrillic, an IDN link, an undated item. Also a strict, namespace-aware XML parser (saxes)
 * that turns a document into a small tree, and the parsers feed readers use.
 */
import Parser from 'rss-parser'
import { SaxesParser } from 'saxes'
import { textToHtml } from '../../src/feeds/html'
import type { FeedItem, FeedTag, FeedView, Format } from '../../src/feeds/view'

export const BASE = 'https://news.example.org'

/** Characters XML 1.0 forbids, one of each kind the renderers must drop. */
export const CONTROL_CHARS = '\u0001\u001F\uFFFE'

/** A title with everything at once: markup, `&`, `AT&T`, `]]>` twice, controls, emoji. */
export const NASTY_TITLE = `Alert <script>alert(1)</script> & AT&T said "]]>" twice: ]]> ${CONTROL_CHARS}done 🚀🇰🇿`

/** A literal entity in the text: xml-js turns `&amp;` into `&` unless handed over escaped. */
export const ENTITY_TITLE = 'Write &amp; to get & and &lt;b&gt; to get <b>'

/** An IPTC label with every character that needs escaping in an attribute. */
export const IPTC_AI = { code: '20001298', label: 'artificial intelligence & <ML> "quoted"' }
export const AI: FeedTag = {
  slug: 'ai',
  title: 'AI & <ML>',
  url: `${BASE}/topics/ai`,
  mediaTopics: [IPTC_AI],
}
/** Two Media Topics, one of them shared with AI: an item tagged with both names it once. */
export const TERRORISM: FeedTag = {
  slug: 'terrorism',
  title: 'Terrorism',
  url: `${BASE}/topics/terrorism`,
  mediaTopics: [{ code: '20000053', label: 'act of terror' }, IPTC_AI],
}

const FEED_UPDATED = '2024-06-03T09:00:00.000Z'

/** The feed view's script, with a query whose `&` the element must escape. */
export const VIEW_SCRIPT_URL = `${BASE}/feed-view.js?v=1&x=<2>`

/** An English item dated 3 June 2024, its HTML and summary made from `contentText`. */
export function makeItem(
  id: string,
  fields: Partial<FeedItem> & Pick<FeedItem, 'title' | 'contentText'>
): FeedItem {
  return {
    guid: `tag:news.example.org,2026:item/${id}`,
    url: `${BASE}/items/${id}`,
    summary: fields.contentText.split('\n\n')[0] ?? '',
    contentHtml: textToHtml(fields.contentText),
    published: '2024-06-03T09:00:00.000Z',
    updated: '2024-06-03T09:00:00.000Z',
    lang: 'en',
    tags: [],
    ...fields,
  }
}

/** The items of every fixture view, newest first. */
export const ITEMS: FeedItem[] = [
  makeItem('nasty', {
    title: NASTY_TITLE,
    contentText: `First <b>bold</b> & AT&T ]]> and ]]>${CONTROL_CHARS}\n\nSecond paragraph: <script>alert(1)</script> 👍`,
    tags: [AI, TERRORISM],
  }),
  makeItem('entity', {
    title: ENTITY_TITLE,
    contentText: 'Entities stay literal: &amp; &lt; &#39;.',
    tags: [AI],
  }),
  makeItem('rtl', {
    title: 'مكافحة الإرهاب — מאבק בטרור',
    contentText: 'نص عربي من اليمين إلى اليسار.\n\nטקסט בעברית.',
    lang: 'und',
    published: null,
    updated: FEED_UPDATED,
  }),
  makeItem('cyrillic', {
    title: 'ОДКБ: учения «Взаимодействие-2024»',
    contentText: 'Совместные учения прошли 3–5 июня.',
    url: 'https://новости.пример.рф/новости/1',
    lang: 'ru',
    published: '2024-06-02T09:00:00.000Z',
    updated: '2024-06-02T09:00:00.000Z',
    tags: [TERRORISM],
  }),
]

const FILES: Record<Format, string> = { rss: 'feed.xml', atom: 'atom.xml', json: 'feed.json' }

function formatUrls(path: string): Record<Format, string> {
  return {
    rss: `${path}/${FILES.rss}`,
    atom: `${path}/${FILES.atom}`,
    json: `${path}/${FILES.json}`,
  }
}

/** The subscription feed of the AI topic, in `format`: a hub and an older archive. */
export function topicView(format: Format): FeedView {
  const path = `${BASE}/topics/ai`
  return {
    id: 'tag:news.example.org,2026:feed/topics/ai',
    title: 'News: AI & <ML>',
    description: 'Artificial intelligence & machine learning, "quoted".',
    language: 'en',
    homeUrl: path,
    selfUrl: `${path}/${FILES[format]}`,
    formatUrls: formatUrls(path),
    stylesheetUrl: `${BASE}/feed.css`,
    viewScriptUrl: VIEW_SCRIPT_URL,
    hubUrl: 'https://hub.example.net/?a=1&b=2',
    updated: FEED_UPDATED,
    ttlMinutes: 15,
    author: { name: 'News & Co', url: `${BASE}/` },
    topic: AI,
    archive: {
      isArchive: false,
      current: null,
      prevArchive: `${path}/archive/2024-05/${FILES[format]}`,
      nextArchive: null,
    },
    items: ITEMS,
  }
}

/** A monthly archive of the AI topic, in `format`: RFC 5005 links both ways, no hub. */
export function archiveView(format: Format): FeedView {
  const path = `${BASE}/topics/ai`
  return {
    ...topicView(format),
    selfUrl: `${path}/archive/2024-05/${FILES[format]}`,
    stylesheetUrl: null,
    viewScriptUrl: null,
    hubUrl: null,
    archive: {
      isArchive: true,
      current: `${path}/${FILES[format]}`,
      prevArchive: `${path}/archive/2024-04/${FILES[format]}`,
      nextArchive: `${path}/archive/2024-06/${FILES[format]}`,
    },
  }
}

/** The text a conforming parser reads back: the original less the characters XML forbids. */
export function readBack(text: string): string {
  return [...CONTROL_CHARS].reduce((rest, char) => rest.replaceAll(char, ''), text)
}

/** An element of a parsed document: qualified name, namespace URI, attributes, children. */
export type XmlNode = {
  name: string
  uri: string
  local: string
  attrs: Record<string, string>
  children: XmlNode[]
  text: string
}

/**
 * Parses `xml` strictly (well-formedness, XML 1.0 characters, namespace bindings) and throws
 * on the first error; fast-xml-parser's validator lets U+0001, `<` in attributes and unbound
 * prefixes through, saxes does not.
 */
export function parseXml(xml: string): XmlNode {
  const parser = new SaxesParser({ xmlns: true })
  const stack: XmlNode[] = []
  let root: XmlNode | null = null
  parser.on('error', (error) => {
    throw error
  })
  parser.on('opentag', (tag) => {
    const attrs = Object.fromEntries(Object.entries(tag.attributes).map(([k, a]) => [k, a.value]))
    const node: XmlNode = {
      name: tag.name,
      uri: tag.uri,
      local: tag.local,
      attrs,
      children: [],
      text: '',
    }
    stack.at(-1)?.children.push(node)
    stack.push(node)
    root ??= node
  })
  parser.on('text', (text) => appendText(stack, text))
  parser.on('cdata', (text) => appendText(stack, text))
  parser.on('closetag', () => stack.pop())
  parser.write(xml).close()
  if (root === null) throw new Error('no root element')
  return root
}

function appendText(stack: XmlNode[], text: string): void {
  const node = stack.at(-1)
  if (node) node.text += text
}

/** Every element under `node` (itself included) with the qualified name `name`. */
export function findAll(node: XmlNode, name: string): XmlNode[] {
  const here = node.name === name ? [node] : []
  return [...here, ...node.children.flatMap((child) => findAll(child, name))]
}

/** The one element named `name` under `node`; fails when there is none. */
export function findOne(node: XmlNode, name: string): XmlNode {
  const found = findAll(node, name)[0]
  if (!found) throw new Error(`no <${name}> in <${node.name}>`)
  return found
}

/** rss-parser, as Node feed readers use it; parses RSS and Atom. */
export function parseWithRssParser(xml: string) {
  return new Parser().parseString(xml)
}
