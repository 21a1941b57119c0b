/**
 * OPML 2.0 (http://opml.org/spec2.opml) listing our own feeds, for importing all of them into a
 * reader at once. No dateCreated: it would be the clock, and the bytes depend only on the view.
 */
import { XML_DECLARATION, xmlAttrs, xmlElement } from './xml'

export type OpmlView = {
  title: string
  homeUrl: string
  selfUrl: string
  outlines: Array<{
    text: string
    title: string
    description: string
    xmlUrl: string
    htmlUrl: string
    type: 'rss'
  }>
}

type OpmlOutline = OpmlView['outlines'][number]

const ATOM_NAMESPACE = 'http://www.w3.org/2005/Atom'
const OPML_DOCS = 'http://opml.org/spec2.opml'
const OPML_TYPE = 'text/x-opml'

/** The list of feeds as an OPML 2.0 document; the bytes depend only on the view. */
export function renderOpml(view: OpmlView): string {
  return [
    XML_DECLARATION,
    `<opml${xmlAttrs({ version: '2.0', 'xmlns:atom': ATOM_NAMESPACE })}>`,
    '  <head>',
    `    ${xmlElement('title', {}, view.title)}`,
    // OPML 2.0: ownerId is "the http address of a web page" about the owner.
    `    ${xmlElement('ownerId', {}, view.homeUrl)}`,
    `    ${xmlElement('docs', {}, OPML_DOCS)}`,
    // OPML has no self link of its own; the spec allows namespaced elements, so Atom's.
    `    ${xmlElement('atom:link', { rel: 'self', type: OPML_TYPE, href: view.selfUrl }, null)}`,
    '  </head>',
    '  <body>',
    ...view.outlines.map((outline) => `    ${outlineElement(outline)}`),
    '  </body>',
    '</opml>',
    '',
  ].join('\n')
}

function outlineElement(outline: OpmlOutline): string {
  const { type, text, title, description, xmlUrl, htmlUrl } = outline
  return xmlElement('outline', { type, text, title, description, xmlUrl, htmlUrl }, null)
}
