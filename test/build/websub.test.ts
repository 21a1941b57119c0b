import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { readCurrentId, readManifest } from '../../src/store/builds'
import { addPages, BASE, corpusPages, page, rebuildNow } from '../helpers'

const HUB = inject('hubUrl')

type Published = Array<{ mode: string; url: string; type: string }>
const published = async () => (await (await fetch(`${HUB}published`)).json()) as Published

beforeAll(async () => {
  await addPages(corpusPages())
  await rebuildNow({ WEBSUB_HUB: HUB })
})

describe('WebSub pings to a real hub', () => {
  it('reach the hub from workerd, one publish post per subscription feed whose bytes changed', async () => {
    await fetch(`${HUB}reset`, { method: 'POST' })
    const before = await readManifest(env.CORPUS, (await readCurrentId(env.CORPUS)) ?? '')
    await addPages([
      page(
        '950_websub.txt',
        '05.03.2025',
        '',
        'On 5 March 2025, the CSTO Secretariat hosted a seminar on artificial intelligence in the protection of critical infrastructure.'
      ),
    ])
    const report = await rebuildNow({ WEBSUB_HUB: HUB })
    const after = await readManifest(env.CORPUS, report.buildId ?? '')
    const changed = Object.entries(after?.docs ?? {})
      .filter(
        ([path, meta]) =>
          meta.cache === 'feed' && path !== '/opml.xml' && before?.docs[path]?.etag !== meta.etag
      )
      .map(([path]) => `${BASE}${path}`)
      .sort()
    const got = await published()
    expect(got.map((p) => p.url).sort()).toEqual(changed)
    expect(got.every((p) => p.mode === 'publish')).toBe(true)
    expect(got.every((p) => p.type === 'application/x-www-form-urlencoded')).toBe(true)
    expect(changed).toContain(`${BASE}/feed.xml`)
    expect(changed.length).toBeGreaterThanOrEqual(3)
    expect(report.hub).toEqual({ url: HUB, pinged: expect.any(Array), failed: [] })
    expect(report.hub?.pinged.sort()).toEqual(changed)
  })

  it('send nothing when no feed changed', async () => {
    await fetch(`${HUB}reset`, { method: 'POST' })
    const report = await rebuildNow({ WEBSUB_HUB: HUB })
    expect(report.feeds.changed).toBe(0)
    expect(await published()).toEqual([])
  })
})
