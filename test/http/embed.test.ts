import { beforeAll, describe, expect, it } from 'vitest'
import { topics } from '../../src/content'
import { addPages, BASE, call, corpusPages, page, rebuildNow } from '../helpers'

const NASTY = 'On 2 February 2025, <script>alert("x")</script> & the CSTO drug trafficking talks.'

beforeAll(async () => {
  await addPages([...corpusPages(), page('nasty.txt', '02.02.2025', '', NASTY)])
  await rebuildNow()
})

/** The `<li>` rows of an embed page. */
const rowsOf = (html: string) => html.match(/<li>[\s\S]*?<\/li>/g) ?? []

describe('/embed.js', () => {
  it('serves the widget as a script any site may load, cached for an hour', async () => {
    const response = await call('/embed.js')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/javascript; charset=utf-8')
    expect(response.headers.get('access-control-allow-origin')).toBe('*')
    expect(response.headers.get('cache-control')).toBe('public, max-age=3600')
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    expect(response.headers.get('etag')).toMatch(/^"[0-9a-f]{32}"$/)
    const body = await response.text()
    expect(body).toContain('attachShadow')
    expect(body.trimEnd()).toMatch(/^\/\*[^\n]*\*\/\n\(function embedWidget\(\) \{[\s\S]*\}\)\(\)$/)
  })

  it('answers 304 to its ETag, with the same caching headers and no body', async () => {
    const etag = (await call('/embed.js')).headers.get('etag') ?? ''
    for (const inm of [etag, `W/${etag}`, `"other", ${etag}`]) {
      const response = await call('/embed.js', { headers: { 'if-none-match': inm } })
      expect(response.status, inm).toBe(304)
      expect(response.headers.get('etag')).toBe(etag)
      expect(response.headers.get('cache-control')).toBe('public, max-age=3600')
      expect(await response.text()).toBe('')
    }
    const changed = await call('/embed.js', { headers: { 'if-none-match': '"other"' } })
    expect(changed.status).toBe(200)
  })

  it('answers HEAD with the headers only', async () => {
    const response = await call('/embed.js', { method: 'HEAD' })
    expect(response.status).toBe(200)
    expect(Number(response.headers.get('content-length'))).toBeGreaterThan(1000)
    expect(await response.text()).toBe('')
  })
})

describe('/embed/<slug>', () => {
  it('lists the newest items of the topic, linked to their pages in a new tab', async () => {
    const response = await call('/embed/drug-trafficking?limit=3')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8')
    const html = await response.text()
    const feed = (await (await call('/topics/drug-trafficking/feed.json?limit=3')).json()) as {
      items: Array<{ url: string; title: string }>
    }
    const rows = rowsOf(html)
    expect(rows).toHaveLength(feed.items.length)
    expect(rows.length).toBeGreaterThan(0)
    feed.items.forEach((item, i) => {
      expect(rows[i]).toContain(`<a href="${item.url}" target="_blank" rel="noopener">`)
    })
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">')
    expect(html).toContain('prefers-color-scheme')
    for (const link of html.match(/<a [^>]*>/g) ?? [])
      expect(link).toContain('target="_blank" rel="noopener"')
  })

  it('loads nothing from anywhere: no script, no external style, no image', async () => {
    const html = await (await call('/embed/drug-trafficking')).text()
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(/i)
  })

  it('may be framed by any site, and allows only inline style', async () => {
    const response = await call('/embed/drug-trafficking')
    const csp = response.headers.get('content-security-policy') ?? ''
    expect(csp).toContain("default-src 'none'")
    expect(csp).toContain("style-src 'unsafe-inline'")
    expect(csp).toContain('frame-ancestors *')
    expect(response.headers.get('x-frame-options')).toBeNull()
    expect(response.headers.get('cache-control')).toBe('public, max-age=300')
    const etag = response.headers.get('etag') ?? ''
    const again = await call('/embed/drug-trafficking', { headers: { 'if-none-match': etag } })
    expect(again.status).toBe(304)
  })

  it('shows the text of an item as text: a <script> in it is escaped', async () => {
    const html = await (await call('/embed?limit=50')).text()
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; the CSTO')
    expect(html).not.toContain('<script>alert')
  })

  it('lists every item at /embed, 10 by default', async () => {
    const html = await (await call('/embed')).text()
    expect(rowsOf(html)).toHaveLength(10)
    expect(html).toContain(`href="${BASE}/feed.xml"`)
  })

  it('answers 404 to an unknown topic, as the feeds and pages do', async () => {
    const response = await call('/embed/cooking')
    expect(response.status).toBe(404)
    const body = (await response.json()) as { topics: Array<{ slug: string }> }
    expect(body.topics.map((t) => t.slug)).toEqual(topics.topics.map((t) => t.slug))
    const feeds = await (await call('/topics/cooking/feed.xml')).json()
    expect(body).toEqual(feeds)
  })

  it('titles its list as the feed is titled, in a page of the site frame', async () => {
    const html = await (await call('/embed/drug-trafficking')).text()
    const atom = await (await call('/topics/drug-trafficking/atom.xml')).text()
    const feedTitle = /<title[^>]*>([^<]*)<\/title>/.exec(atom)?.[1]
    expect(feedTitle).toBe('CSTO News: Drug trafficking')
    expect(html).toContain(`<title>${feedTitle}</title>`)
    expect(html).toContain('<meta name="robots" content="noindex">')
    expect(html).toMatch(/<time datetime="\d{4}-\d{2}-\d{2}">\d{1,2} [A-Z][a-z]+ \d{4}<\/time>/)
  })

  it('takes a limit from 1 to 50, clamps a larger one and refuses anything else', async () => {
    expect(rowsOf(await (await call('/embed?limit=1')).text())).toHaveLength(1)
    const all = (await (await call('/feed.json?limit=200')).json()) as { items: unknown[] }
    const clamped = await call('/embed?limit=500')
    expect(clamped.status).toBe(200)
    expect(rowsOf(await clamped.text())).toHaveLength(Math.min(all.items.length, 50))
    for (const bad of ['0', '-1', 'ten', '2.5', ''])
      expect((await call(`/embed?limit=${bad}`)).status, bad).toBe(400)
  })
})
