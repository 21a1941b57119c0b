import {
  createExecutionContext,
  createScheduledController,
  waitOnExecutionContext,
} from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { beforeEach, describe, expect, it } from 'vitest'
import { type BuildDeps, rebuild } from '../src/build'
import type { Env } from '../src/env'
import worker from '../src/index'
import { readCurrentId, readManifest } from '../src/store/builds'
import { addPages, BASE, call, clearStorage, corpusPages, page, rebuildNow } from './helpers'

const place = { baseUrl: BASE, hubUrl: null }
const deps = (over: Partial<BuildDeps> = {}): BuildDeps => ({
  kv: env.CORPUS,
  place,
  now: () => new Date(),
  fetch,
  ...over,
})

/** The KV binding, failing every write after the first `writes`: a build cut off midway. */
function failingAfter(writes: number): KVNamespace {
  let puts = 0
  return new Proxy(env.CORPUS, {
    get(target, prop) {
      if (prop === 'put') {
        return (...args: Parameters<KVNamespace['put']>) => {
          puts++
          if (puts > writes) return Promise.reject(new Error('injected KV write failure'))
          return target.put(...args)
        }
      }
      const value = Reflect.get(target, prop)
      return typeof value === 'function' ? value.bind(target) : value
    },
  })
}

const NEW_TEASER = page(
  '005_new.txt',
  '14.02.2025',
  '',
  'On 14 February 2025, the CSTO Secretariat hosted a seminar on artificial intelligence and the use of AI in countering cyber threats.'
)

async function feedState(): Promise<{ etags: Array<string | null>; ids: string[] }> {
  const etags = await Promise.all(
    ['/feed.xml', '/atom.xml', '/feed.json'].map(async (p) => (await call(p)).headers.get('etag'))
  )
  const json = (await (await call('/feed.json')).json()) as { items: Array<{ id: string }> }
  return { etags, ids: json.items.map((i) => i.id) }
}

describe('rebuild', () => {
  beforeEach(async () => {
    await clearStorage()
    await addPages(corpusPages())
    await rebuildNow()
  })

  it('leaves the previous build served whole when a write fails midway', async () => {
    const before = await feedState()
    await addPages([NEW_TEASER])
    for (const writes of [0, 1, 3, 10]) {
      await expect(rebuild(deps({ kv: failingAfter(writes) }))).rejects.toThrow(
        'injected KV write failure'
      )
      expect(await feedState()).toEqual(before)
    }
    await rebuildNow()
    const after = await feedState()
    expect(after.ids).toHaveLength(before.ids.length + 1)
    expect(after.etags).not.toEqual(before.etags)
  })

  it('is idempotent: the same corpus writes nothing and keeps the ETags', async () => {
    const before = await feedState()
    const report = await rebuild(deps())
    expect(report).toMatchObject({ changed: false, feeds: { changed: 0 } })
    expect(report.feeds.kvWrites).toBeLessThanOrEqual(1)
    expect(await feedState()).toEqual(before)
  })

  it('keeps every id across rebuilds and when a new page repeats an old item', async () => {
    const before = await feedState()
    await rebuild(deps())
    const repeat = page(
      '006_repeat.txt',
      '20.06.2024',
      '',
      corpusPages()[0]?.text.split('\n')[0] ?? ''
    )
    await addPages([repeat])
    const report = await rebuildNow()
    expect(report.changed).toBe(true)
    const after = await feedState()
    expect([...after.ids].sort()).toEqual([...before.ids].sort())
  })

  it('writes only the documents whose bytes changed, and prunes old builds', async () => {
    const firstId = await readCurrentId(env.CORPUS)
    await addPages([NEW_TEASER])
    const second = await rebuildNow()
    expect(second.feeds.changed).toBeLessThan(second.feeds.documents)
    // The changed documents, the items, the manifest, `current`, the registry and the report.
    expect(second.feeds.kvWrites).toBeLessThanOrEqual(second.feeds.changed + 5)
    await addPages([
      page(
        '007.txt',
        '15.02.2025',
        '',
        'On 15 February 2025, the CSTO Secretary General met the Ambassador of Armenia in Moscow.'
      ),
    ])
    await rebuildNow()
    expect(firstId && (await readManifest(env.CORPUS, firstId))).toBeNull()
    const builds = (await env.CORPUS.list({ prefix: 'builds/' })).keys
    expect(builds).toHaveLength(2)
  })

  it('pings the hub for exactly the subscription feeds whose bytes changed', async () => {
    const hub = 'https://hub.example/'
    const silent = (async () => new Response(null, { status: 204 })) as typeof fetch
    await rebuild(deps({ place: { baseUrl: BASE, hubUrl: hub }, fetch: silent }))
    const before = await readManifest(env.CORPUS, (await readCurrentId(env.CORPUS)) ?? '')
    await addPages([NEW_TEASER])
    const pinged: string[] = []
    const recordingFetch = (async (_url: RequestInfo | URL, init?: RequestInit) => {
      pinged.push(new URLSearchParams(String(init?.body)).get('hub.url') ?? '')
      return new Response(null, { status: 204 })
    }) as typeof fetch
    const report = await rebuild(
      deps({ place: { baseUrl: BASE, hubUrl: hub }, fetch: recordingFetch })
    )
    const after = await readManifest(env.CORPUS, report.buildId)
    const changed = Object.entries(after?.docs ?? {})
      .filter(
        ([path, meta]) =>
          meta.cache === 'feed' && path !== '/opml.xml' && before?.docs[path]?.etag !== meta.etag
      )
      .map(([path]) => `${BASE}${path}`)
    expect(pinged.sort()).toEqual(changed.sort())
    expect(pinged).toContain(`${BASE}/topics/ai/feed.xml`)
    expect(pinged).not.toContain(`${BASE}/topics/armenia/feed.xml`)
    expect(report.hub).toMatchObject({ url: hub, failed: [] })
  })

  it('reports per-topic counts, merges and warnings', async () => {
    const report = await rebuild(deps())
    expect(report).toMatchObject({ documents: 5, pageItems: 24, items: 18, merges: 6 })
    expect(report.topics.ai).toBe(1)
    expect(report.warnings.byKind.boilerplate).toBeGreaterThan(0)
  })

  it('runs on the cron trigger', async () => {
    await addPages([NEW_TEASER])
    const ctx = createExecutionContext()
    await worker.scheduled(
      createScheduledController({ cron: '*/30 * * * *' }),
      { ...env } as Env,
      ctx
    )
    await waitOnExecutionContext(ctx)
    expect((await feedState()).ids).toHaveLength(19)
  })
})
