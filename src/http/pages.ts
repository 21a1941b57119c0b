/**
 * Pages for people and their data: `/`, `/topics/<slug>`, `/items/<id>`, `/topics.json`,
 * `/build.json`. Rendered from the served build's items; the templates are in src/pages/.
 */
import { Hono } from 'hono'
import { site, topics } from '../content'
import { type FeedSpec, type FORMATS, feedPath } from '../feeds'
import { selectItems } from '../feeds/select'
import type { Item } from '../model'
import { renderHome, renderTopic, type TopicSummary } from '../pages/home'
import { renderItem } from '../pages/item'
import type { FeedLinks } from '../pages/layout'
import { REPORT_KEY } from '../store/keys'
import { type AppContext, type AppEnv, placeOf, requireBuild } from './context'
import { httpError } from './errors'
import { loadItems } from './state'

const PAGE_CACHE = 'public, max-age=300, stale-while-revalidate=3600'

function feedLinks(baseUrl: string, spec: FeedSpec): FeedLinks {
  const url = (format: keyof typeof FORMATS) => `${baseUrl}${feedPath(spec, format)}`
  const title = spec.topic ? `${site.name}: ${spec.topic.title}` : site.title
  return { title, rss: url('rss'), atom: url('atom'), json: url('json') }
}

function summaries(baseUrl: string, items: readonly Item[]): TopicSummary[] {
  return topics.topics.map((topic) => ({
    topic,
    count: items.filter((i) => i.topics.includes(topic.slug)).length,
    feed: feedLinks(baseUrl, { topic }),
  }))
}

async function servedItems(c: AppContext): Promise<Item[]> {
  return loadItems(c.env.CORPUS, await requireBuild(c))
}

function html(c: AppContext, body: string): Response {
  return c.html(body, 200, { 'cache-control': PAGE_CACHE, 'x-content-type-options': 'nosniff' })
}

function unknownTopic(slug: string): never {
  throw httpError(404, `unknown topic "${slug}"`, { topics: topics.topics.map((t) => t.slug) })
}

export const pageRoutes = new Hono<AppEnv>()
  .get('/', async (c) => {
    const { baseUrl } = placeOf(c)
    const items = await servedItems(c)
    return html(
      c,
      renderHome({
        site,
        baseUrl,
        all: feedLinks(baseUrl, { topic: null }),
        topics: summaries(baseUrl, items),
        items,
      })
    )
  })
  .get('/topics/:slug', async (c) => {
    const { baseUrl } = placeOf(c)
    const items = await servedItems(c)
    const summary =
      summaries(baseUrl, items).find((s) => s.topic.slug === c.req.param('slug')) ??
      unknownTopic(c.req.param('slug'))
    const topicItems = selectItems(items, { topic: summary.topic.slug, q: null, lang: null })
    return html(c, renderTopic({ site, summary, items: topicItems }))
  })
  .get('/items/:id', async (c) => {
    const item = (await servedItems(c)).find((i) => i.id === c.req.param('id'))
    if (!item) throw httpError(404, `no item ${c.req.param('id')}`)
    const url = `${placeOf(c).baseUrl}/items/${item.id}`
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
    const { baseUrl } = placeOf(c)
    const items = await servedItems(c)
    const all = feedLinks(baseUrl, { topic: null })
    const body = {
      all: {
        title: all.title,
        count: items.length,
        page: `${baseUrl}/`,
        feeds: { rss: all.rss, atom: all.atom, json: all.json },
      },
      topics: summaries(baseUrl, items).map(({ topic, count, feed }) => ({
        slug: topic.slug,
        title: topic.title,
        description: topic.description,
        iptc: topic.iptc,
        count,
        page: `${baseUrl}/topics/${topic.slug}`,
        feeds: { rss: feed.rss, atom: feed.atom, json: feed.json },
      })),
      opml: `${baseUrl}/opml.xml`,
    }
    return c.json(body, 200, { 'cache-control': PAGE_CACHE, 'access-control-allow-origin': '*' })
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
