/**
 * The frame of every page for people, the iframe list of `/embed` included: one small HTML
 * document, CSS inlined (no request, nothing render-blocking), no script but our own deferred
 * `/copy.js` where a page has copy buttons, every string from the corpus escaped (with the
 * feeds' `escapeXml`): text is data.
 */

import { escapeXml } from '../feeds/xml'
import type { ListedItem } from '../model'
import { FRAME_CSS, PAGE_CSS } from './styles'

export type FeedLinks = { title: string; rss: string; atom: string; json: string }

/** `<link rel="alternate">` autodiscovery for one feed in its three formats. */
export function discoveryLinks(feed: FeedLinks): string {
  return [
    `<link rel="alternate" type="application/rss+xml" title="${escapeXml(feed.title)} (RSS)" href="${escapeXml(feed.rss)}">`,
    `<link rel="alternate" type="application/atom+xml" title="${escapeXml(feed.title)} (Atom)" href="${escapeXml(feed.atom)}">`,
    `<link rel="alternate" type="application/feed+json" title="${escapeXml(feed.title)} (JSON Feed)" href="${escapeXml(feed.json)}">`,
  ].join('\n')
}

/** A feed's three formats as links. */
export function formatLinks(feed: FeedLinks): string {
  return `<span class="feed-links"><a href="${escapeXml(feed.rss)}">RSS</a> <a href="${escapeXml(feed.atom)}">Atom</a> <a href="${escapeXml(feed.json)}">JSON Feed</a></span>`
}

/** A feed's formats, and its RSS address in a field ready to copy (no script needed). */
export function subscribeBlock(feed: FeedLinks): string {
  return `<p>${formatLinks(feed)}</p>
<label><small>Feed address, to paste into a feed reader:</small>
<input class="url" readonly value="${escapeXml(feed.rss)}" aria-label="${escapeXml(feed.title)} feed address"></label>`
}

/** The date people see: the publication date, else the event date, else none. */
export function displayDate(item: ListedItem): string {
  if (item.published) return item.published
  return item.eventDate ? `event ${item.eventDate}` : 'undated'
}

/**
 * A list of items: title linked to its page, date, summary. Without summaries it is a list of
 * headlines to scan, the date on the title's line.
 */
export function itemList(items: readonly ListedItem[], withSummary = true): string {
  const li = (i: ListedItem) => {
    const date = `<small><time${i.published ? ` datetime="${i.published}"` : ''}>${escapeXml(displayDate(i))}</time></small>`
    const summary = i.summary && i.summary !== i.title ? `<br>${escapeXml(i.summary)}` : ''
    const title = `<a href="/items/${i.id}">${escapeXml(i.title)}</a>`
    return withSummary ? `<li>${title}<br>${date}${summary}</li>` : `<li>${title} ${date}</li>`
  }
  return items.length
    ? `<ul class="items${withSummary ? '' : ' headlines'}">\n${items.map(li).join('\n')}\n</ul>`
    : '<p>No items yet.</p>'
}

/**
 * A whole page. `head` holds extra elements (autodiscovery, canonical, JSON-LD). A `framed` page
 * is made to stand in an iframe on another site (`/embed`): the compact style, no icon (a frame
 * shows none, and loading it would be the page's one request), and kept out of search indexes.
 */
export function layout(page: {
  lang: string
  title: string
  description: string
  head?: string
  body: string
  framed?: boolean
}): string {
  const own = page.framed
    ? '<meta name="robots" content="noindex">'
    : '<link rel="icon" href="/favicon.svg" type="image/svg+xml">'
  return `<!doctype html>
<html lang="${escapeXml(page.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeXml(page.title)}</title>
<meta name="description" content="${escapeXml(page.description)}">
${own}
${page.head ?? ''}
<style>${page.framed ? FRAME_CSS : PAGE_CSS}</style>
</head>
<body>
${page.body}
</body>
</html>
`
}
