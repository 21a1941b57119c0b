import { parseFeed } from 'feedsmith'
import { beforeAll, describe, expect, it } from 'vitest'
import { topics } from '../../src/content'
import { addPages, BASE, call, corpusPages, rebuildNow, TOKEN } from '../helpers'

const FORMATS = [
  ['feed.xml', 'application/rss+xml; charset=utf-8'],
  ['atom.xml', 'application/atom+xml; charset=utf-8'],
  ['feed.json', 'application/feed+json; charset=utf-8'],
] as const
const FEEDS = ['', ...topics.topics.map((t) => `/topics/${t.slug}`)]

beforeAll(async () => {
  await addPages(corpusPages())
  await rebuildNow()
})

/** Item ids (guids) of a feed in any format. */
async function idsOf(path: string): Promise<string[]> {
  const response = await call(path)
  expect(response.status, path).toBe(200)
  const parsed = parseFeed(await response.text())
  const items = parsed.feed as {
    items?: Array<{ guid?: { value?: string } | string; id?: string }>
    entries?: Array<{ id?: string }>
  }
  if (parsed.format === 'atom') return (items.entries ?? []).map((e) => e.id ?? '')
  return (items.items ?? []).map((i) =>
    typeof i.guid === 'object' ? (i.guid?.value ?? '') : (i.guid ?? i.id ?? '')
  )
}

describe('feed routes', () => {
  it.each(FEEDS.flatMap((feed) => FORMATS.map(([file, type]) => [`${feed}/${file}`, type])))(
    'serve %s as %s',
    async (path, type) => {
      const response = await call(path)
      expect(response.status).toBe(200)
      expect(response.headers.get('content-type')).toBe(type)
      expect(response.headers.get('x-content-type-options')).toBe('nosniff')
      expect(response.headers.get('access-control-allow-origin')).toBe('*')
      expect(response.headers.get('etag')).toMatch(/^"[0-9a-f]{32}"$/)
      expect(response.headers.get('last-modified')).toMatch(/GMT$/)
      expect(response.headers.get('cache-control')).toMatch(
        /^public, max-age=900, stale-while-revalidate=\d+/
      )
    }
  )

  it('give the same item ids in RSS, Atom and JSON Feed', async () => {
    for (const feed of FEEDS) {
      const [rss, atom, json] = await Promise.all(FORMATS.map(([file]) => idsOf(`${feed}/${file}`)))
      expect(atom, feed).toEqual(rss)
      expect(json, feed).toEqual(rss)
    }
  })

  it('put every corpus item in the main feed, with absolute links to its page', async () => {
    const json = (await (await call('/feed.json')).json()) as {
      items: Array<{ id: string; url: string }>
    }
    expect(json.items).toHaveLength(18)
    for (const item of json.items)
      expect(item.url).toMatch(new RegExp(`^${BASE}/items/[0-9a-f]{16}$`))
  })

  it('list every feed in the OPML', async () => {
    const response = await call('/opml.xml')
    expect(response.status).toBe(200)
    const opml = await response.text()
    for (const feed of FEEDS) expect(opml).toContain(`xmlUrl="${BASE}${feed}/feed.xml"`)
  })

  it('tag items with the IPTC Media Topics of their topics in every format, labels from topics.json', async () => {
    const scheme = 'http://cv.iptc.org/newscodes/mediatopic/'
    const feed = '/topics/drug-trafficking'
    const rss = await (await call(`${feed}/feed.xml`)).text()
    const atom = await (await call(`${feed}/atom.xml`)).text()
    const json = (await (await call(`${feed}/feed.json`)).json()) as {
      items: Array<{ _iptc?: { subjects: Array<{ literal: string; name: string }> } }>
    }
    expect(json.items.length).toBeGreaterThan(0)
    const entries = atom.split('<entry').slice(1)
    const rssItems = rss.split('<item>').slice(1)
    expect([entries.length, rssItems.length]).toEqual([json.items.length, json.items.length])
    for (const [i, item] of json.items.entries()) {
      expect(item._iptc?.subjects).toContainEqual({
        name: 'drug trafficking',
        uri: `${scheme}20000096`,
        literal: 'medtop:20000096',
      })
      expect(entries[i]).toContain(
        `<category term="20000096" label="drug trafficking" scheme="${scheme}"/>`
      )
      expect(rssItems[i]).toContain(`<category domain="${scheme}">20000096</category>`)
    }
  })

  it('give the RSS ttl the same time as Cache-Control max-age', async () => {
    const response = await call('/feed.xml')
    expect(await response.text()).toContain('<ttl>15</ttl>')
    expect(response.headers.get('cache-control')).toContain('max-age=900')
  })
})

