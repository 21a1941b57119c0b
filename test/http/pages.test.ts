import { beforeAll, describe, expect, it } from 'vitest'
import { topics } from '../../src/content'
import { addPages, call, corpusPages, page, rebuildNow } from '../helpers'

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
    for (const t of topics.topics) expect(html).toContain(`href="/topics/${t.slug}/feed.xml"`)
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

  it('answer 404 to an unknown item and topic page', async () => {
    expect((await call('/items/0000000000000000')).status).toBe(404)
    expect((await call('/topics/cooking')).status).toBe(404)
  })
})
