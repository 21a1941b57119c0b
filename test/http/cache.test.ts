import { beforeAll, describe, expect, it } from 'vitest'
import { CACHE_CONTROL, type CacheKind } from '../../src/http/cache'
import { AUTH, addPages, call, corpusPages, rebuildNow } from '../helpers'

let itemPath = ''

beforeAll(async () => {
  await addPages(corpusPages())
  await rebuildNow()
  const feed = (await (await call('/feed.json')).json()) as { items: Array<{ url: string }> }
  itemPath = new URL(feed.items[0]?.url ?? '').pathname
})

describe('the cache policy', () => {
  it('gives each kind of response the Cache-Control its kind has in the one table', async () => {
    const cases: Array<[path: string, kind: CacheKind, init?: RequestInit]> = [
      ['/feed.xml', 'feed'],
      ['/topics/ai/feed.json', 'feed'],
      ['/feed.json?limit=3', 'feed'],
      ['/opml.xml', 'feed'],
      ['/feed.css', 'asset'],
      ['/feed-view.js', 'asset'],
      ['/embed.js', 'embed-script'],
      ['/embed/ai', 'embed-page'],
      ['/', 'page'],
      ['/topics/ai', 'page'],
      [itemPath, 'page'],
      ['/topics.json', 'page'],
      ['/build.json', 'report'],
      ['/admin/report', 'admin', { headers: AUTH }],
    ]
    for (const [path, kind, init] of cases) {
      const response = await call(path, init)
      expect(response.status, path).toBe(200)
      expect(response.headers.get('cache-control'), path).toBe(CACHE_CONTROL[kind])
    }
    expect(CACHE_CONTROL.feed).toBe(
      'public, max-age=900, stale-while-revalidate=3600, stale-if-error=86400'
    )
  })
})