describe('conditional requests and HEAD', () => {
  it('send the stored gzip to a client that takes it, and the same bytes as text to one that does not', async () => {
    const gzip = await call('/feed.xml', { headers: { 'accept-encoding': 'gzip, br' } })
    expect(gzip.headers.get('content-encoding')).toBe('gzip')
    expect(gzip.headers.get('vary')).toContain('Accept-Encoding')
    const bytes = await gzip.arrayBuffer()
    expect(gzip.headers.get('content-length')).toBe(String(bytes.byteLength))
    const unzipped = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'))
    const plain = await call('/feed.xml', { headers: { 'accept-encoding': 'gzip;q=0' } })
    expect(plain.headers.get('content-encoding')).toBeNull()
    expect(await new Response(unzipped).text()).toBe(await plain.text())
    expect(gzip.headers.get('etag')).toBe(plain.headers.get('etag'))
    const off = await call(
      '/feed.xml',
      { headers: { 'accept-encoding': 'gzip' } },
      { ADMIN_TOKEN: TOKEN, SEND_GZIP: 'off' }
    )
    expect(off.headers.get('content-encoding')).toBeNull()
  })

  it('answer 304 without a body to a matching If-None-Match, keeping the validators', async () => {
    const first = await call('/atom.xml')
    const etag = first.headers.get('etag') ?? ''
    const second = await call('/atom.xml', { headers: { 'if-none-match': etag } })
    expect(second.status).toBe(304)
    expect(await second.text()).toBe('')
    expect(second.headers.get('etag')).toBe(etag)
    expect(second.headers.get('cache-control')).toBe(first.headers.get('cache-control'))
  })

  it('answer 304 to a weak ETag in a list, and to *', async () => {
    const etag = (await call('/feed.xml')).headers.get('etag') ?? ''
    expect(
      (await call('/feed.xml', { headers: { 'if-none-match': `"other", W/${etag}` } })).status
    ).toBe(304)
    expect((await call('/feed.xml', { headers: { 'if-none-match': '*' } })).status).toBe(304)
    expect((await call('/feed.xml', { headers: { 'if-none-match': '"other"' } })).status).toBe(200)
  })

  it('answer 304 to If-Modified-Since at or after Last-Modified, 200 before it', async () => {
    const lastModified = (await call('/feed.json')).headers.get('last-modified') ?? ''
    expect(
      (await call('/feed.json', { headers: { 'if-modified-since': lastModified } })).status
    ).toBe(304)
    const before = new Date(Date.parse(lastModified) - 60_000).toUTCString()
    expect((await call('/feed.json', { headers: { 'if-modified-since': before } })).status).toBe(
      200
    )
  })

  it('let If-None-Match win over If-Modified-Since', async () => {
    const response = await call('/feed.json')
    const headers = {
      'if-none-match': '"other"',
      'if-modified-since': response.headers.get('last-modified') ?? '',
    }
    expect((await call('/feed.json', { headers })).status).toBe(200)
  })

  it('answer HEAD with the headers of GET and no body', async () => {
    const get = await call('/feed.xml')
    const head = await call('/feed.xml', { method: 'HEAD' })
    expect(head.status).toBe(200)
    expect(await head.text()).toBe('')
    expect(head.headers.get('etag')).toBe(get.headers.get('etag'))
    expect(head.headers.get('content-length')).toBe(
      String(new TextEncoder().encode(await get.text()).byteLength)
    )
  })
})

