import { beforeAll, describe, expect, it } from 'vitest'
import { site, topics } from '../../src/content'
import { addPages, BASE, call, corpusPages, page, rebuildNow } from '../helpers'

beforeAll(async () => {
  await addPages([
    ...corpusPages(),
    page('x.txt', '01.02.2025', '', 'On 1 February 2025, the <b>CSTO</b> & "partners" met.'),
  ])
  await rebuildNow()
})

describe('pages', () => {
  it('list every topic feed on the home page, with autodiscovery links', async () => {
    const response = await call('/')
    expect(response.headers.get('content-type')).toMatch(/^text\/html; charset=utf-8/i)
    const html = await response.text()
    expect(html).toContain('<link rel="alternate" type="application/rss+xml"')
    for (const t of topics.topics)
      expect(html).toContain(`href="${BASE}/topics/${t.slug}/feed.xml"`)
    expect(new TextEncoder().encode(html).byteLength).toBeLessThan(50_000)
    expect(html).not.toContain('<link rel="stylesheet"')
    // One script, ours, deferred: the copy buttons.
    expect([...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0])).toEqual([
      '<script src="/copy.js" defer>',
    ])
  })

  it('show the feeds as one table: a row per feed with its items, newest date, formats and copy button', async () => {
    const html = await (await call('/')).text()
    const tables = html.match(/<table class="feeds">[\s\S]*?<\/table>/g) ?? []
    expect(tables).toHaveLength(1)
    const rows = (tables[0]?.match(/<tbody>([\s\S]*)<\/tbody>/)?.[1] ?? '').trim().split('\n')
    const listed = (await (await call('/topics.json')).json()) as {
      all: { count: number }
      topics: Array<{ slug: string; title: string; count: number }>
    }
    expect(rows).toHaveLength(listed.topics.length + 1)
    const feeds = [{ slug: null, title: 'All news', count: listed.all.count }, ...listed.topics]
    for (const [i, feed] of feeds.entries()) {
      const row = rows[i] ?? ''
      const path = feed.slug ? `/topics/${feed.slug}` : ''
      expect(row, feed.title).toContain(`>${feed.title}<`)
      expect(row, feed.title).toContain(`<td class="count" data-label="Items">${feed.count}</td>`)
      for (const file of ['feed.xml', 'atom.xml', 'feed.json'])
        expect(row, feed.title).toContain(`href="${BASE}${path}/${file}"`)
      expect(row, feed.title).toContain(`data-copy="${BASE}${path}/feed.xml"`)
      // The newest date is the first item's day in the source's zone, when it is dated.
      const json = (await (await call(`${path}/feed.json`)).json()) as {
        items: Array<{ date_published?: string }>
      }
      const newest =
        /<td data-label="Newest">(?:<time datetime="([\d-]+)">\1<\/time>|—)<\/td>/.exec(row)
      expect(newest, feed.title).not.toBeNull()
      const first = json.items[0]?.date_published
      const day = (instant: string) =>
        new Date(instant).toLocaleDateString('en-CA', { timeZone: site.timeZone })
      if (first) expect(newest?.[1], feed.title).toBe(day(first))
      if (json.items.length === 0) expect(newest?.[1], feed.title).toBeUndefined()
    }
  })

  it('give every item of the feed a permalink page', async () => {
    const json = (await (await call('/feed.json')).json()) as {
      items: Array<{ url: string; title: string }>
    }
    for (const item of json.items) {
      const response = await call(item.url)
      expect(response.status, item.url).toBe(200)
    }
  })

  it('escape the text of items', async () => {
    const json = (await (await call('/feed.json?q=partners')).json()) as {
      items: Array<{ url: string }>
    }
    const html = await (await call(json.items[0]?.url ?? '')).text()
    expect(html).toContain('the &lt;b&gt;CSTO&lt;/b&gt; &amp; &quot;partners&quot; met.')
  })

  it('give an item page its canonical link and a NewsArticle in JSON-LD', async () => {
    const json = (await (await call('/feed.json?q=BELTA')).json()) as {
      items: Array<{ url: string; title: string }>
    }
    const url = json.items[0]?.url ?? ''
    const html = await (await call(url)).text()
    expect(html).toContain(`<link rel="canonical" href="${url}">`)
    const ld = JSON.parse(
      /<script type="application\/ld\+json">(.*?)<\/script>/s.exec(html)?.[1] ?? '{}'
    )
    expect(ld).toMatchObject({
      '@type': 'NewsArticle',
      headline: json.items[0]?.title,
      url,
      keywords: ['Belarus'],
    })
    expect(ld.datePublished).toBeUndefined()
  })

  it('describe every topic with its count and feeds in /topics.json', async () => {
    const body = (await (await call('/topics.json')).json()) as {
      all: { count: number }
      topics: Array<{ slug: string; count: number; feeds: { rss: string } }>
    }
    expect(body.all.count).toBe(19)
    expect(body.topics.map((t) => t.slug)).toEqual(topics.topics.map((t) => t.slug))
    expect(body.topics.find((t) => t.slug === 'ai')).toMatchObject({
      count: 1,
      feeds: { rss: `${BASE}/topics/ai/feed.xml` },
      iptc: ['medtop:20001298'],
      mediaTopics: [
        {
          qcode: 'medtop:20001298',
          uri: 'http://cv.iptc.org/newscodes/mediatopic/20001298',
          label: 'artificial intelligence',
        },
      ],
    })
  })

  it('title a topic page as its feed is titled, everywhere the feed is named', async () => {
    const html = await (await call('/topics/ai')).text()
    const atom = await (await call('/topics/ai/atom.xml')).text()
    const opml = await (await call('/opml.xml')).text()
    const title = /<title type="text">([^<]*)<\/title>/.exec(atom)?.[1] ?? ''
    expect(title).toMatch(/^CSTO News: /)
    expect(html).toContain(`<title>${title}</title>`)
    expect(html).toContain(`title="${title} (RSS)"`)
    expect(opml).toContain(`text="${title}"`)
  })

  it('answer 404 to an unknown item and topic page', async () => {
    expect((await call('/items/0000000000000000')).status).toBe(404)
    const unknown = await call('/topics/cooking')
    expect(unknown.status).toBe(404)
    expect(await unknown.json()).toEqual(await (await call('/topics/cooking/feed.xml')).json())
  })
})
