import { describe, expect, it } from 'vitest'
import { env, exports } from 'cloudflare:workers'

const pages = import.meta.glob('../content/pages/*.txt', { query: '?raw', import: 'default', eager: true })

describe('smoke', () => {
  it('loads pages and KV', async () => {
    expect(Object.keys(pages).length).toBe(5)
    await (env as any).CORPUS.put('a', 'b')
    expect(await (env as any).CORPUS.get('a')).toBe('b')
    const r = await exports.default.fetch('http://x/')
    expect(await r.text()).toBe('ok')
  })
})
