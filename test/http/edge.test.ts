import { beforeAll, describe, expect, it } from 'vitest'
import { BUILD_TAG } from '../../src/http/edge'
import { AUTH, addPages, call, corpusPages, page, rebuildNow } from '../helpers'

beforeAll(async () => {
  await addPages(corpusPages())
  await rebuildNow()
})

describe('the edge cache', () => {
  it('tags every response an edge may keep, and nothing private', async () => {
    for (const path of ['/feed.xml', '/topics/ai/atom.xml', '/feed.json', '/opml.xml', '/']) {
      const response = await call(path)
      expect(response.status, path).toBe(200)
      expect(response.headers.get('cache-control'), path).toContain('public')
      expect(response.headers.get('cache-tag'), path).toBe(BUILD_TAG)
    }
    const etag = (await call('/feed.xml')).headers.get('etag') ?? ''
    const notModified = await call('/feed.xml', { headers: { 'if-none-match': etag } })
    expect(notModified.status).toBe(304)
    expect(notModified.headers.get('cache-tag')).toBe(BUILD_TAG)
    const admin = await call('/admin/documents', { headers: AUTH })
    expect(admin.status).toBe(200)
    expect(admin.headers.get('cache-tag')).toBeNull()
  })

  it('is told of a flip that changed documents, through the worker itself', async () => {
    await addPages([
      page(
        '900_edge.txt',
        '03.03.2025',
        '',
        'On 3 March 2025, the CSTO Secretariat hosted a round table on cyber threats to critical infrastructure.'
      ),
    ])
    const report = await rebuildNow()
    expect(report.feeds.changed).toBeGreaterThan(0)
    // The loopback reached the worker's own entrypoint: local workerd has no Workers Cache.
    expect(report.edge).toEqual({
      invalidated: false,
      detail: 'no Workers Cache in this runtime',
    })
    // A build that changes nothing tells the edge nothing.
    expect((await rebuildNow()).edge).toBeNull()
  })

  it('cannot be invalidated from outside', async () => {
    const response = await call('https://edge.invalid/', { method: 'POST' })
    expect(response.status).not.toBe(200)
    expect(await response.text()).not.toContain('invalidated')
  })
})