describe('query parameters', () => {
  it('limit the number of items', async () => {
    const json = (await (await call('/feed.json?limit=5')).json()) as {
      items: unknown[]
      feed_url: string
    }
    expect(json.items).toHaveLength(5)
    expect(json.feed_url).toBe(`${BASE}/feed.json?limit=5`)
  })

  it('clamp a limit above the maximum', async () => {
    expect((await call('/feed.json?limit=100000')).status).toBe(200)
  })

  it.each([
    ['limit=abc', /limit must be a whole number from 1 to 200/],
    ['limit=0', /limit must be a whole number from 1 to 200/],
    ['limit=-3', /limit must be a whole number/],
    ['lang=fr', /lang must be one of: en, ru/],
    ['q=', /q must be 1 to 200 characters/],
  ])('answer 400 to %s, saying what is allowed', async (query, message) => {
    const response = await call(`/feed.xml?${query}`)
    expect(response.status).toBe(400)
    expect(((await response.json()) as { error: string }).error).toMatch(message)
  })

  it('filter by keyword, case-insensitively', async () => {
    const json = (await (await call('/feed.json?q=belta')).json()) as {
      items: Array<{ content_text: string }>
    }
    expect(json.items).toHaveLength(1)
    expect(json.items[0]?.content_text).toContain('BELTA')
  })

  it('fold Russian case in keywords, in the Russian twin too', async () => {
    const json = (await (
      await call('/feed.json?q=%D0%91%D0%9B%D0%90%D0%93%D0%9E%D0%94%D0%90%D0%A0%D0%AF')
    ).json()) as { items: Array<{ title: string }> }
    expect(json.items.map((i) => i.title)).toEqual([
      expect.stringMatching(/^Abstracts of the speech/),
    ])
  })

  it('filter by language', async () => {
    const json = (await (await call('/feed.json?lang=ru')).json()) as { items: unknown[] }
    expect(json.items).toHaveLength(0)
    expect(
      ((await (await call('/feed.json?lang=en')).json()) as { items: unknown[] }).items
    ).toHaveLength(18)
  })

  it('filter a topic feed by keyword', async () => {
    const json = (await (await call('/topics/drug-trafficking/feed.json?q=26th')).json()) as {
      items: Array<{ title: string }>
    }
    expect(json.items.map((i) => i.title)).toEqual([expect.stringContaining('26th meeting')])
  })

  it('give a filtered feed its own validators and conditional GET', async () => {
    const first = await call('/feed.xml?q=council')
    const etag = first.headers.get('etag') ?? ''
    expect(etag).not.toBe((await call('/feed.xml')).headers.get('etag'))
    expect((await call('/feed.xml?q=council', { headers: { 'if-none-match': etag } })).status).toBe(
      304
    )
  })
})

describe('errors', () => {
  it('answer 404 to an unknown topic, listing the known ones', async () => {
    const response = await call('/topics/cooking/feed.xml')
    expect(response.status).toBe(404)
    const body = (await response.json()) as { error: string; topics: Array<{ slug: string }> }
    expect(body.error).toContain('unknown topic "cooking"')
    expect(body.topics.map((t) => t.slug)).toEqual(topics.topics.map((t) => t.slug))
  })

  it('answer 405 to a method other than GET or HEAD, with Allow', async () => {
    const response = await call('/feed.xml', { method: 'POST', body: 'x' })
    expect(response.status).toBe(405)
    expect(response.headers.get('allow')).toBe('GET, HEAD, OPTIONS')
  })

  it('answer a CORS preflight', async () => {
    const response = await call('/feed.json', {
      method: 'OPTIONS',
      headers: { origin: 'https://other.example', 'access-control-request-method': 'GET' },
    })
    expect(response.status).toBe(204)
    expect(response.headers.get('access-control-allow-origin')).toBe('*')
  })

  it('answer 404 to an unknown archive', async () => {
    expect((await call('/archive/1999-01/feed.xml')).status).toBe(404)
  })
})

