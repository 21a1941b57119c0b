/**
 * Pages for people and their data: `/`, `/topics/<slug>`, `/items/<id>`, `/topics.json`,
 * `/build.json`. Rendered from the served build's items; the templates are in src/pages/.
 */
import { Hono } from 'hono'
import { builderOf } from '../build/object'
import { type BuildReport, publicReport } from '../build/report'
import { latestItems } from '../build/served'
import { site, topics } from '../content'
import { type FeedSpec, type FORMATS, feedPath, feedTitle, pagePath } from '../feeds'
import { mediaTopicNames } from '../feeds/view'
import { renderHome, renderTopic, type TopicSummary } from '../pages/home'
import { renderItem } from '../pages/item'
import type { FeedLinks } from '../pages/layout'
import type { Topic } from '../site'
import type { Manifest } from '../store/builds'
import { REPORT_KEY } from '../store/keys'
import { CACHE_CONTROL } from './cache'
import { type AppContext, type AppEnv, requireBuild, topicOf } from './context'
import { httpError } from './errors'
import { PAGE_CSP } from './security'

function feedLinks(baseUrl: string, spec: FeedSpec): FeedLinks {
  const url = (format: keyof typeof FORMATS) => `${baseUrl}${feedPath(spec, format)}`
  return {
    title: feedTitle(site, spec.topic),
    rss: url('rss'),
    atom: url('atom'),
    json: url('json'),
  }
}

function summaryOf(manifest: Manifest, topic: Topic): TopicSummary {
  return {
    topic,
    count: manifest.counts[topic.slug] ?? 0,
    newest: manifest.newest?.[topic.slug] ?? null,
    feed: feedLinks(manifest.baseUrl, { topic }),
  }
}

function summaries(manifest: Manifest): TopicSummary[] {
  return topics.topics.map((topic) => summaryOf(manifest, topic))
}

function html(c: AppContext, body: string): Response {
  return c.html(body, 200, {
    'cache-control': CACHE_CONTROL.page,
    'x-content-type-options': 'nosniff',
    'content-security-policy': PAGE_CSP,
  })
}

export const pageRoutes = new Hono<AppEnv>()
  .get('/', async (c) => {
    const manifest = await requireBuild(c)
    return html(
      c,
      renderHome({
        site,
        baseUrl: manifest.baseUrl,
        all: feedLinks(manifest.baseUrl, { topic: null }),
        topics: summaries(manifest),
        count: manifest.counts[''] ?? 0,
        newest: manifest.newest?.[''] ?? null,
        items: await latestItems(c.env.CORPUS, manifest, ''),
      })
    )
  })
  .get('/topics/:slug', async (c) => {
    const topic = topicOf(c.req.param('slug'))
    const manifest = await requireBuild(c)
    const summary = summaryOf(manifest, topic)
    const items = await latestItems(c.env.CORPUS, manifest, summary.topic.slug)
    return html(c, renderTopic({ site, summary, items }))
  })
  .get('/items/:id', async (c) => {
    const manifest = await requireBuild(c)
    const id = c.req.param('id')
    const item = /^[0-9a-f]{16}$/.test(id) ? await builderOf(c.env).item(id) : null
    if (!item) throw httpError(404, `no item ${id}`)
    const url = `${manifest.baseUrl}/items/${item.id}`
    return html(
      c,
      renderItem({
        site,
        item,
        url,
        topics: topics.topics.filter((t) => item.topics.includes(t.slug)),
      })
    )
  })
  .get('/topics.json', async (c) => {
    const manifest = await requireBuild(c)
    const { baseUrl } = manifest
    const all = feedLinks(baseUrl, { topic: null })
    const body = {
      all: {
        title: all.title,
        count: manifest.counts[''] ?? 0,
        page: `${baseUrl}/`,
        feeds: { rss: all.rss, atom: all.atom, json: all.json },
      },
      topics: summaries(manifest).map(({ topic, count, feed }) => ({
        slug: topic.slug,
        title: topic.title,
        description: topic.description,
        iptc: topic.iptc,
        mediaTopics: topic.mediaTopics.map((m) => ({ ...mediaTopicNames(m.code), label: m.label })),
        count,
        page: `${baseUrl}${pagePath(topic)}`,
        feeds: { rss: feed.rss, atom: feed.atom, json: feed.json },
      })),
      opml: `${baseUrl}/opml.xml`,
    }
    return c.json(body, 200, {
      'cache-control': CACHE_CONTROL.page,
      'access-control-allow-origin': '*',
    })
  })
  .get('/build.json', async (c) => {
    const report = await c.env.CORPUS.get<BuildReport>(REPORT_KEY, 'json')
    if (!report) throw httpError(404, 'no build yet')
    return c.json(publicReport(report), 200, {
      'cache-control': CACHE_CONTROL.report,
      'access-control-allow-origin': '*',
    })
  })
