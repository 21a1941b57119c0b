/**
 * Pages for people: the home page, a topic's page and an item's permalink page, so that every
 * link in a feed leads somewhere. Plain HTML, every corpus string escaped: text is data.
 */
import { Hono } from 'hono'
import { site, topics } from '../content'
import { selectItems } from '../feeds/select'
import type { Item } from '../model'
import { REPORT_KEY } from '../store/keys'
import { type AppEnv, requireBuild } from './context'
import { httpError } from './errors'
import { loadItems } from './state'

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => ESCAPES[ch] ?? ch)

const LATEST = 20

function layout(title: string, body: string, head = ''): string {
  return `<!doctype html>
<html lang="${escapeHtml(site.language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
${head}
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:46rem;margin:0 auto;padding:1rem;color-scheme:light dark}a{color:inherit}li{margin:.3rem 0}small{opacity:.75}</style>
</head>
<body>
${body}
</body>
</html>
`
}

function feedLinks(prefix: string, title: string): string {
  return `<link rel="alternate" type="application/rss+xml" title="${escapeHtml(title)} (RSS)" href="${prefix}/feed.xml">
<link rel="alternate" type="application/atom+xml" title="${escapeHtml(title)} (Atom)" href="${prefix}/atom.xml">
<link rel="alternate" type="application/feed+json" title="${escapeHtml(title)} (JSON Feed)" href="${prefix}/feed.json">`
}

function itemList(items: readonly Item[]): string {
  const li = (i: Item) =>
    `<li><a href="/items/${i.id}">${escapeHtml(i.title)}</a> <small>${i.published ?? i.eventDate ?? 'undated'}</small></li>`
  return `<ul>${items.map(li).join('\n')}</ul>`
}

export const pageRoutes = new Hono<AppEnv>()
  .get('/', async (c) => {
    const items = await loadItems(c.env.CORPUS, await requireBuild(c))
    const topicRows = topics.topics
      .map((t) => {
        const n = items.filter((i) => i.topics.includes(t.slug)).length
        return `<li><a href="/topics/${t.slug}">${escapeHtml(t.title)}</a> <small>${n} items · <a href="/topics/${t.slug}/feed.xml">RSS</a> · <a href="/topics/${t.slug}/atom.xml">Atom</a> · <a href="/topics/${t.slug}/feed.json">JSON</a></small></li>`
      })
      .join('\n')
    const body = `<h1>${escapeHtml(site.title)}</h1>
<p>${escapeHtml(site.description)}</p>
<p>All news: <a href="/feed.xml">RSS</a> · <a href="/atom.xml">Atom</a> · <a href="/feed.json">JSON Feed</a> · <a href="/opml.xml">OPML of every feed</a></p>
<h2>Topics</h2>
<ul>${topicRows}</ul>
<h2>Latest</h2>
${itemList(items.slice(0, LATEST))}`
    return c.html(layout(site.title, body, feedLinks('', site.title)))
  })
  .get('/topics/:slug', async (c) => {
    const topic = topics.topics.find((t) => t.slug === c.req.param('slug'))
    if (!topic)
      throw httpError(404, `unknown topic "${c.req.param('slug')}"`, {
        topics: topics.topics.map((t) => t.slug),
      })
    const items = selectItems(await loadItems(c.env.CORPUS, await requireBuild(c)), {
      topic: topic.slug,
      q: null,
      lang: null,
    })
    const prefix = `/topics/${topic.slug}`
    const body = `<p><a href="/">${escapeHtml(site.name)}</a></p>
<h1>${escapeHtml(topic.title)}</h1>
<p>${escapeHtml(topic.description)}</p>
<p>Feeds: <a href="${prefix}/feed.xml">RSS</a> · <a href="${prefix}/atom.xml">Atom</a> · <a href="${prefix}/feed.json">JSON Feed</a></p>
${itemList(items.slice(0, 200))}`
    return c.html(
      layout(
        `${topic.title}: ${site.name}`,
        body,
        feedLinks(prefix, `${site.name}: ${topic.title}`)
      )
    )
  })
  .get('/items/:id', async (c) => {
    const items = await loadItems(c.env.CORPUS, await requireBuild(c))
    const item = items.find((i) => i.id === c.req.param('id'))
    if (!item) throw httpError(404, `no item ${c.req.param('id')}`)
    const paragraphs = item.contentText
      .split('\n\n')
      .map((p) => `<p>${escapeHtml(p)}</p>`)
      .join('\n')
    const tags = item.topics
      .map(
        (slug) =>
          `<a href="/topics/${slug}">${escapeHtml(topics.topics.find((t) => t.slug === slug)?.title ?? slug)}</a>`
      )
      .join(', ')
    const body = `<p><a href="/">${escapeHtml(site.name)}</a></p>
<article lang="${item.lang === 'und' ? '' : item.lang}">
<h1>${escapeHtml(item.title)}</h1>
<p><small>Published: ${item.published ?? 'unknown'}${item.eventDate ? ` · Event: ${item.eventDate}${item.eventEndDate ? `–${item.eventEndDate}` : ''}` : ''}${tags ? ` · ${tags}` : ''}</small></p>
${paragraphs}
</article>`
    return c.html(layout(item.title, body))
  })
  .get('/build.json', async (c) => {
    const report = await c.env.CORPUS.get(REPORT_KEY)
    if (!report) throw httpError(404, 'no build yet')
    return c.body(report, 200, {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-cache',
      'access-control-allow-origin': '*',
    })
  })
