/**
 * The frame of every page for people: one small HTML document, CSS inlined (no request, nothing
 * render-blocking), no script but our own deferred `/copy.js` where a page has copy buttons,
 * every string from the corpus escaped: text is data.
 */

import type { ListedItem } from '../model'
import { PAGE_CSS } from './styles'

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ESCAPES[ch] ?? ch)
}

export type FeedLinks = { title: string; rss: string; atom: string; json: string }

/** `<link rel="alternate">` autodiscovery for one feed in its three formats. */
export function discoveryLinks(feed: FeedLinks): string {
  return [
    `<link rel="alternate" type="application/rss+xml" title="${escapeHtml(feed.title)} (RSS)" href="${escapeHtml(feed.rss)}">`,
    `<link rel="alternate" type="application/atom+xml" title="${escapeHtml(feed.title)} (Atom)" href="${escapeHtml(feed.atom)}">`,
    `<link rel="alternate" type="application/feed+json" title="${escapeHtml(feed.title)} (JSON Feed)" href="${escapeHtml(feed.json)}">`,
  ].join('\n')
}

/** A feed's three formats as links. */
export function formatLinks(feed: FeedLinks): string {
  return `<span class="feed-links"><a href="${escapeHtml(feed.rss)}">RSS</a> <a href="${escapeHtml(feed.atom)}">Atom</a> <a href="${escapeHtml(feed.json)}">JSON Feed</a></span>`
}

/** A feed's formats, and its RSS address in a field ready to copy (no script needed). */
export function subscribeBlock(feed: FeedLinks): string {
  return `<p>${formatLinks(feed)}</p>
<label><small>Feed address, to paste into a feed reader:</small>
<input class="url" readonly value="${escapeHtml(feed.rss)}" aria-label="${escapeHtml(feed.title)} feed address"></label>`
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
    const date = `<small><time${i.published ? ` datetime="${i.published}"` : ''}>${escapeHtml(displayDate(i))}</time></small>`
    const summary = i.summary && i.summary !== i.title ? `<br>${escapeHtml(i.summary)}` : ''
    const title = `<a href="/items/${i.id}">${escapeHtml(i.title)}</a>`
    return withSummary ? `<li>${title}<br>${date}${summary}</li>` : `<li>${title} ${date}</li>`
  }
  return items.length
    ? `<ul class="items${withSummary ? '' : ' headlines'}">\n${items.map(li).join('\n')}\n</ul>`
    : '<p>No items yet.</p>'
}

/** A whole page. `head` holds extra elements (autodiscovery, canonical, JSON-LD). */
export function layout(page: {
  lang: string
  title: string
  description: string
  head?: string
  body: string
}): string {
  return `<!doctype html>
<html lang="${escapeHtml(page.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(page.title)}</title>
<meta name="description" content="${escapeHtml(page.description)}">
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
${page.head ?? ''}
<style>${PAGE_CSS}</style>
</head>
<body>
${page.body}
</body>
</html>
`
}
