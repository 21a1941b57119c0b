/**
 * The home page and a topic's page: what is published, every feed to subscribe to, the latest
 * items. The home page is one table of feeds (a row each: name, items, newest date, formats, a
 * copy button) and the latest titles after it, so people can scan it.
 */
import { pagePath } from '../feeds'
import { escapeXml } from '../feeds/xml'
import type { ListedItem } from '../model'
import type { SiteConfig, Topic } from '../site'
import {
  discoveryLinks,
  type FeedLinks,
  formatLinks,
  itemList,
  layout,
  subscribeBlock,
} from './layout'

export type TopicSummary = {
  topic: Topic
  count: number
  /** The newest item's date (`YYYY-MM-DD`), or null when none is dated. */
  newest: string | null
  feed: FeedLinks
}

export type HomeModel = {
  site: SiteConfig
  baseUrl: string
  all: FeedLinks
  topics: readonly TopicSummary[]
  /** Items in all. */
  count: number
  /** The newest item's date in all. */
  newest: string | null
  /** The newest items. */
  items: readonly ListedItem[]
}

const LATEST = 20
/** The copy buttons' script (src/pages/copy-button.ts), from our origin. */
const COPY_SCRIPT = '<script src="/copy.js" defer></script>'

function embedSnippet(baseUrl: string, slug: string): string {
  return `<script src="${baseUrl}/embed.js" data-topic="${slug}" data-limit="5" async></script>`
}

/**
 * One row of the feeds table: the feed's name (a link to its page, if it has one), its items,
 * its newest date, its formats, and a button that copies its RSS address (shown by the script).
 * The cells carry their column names for the narrow layout, where the header row is hidden.
 */
function feedRow(
  name: string,
  page: string | null,
  count: number,
  newest: string | null,
  feed: FeedLinks
): string {
  const title = page ? `<a href="${escapeXml(page)}">${escapeXml(name)}</a>` : escapeXml(name)
  const date = newest ? `<time datetime="${newest}">${newest}</time>` : '—'
  return `<tr><th scope="row">${title}</th><td class="count" data-label="Items">${count}</td><td data-label="Newest">${date}</td><td class="formats">${formatLinks(feed)} <button type="button" class="copy" data-copy="${escapeXml(feed.rss)}" aria-label="Copy the RSS address of ${escapeXml(name)}" hidden>Copy</button></td></tr>`
}

export function renderHome(model: HomeModel): string {
  const { site, baseUrl } = model
  const rows = [
    feedRow('All news', null, model.count, model.newest, model.all),
    ...model.topics.map(({ topic, count, newest, feed }) =>
      feedRow(topic.title, pagePath(topic), count, newest, feed)
    ),
  ].join('\n')
  const body = `<header>
<h1>${escapeXml(site.title)}</h1>
<p>${escapeXml(site.description)} ${model.count} items, from the pages of <a href="${escapeXml(site.sourceUrl)}">${escapeXml(site.sourceUrl.replace(/^https?:\/\/|\/$/g, ''))}</a>, in ${model.topics.length} topics.</p>
</header>
<main>
<h2>Feeds</h2>
<p><small>Paste a feed address into your feed reader (Feedly, Inoreader, NetNewsWire, Miniflux, FreshRSS…), or import <a href="/opml.xml">every feed at once (OPML)</a>.</small></p>
<table class="feeds">
<thead><tr><th scope="col">Topic</th><th scope="col" class="count">Items</th><th scope="col">Newest</th><th scope="col">Feed</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
<p class="sr" id="copy-status" aria-live="polite"></p>
<h2>Latest news</h2>
${itemList(model.items.slice(0, LATEST), false)}
<h2>On your site</h2>
<p><small>Show the latest items of a topic on another site:</small></p>
<pre><code>${escapeXml(embedSnippet(baseUrl, 'drug-trafficking'))}</code></pre>
<p><small>or in a frame: <a href="/embed/drug-trafficking">/embed/&lt;topic&gt;</a>. All topics with their feeds as data: <a href="/topics.json">/topics.json</a>.</small></p>
</main>`
  return layout({
    lang: site.language,
    title: site.title,
    description: site.description,
    head: `${discoveryLinks(model.all)}\n${COPY_SCRIPT}`,
    body,
  })
}

export type TopicModel = { site: SiteConfig; summary: TopicSummary; items: readonly ListedItem[] }

export function renderTopic(model: TopicModel): string {
  const { site, summary } = model
  const { topic, feed } = summary
  const body = `<nav><a href="/">${escapeXml(site.name)}</a> › Topics</nav>
<header>
<h1>${escapeXml(topic.title)}</h1>
<p>${escapeXml(topic.description)} <small class="count">${summary.count} ${summary.count === 1 ? 'item' : 'items'}</small></p>
</header>
<main>
<h2>Subscribe</h2>
${subscribeBlock(feed)}
<h2>Items</h2>
${itemList(model.items)}
</main>`
  return layout({
    lang: site.language,
    title: feed.title,
    description: topic.description,
    head: discoveryLinks(feed),
    body,
  })
}
