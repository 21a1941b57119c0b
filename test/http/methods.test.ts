import { beforeAll, describe, expect, it } from 'vitest'
import { AUTH, addPages, call, corpusPages, rebuildNow } from '../helpers'

beforeAll(async () => {
  await addPages(corpusPages())
  await rebuildNow()
})

describe('methods', () => {
  it('answers a wrong method on every known path with 405 and the methods it takes', async () => {
    const cases: Array<[method: string, path: string, allow: string, headers?: HeadersInit]> = [
      ['PUT', '/', 'GET, HEAD'],
      ['POST', '/topics/ai', 'GET, HEAD'],
      ['DELETE', '/items/0123456789abcdef', 'GET, HEAD'],
      ['POST', '/topics.json', 'GET, HEAD'],
      ['DELETE', '/build.json', 'GET, HEAD'],
      ['POST', '/embed.js', 'GET, HEAD'],
      ['POST', '/embed/ai', 'GET, HEAD'],
      ['PUT', '/feed.css', 'GET, HEAD'],
      ['GET', '/admin/rebuild', 'POST', AUTH],
      ['PUT', '/admin/documents', 'GET, HEAD, POST', AUTH],
      ['POST', '/admin/report', 'GET, HEAD', AUTH],
    ]
    for (const [method, path, allow, headers] of cases) {
      const response = await call(path, { method, ...(headers ? { headers } : {}) })
      expect(response.status, `${method} ${path}`).toBe(405)
      expect(response.headers.get('allow'), `${method} ${path}`).toBe(allow)
      expect(await response.text()).toContain(`use ${allow}`)
    }
  })

  it('still answers the right methods, HEAD included, and 404 for unknown paths', async () => {
    expect((await call('/')).status).toBe(200)
    expect((await call('/', { method: 'HEAD' })).status).toBe(200)
    expect((await call('/build.json', { method: 'HEAD' })).status).toBe(200)
    expect((await call('/no/such/path', { method: 'PUT' })).status).toBe(404)
  })
})