describe('links', () => {
  it('keep the origin of the first build whatever Host the request names', async () => {
    const rss = await (await call('http://evil.example/feed.xml')).text()
    expect(rss).toContain(`<atom:link href="${BASE}/feed.xml" rel="self"`)
    expect(rss).toContain(`<link>${BASE}/items/`)
    expect(rss).not.toContain('evil.example')
  })

  it('point to the configured base URL once a build is made with it', async () => {
    const configured = { BASE_URL: 'https://news.example.org/' }
    try {
      await rebuildNow(configured)
      const json = (await (await call('http://127.0.0.1:8787/feed.json')).json()) as {
        feed_url: string
        items: Array<{ url: string }>
      }
      expect(json.feed_url).toBe('https://news.example.org/feed.json')
      expect(json.items[0]?.url).toMatch(/^https:\/\/news\.example\.org\/items\//)
    } finally {
      await rebuildNow({ BASE_URL: BASE })
    }
  })

  it('announce a configured WebSub hub in every format and in Link headers', async () => {
    try {
      await rebuildNow({ WEBSUB_HUB: 'http://127.0.0.1:9/hub' })
      const rss = await call('/topics/ai/feed.xml')
      expect(rss.headers.get('link')).toBe(
        `<http://127.0.0.1:9/hub>; rel="hub", <${BASE}/topics/ai/feed.xml>; rel="self"`
      )
      expect(await rss.text()).toMatch(/<atom:link href="http:\/\/127\.0\.0\.1:9\/hub" rel="hub"/)
      expect(await (await call('/atom.xml')).text()).toMatch(
        /<link rel="hub" href="http:\/\/127\.0\.0\.1:9\/hub"/
      )
      const json = (await (await call('/feed.json')).json()) as {
        hubs: Array<{ type: string; url: string }>
      }
      expect(json.hubs).toEqual([{ type: 'WebSub', url: 'http://127.0.0.1:9/hub' }])
    } finally {
      await rebuildNow()
    }
  })
})

describe('a feed opened in a browser', () => {
  const BROWSER = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8'

  it('links a CSS stylesheet, never XSLT', async () => {
    for (const path of ['/feed.xml', '/topics/ai/atom.xml']) {
      const xml = await (await call(path)).text()
      expect(xml.split('\n')[1]).toBe(`<?xml-stylesheet type="text/css" href="${BASE}/feed.css"?>`)
      expect(xml).not.toContain('text/xsl')
    }
    const css = await call('/feed.css')
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8')
    expect(await css.text()).toContain('To subscribe')
  })

  it('loads the feed view script from our origin, in every RSS and Atom document', async () => {
    const element = `<html:script xmlns:html="http://www.w3.org/1999/xhtml" src="${BASE}/feed-view.js"/>`
    for (const path of ['/feed.xml', '/atom.xml', '/topics/ai/feed.xml', '/topics/ai/atom.xml'])
      expect(await (await call(path)).text(), path).toContain(element)
    const script = await call('/feed-view.js')
    expect(script.status).toBe(200)
    expect(script.headers.get('content-type')).toBe('application/javascript; charset=utf-8')
    expect(script.headers.get('etag')).toMatch(/^"/)
    const text = await script.text()
    // The function, called at once, and nothing it would need from the bundle.
    expect(text).toMatch(/^\/\*[^\n]*\*\/\n\(function feedView\(\) \{/)
    expect(text).not.toContain('__name')
  })

  it('is the same bytes as application/xml for a browser, with its own ETag; readers keep the feed type', async () => {
    const reader = await call('/feed.xml', { headers: { accept: 'application/rss+xml, */*' } })
    const browser = await call('/feed.xml', { headers: { accept: BROWSER } })
    expect(reader.headers.get('content-type')).toBe('application/rss+xml; charset=utf-8')
    expect(browser.headers.get('content-type')).toBe('application/xml; charset=utf-8')
    expect(browser.headers.get('vary')).toBe('Accept, Accept-Encoding')
    expect(reader.headers.get('vary')).toBe('Accept, Accept-Encoding')
    expect(browser.headers.get('etag')).not.toBe(reader.headers.get('etag'))
    expect(await browser.text()).toBe(await reader.text())
    const again = await call('/feed.xml', {
      headers: { accept: BROWSER, 'if-none-match': browser.headers.get('etag') ?? '' },
    })
    expect(again.status).toBe(304)
  })
})
