/** The home page and a topic's page: what is published, every feed to subscribe to, the latest items. */
import type { ListedItem } from '../model'
import type { SiteConfig, Topic } from '../site'
import {
  discoveryLinks,
  escapeHtml,
  type FeedLinks,
  itemList,
  layout,
  subscribeBlock,
} from './layout'

export type TopicSummary = { topic: Topic; count: number; feed: FeedLinks }

export type HomeModel = {
  site: SiteConfig
  baseUrl: string
  all: FeedLinks
  topics: readonly TopicSummary[]
  /** Items in all. */
  count: number
  /** The newest items. */
  items: readonly ListedItem[]
}

const LATEST = 20

function embedSnippet(baseUrl: string, slug: string): string {
  return `<script src="${baseUrl}/embed.js" data-topic="${slug}" data-limit="5" async></script>`
}

export function renderHome(model: HomeModel): string {
  const { site, baseUrl } = model
  const topicRows = model.topics
    .map(
      ({
        topic,
        count,
        feed,
      }) => `<li><a href="/topics/${topic.slug}"><strong>${escapeHtml(topic.title)}</strong></a> <small class="count">${count} ${count === 1 ? 'item' : 'items'}</small><br><small>${escapeHtml(topic.description)}</small>
${subscribeBlock(feed)}</li>`
    )
    .join('\n')
  const body = `<header>
<h1>${escapeHtml(site.title)}</h1>
<p>${escapeHtml(site.description)} ${model.count} items, from the pages of <a href="${escapeHtml(site.sourceUrl)}">${escapeHtml(site.sourceUrl.replace(/^https?:\/\/|\/$/g, ''))}</a>, in ${model.topics.length} topics.</p>
</header>
<main>
<h2>Subscribe to all news</h2>
${subscribeBlock(model.all)}
<p><small>Paste a feed address into your feed reader (Feedly, Inoreader, NetNewsWire, Miniflux, FreshRSS…), or import <a href="/opml.xml">every feed at once (OPML)</a>.</small></p>
<h2>Topics</h2>
<ul class="feeds">
${topicRows}
</ul>
<h2>Latest news</h2>
${itemList(model.items.slice(0, LATEST))}
<h2>On your site</h2>
<p><small>Show the latest items of a topic on another site:</small></p>
<pre><code>${escapeHtml(embedSnippet(baseUrl, 'drug-trafficking'))}</code></pre>
<p><small>or in a frame: <a href="/embed/drug-trafficking">/embed/&lt;topic&gt;</a>. All topics with their feeds as data: <a href="/topics.json">/topics.json</a>.</small></p>
</main>`
  return layout({
    lang: site.language,
    title: site.title,
    description: site.description,
    head: discoveryLinks(model.all),
    body,
  })
}

export type TopicModel = { site: SiteConfig; summary: TopicSummary; items: readonly ListedItem[] }

export function renderTopic(model: TopicModel): string {
  const { site, summary } = model
  const { topic, feed } = summary
  const body = `<nav><a href="/">${escapeHtml(site.name)}</a> › Topics</nav>
<header>
<h1>${escapeHtml(topic.title)}</h1>
<p>${escapeHtml(topic.description)} <small class="count">${summary.count} ${summary.count === 1 ? 'item' : 'items'}</small></p>
</header>
<main>
<h2>Subscribe</h2>
${subscribeBlock(feed)}
<h2>Items</h2>
${itemList(model.items)}
</main>`
  return layout({
    lang: site.language,
    title: `${topic.title}: ${site.name}`,
    description: topic.description,
    head: discoveryLinks(feed),
    body,
  })
}
