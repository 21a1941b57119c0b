import {
  createExecutionContext,
  createScheduledController,
  runDurableObjectAlarm,
  runInDurableObject,
  waitOnExecutionContext,
} from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { beforeEach, describe, expect, it } from 'vitest'
import {
  type Budget,
  type BuildDeps,
  type BuildRequest,
  type Job,
  runBuild,
} from '../../src/build/job'
import { builderOf } from '../../src/build/object'
import { buildConfig } from '../../src/content'
import type { Env } from '../../src/env'
import worker from '../../src/index'
import type { RawDoc } from '../../src/model'
import { readBlob, readCurrentId, readManifest } from '../../src/store/builds'
import { DerivedStore } from '../../src/store/derived'
import { REPORT_KEY } from '../../src/store/keys'
import { countingKv, durableSql, zeroCounts } from '../../src/store/sql'
import {
  AUTH,
  addPages,
  BASE,
  call,
  clearStorage,
  corpusPages,
  extract,
  page,
  rebuildNow,
} from '../helpers'

const request: BuildRequest = { baseUrl: BASE, origin: null, hubUrl: null, scan: false }

/** The KV binding, failing every write after the first `writes`: a build cut off midway. */
function failingAfter(kv: KVNamespace, writes: number): KVNamespace {
  let puts = 0
  return new Proxy(kv, {
    get(target, prop) {
      const value = Reflect.get(target, prop)
      if (typeof value !== 'function') return value
      if (prop !== 'put') return value.bind(target)
      return (...args: Parameters<KVNamespace['put']>) => {
        puts++
        if (puts > writes) return Promise.reject(new Error('injected KV write failure'))
        return target.put(...args)
      }
    },
  })
}

/** Runs one invocation of the build inside the Builder, with its real storage and KV. */
async function invoke(
  options: {
    budget?: Budget
    kv?: (kv: KVNamespace) => KVNamespace
    fetch?: BuildDeps['fetch']
    config?: BuildDeps['config']
  } = {},
  over: Partial<typeof request> = {}
) {
  return runInDurableObject(builderOf(env as Env), async (_instance, state) => {
    const counts = zeroCounts()
    const kv = countingKv(env.CORPUS, counts)
    const deps: BuildDeps = {
      kv: options.kv ? options.kv(kv) : kv,
      store: new DerivedStore(durableSql(state.storage, counts)),
      config: options.config ?? buildConfig,
      now: () => new Date(),
      fetch: options.fetch ?? (async () => new Response(null, { status: 204 })),
      counts,
    }
    const outcome = await runBuild(deps, { ...request, ...over }, options.budget)
    return { ...outcome, counts, job: deps.store.getMeta<Job>('job') }
  })
}

async function feedState(): Promise<{ etags: Array<string | null>; ids: string[] }> {
  const etags = await Promise.all(
    ['/feed.xml', '/atom.xml', '/feed.json'].map(async (p) => (await call(p)).headers.get('etag'))
  )
  const json = (await (await call('/feed.json?limit=200')).json()) as {
    items: Array<{ id: string }>
  }
  return { etags, ids: json.items.map((i) => i.id) }
}

const NEW_TEASER = page(
  '005_new.txt',
  '14.02.2025',
  '',
  'On 14 February 2025, the CSTO Secretariat hosted a seminar on artificial intelligence and the use of AI in countering cyber threats.'
)

/** Distinct dated stories, one per page: a corpus that needs many invocations with a small budget. */
function stories(count: number): RawDoc[] {
  const cities = ['Minsk', 'Almaty', 'Bishkek', 'Dushanbe', 'Yerevan', 'Moscow', 'Astana']
  return Array.from({ length: count }, (_, i) => {
    const day = String((i % 28) + 1).padStart(2, '0')
    const month = String((Math.floor(i / 28) % 12) + 1).padStart(2, '0')
    const city = cities[i % cities.length]
    return page(
      `story-${String(i).padStart(3, '0')}.txt`,
      `${day}.${month}.2024`,
      '',
      `On ${Number(day)} ${month === '01' ? 'January' : 'March'} 2024, delegation number ${i + 100} of the CSTO held talks in ${city} on case ${i * 7 + 3} of border security and the exchange of information between the services.`
    )
  })
}

/** Deletes a stored page by its name, through the admin API. */
async function deletePage(name: string): Promise<void> {
  const list = (await (await call('/admin/documents', { headers: AUTH })).json()) as {
    documents: Array<{ sha: string; name: string }>
  }
  const sha = list.documents.find((d) => d.name === name)?.sha
  await call(`/admin/documents/${sha}`, { method: 'DELETE', headers: AUTH })
}

/** A page written straight into KV, as `npm run ingest -- --remote` does. */
async function putBehindTheWorker(doc: RawDoc): Promise<void> {
  const bytes = new TextEncoder().encode(doc.text)
  const digest = await crypto.subtle.digest('SHA-256', bytes)
  const sha = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('')
  await env.CORPUS.put(`raw/${sha}`, bytes, {
    metadata: { name: doc.name, receivedAt: new Date().toISOString(), bytes: bytes.byteLength },
  })
}

describe('an incremental build', () => {
  beforeEach(async () => {
    await clearStorage()
    await addPages(corpusPages())
    await rebuildNow()
  })

  it('is idempotent: the same corpus writes nothing and keeps the ETags', async () => {
    const before = await feedState()
    const { report } = await invoke()
    expect(report).toMatchObject({ changed: false, pending: 0, feeds: { changed: 0, kvWrites: 1 } })
    expect(await feedState()).toEqual(before)
  })

  it('reports per-topic counts, merges, warnings and the storage ratio', async () => {
    const report = (await (await call('/build.json')).json()) as Record<string, unknown>
    expect(report).toMatchObject({ documents: 5, pageItems: 24, items: 18, merges: 6, pending: 0 })
    expect((report.topics as Record<string, number>).ai).toBe(1)
    expect(
      (report.warnings as { byKind: Record<string, number> }).byKind.boilerplate
    ).toBeGreaterThan(0)
    const storage = report.storage as { storedBytes: number; documentBytes: number }
    expect(storage.storedBytes).toBeLessThan(storage.documentBytes / 3)
  })

  it('keeps every id when a new page repeats an old item', async () => {
    const before = await feedState()
    const repeat = page(
      '006_repeat.txt',
      '20.06.2024',
      '',
      corpusPages()[0]?.text.split('\n')[0] ?? ''
    )
    await addPages([repeat])
    expect((await rebuildNow()).changed).toBe(true)
    expect([...(await feedState()).ids].sort()).toEqual([...before.ids].sort())
  })

  it('renders only what a new page touches; the rest keeps its bytes, ETag and Last-Modified', async () => {
    const docs = async () => {
      const id = await readCurrentId(env.CORPUS)
      return (id && (await readManifest(env.CORPUS, id))?.docs) || {}
    }
    const before = await docs()
    await addPages([NEW_TEASER])
    const report = await rebuildNow()
    const after = await docs()
    const changed = Object.keys(after).filter((p) => after[p]?.etag !== before[p]?.etag)
    // The main feed and the new item's topics' subscription feeds; its month is inside the window.
    const topics = extract([NEW_TEASER]).items[0]?.topics ?? []
    expect(topics).toContain('ai')
    const feeds = ['', ...topics.map((t) => `/topics/${t}`)]
    expect(changed.sort()).toEqual(
      feeds
        .flatMap((f) => ['feed.xml', 'atom.xml', 'feed.json'].map((file) => `${f}/${file}`))
        .sort()
    )
    for (const path of Object.keys(after).filter((p) => !changed.includes(p)))
      expect(after[path]).toEqual(before[path])
    expect(report.feeds.changed).toBeLessThanOrEqual(12)
    expect(report.invocations.maxKvOps).toBeLessThan(50)
  })

  it('writes no feed again when a new page only repeats an item (its page lists the new source)', async () => {
    await addPages([NEW_TEASER])
    await rebuildNow()
    const before = await readManifest(env.CORPUS, (await readCurrentId(env.CORPUS)) ?? '')
    // Another page (other bytes: a navigation line the pipeline drops) with the same teaser.
    const repeat = { name: '006_repeat.txt', text: `${NEW_TEASER.text}\n\nBack to all news\n` }
    await addPages([repeat])
    const report = await rebuildNow()
    expect(report.feeds).toMatchObject({ rendered: 0, changed: 0 })
    const after = await readManifest(env.CORPUS, (await readCurrentId(env.CORPUS)) ?? '')
    expect(after?.docs).toEqual(before?.docs)
    const feed = (await (await call('/feed.json')).json()) as {
      items: Array<{ url: string; content_text: string }>
    }
    const item = feed.items.find((i) => i.content_text.includes('artificial intelligence'))
    const pageHtml = await (await call(new URL(item?.url ?? '/items/none').pathname)).text()
    expect(pageHtml).toContain('005_new.txt')
    expect(pageHtml).toContain('006_repeat.txt')
  })

  it('goes on in bounded invocations and serves the previous build whole until the flip', async () => {
    const before = await feedState()
    await addPages(stories(60))
    const budget = { units: 60, kvOps: 15 }
    const seen: number[] = []
    let outcome = await invoke({ budget })
    while (!outcome.done) {
      expect(outcome.report.pending).toBeGreaterThan(0)
      expect(await feedState()).toEqual(before)
      seen.push(
        outcome.counts.kvReads +
          outcome.counts.kvWrites +
          outcome.counts.kvLists +
          outcome.counts.kvDeletes
      )
      outcome = await invoke({ budget })
    }
    expect(seen.length).toBeGreaterThan(5)
    // One step may finish past the budget: a chunk of 10 documents in 3 formats, a bulk read.
    for (const ops of seen) expect(ops).toBeLessThanOrEqual(budget.kvOps + 35)
    expect(outcome.report).toMatchObject({ pending: 0, documents: 65, items: 78 })
    expect((await feedState()).ids).toHaveLength(78)
  }, 60_000)

  it('resumes after a failure where it stopped, without redoing the finished steps', async () => {
    const before = await feedState()
    await addPages([NEW_TEASER, ...stories(20)])
    for (const writes of [0, 2, 5]) {
      await expect(invoke({ kv: (kv) => failingAfter(kv, writes) })).rejects.toThrow(
        'injected KV write failure'
      )
      expect(await feedState()).toEqual(before)
    }
    const job = await runInDurableObject(builderOf(env as Env), (_i, state) =>
      new DerivedStore(durableSql(state.storage, zeroCounts())).getMeta<Job>('job')
    )
    expect(job?.phases[0]).toBe('render')
    const resumed = await invoke()
    expect(resumed.done).toBe(true)
    // Nothing extracted again: no page was read from KV.
    expect(resumed.counts.kvReads).toBe(0)
    expect((await feedState()).ids).toHaveLength(before.ids.length + 21)
  }, 60_000)

  it('writes the report of a finished build again when storing it failed', async () => {
    await addPages([NEW_TEASER])
    let failed = false
    const reportFailsOnce = (kv: KVNamespace) =>
      new Proxy(kv, {
        get(target, prop) {
          const value = Reflect.get(target, prop)
          if (typeof value !== 'function') return value
          if (prop !== 'put') return value.bind(target)
          return (...args: Parameters<KVNamespace['put']>) => {
            if (args[0] !== REPORT_KEY || failed) return target.put(...args)
            failed = true
            return Promise.reject(new Error('injected report write failure'))
          }
        },
      })
    await expect(invoke({ kv: reportFailsOnce })).rejects.toThrow('injected report write failure')
    const { done, report } = await invoke()
    expect(done).toBe(true)
    expect(report).toMatchObject({ phase: null, pending: 0, items: 19 })
    expect(report.adminActions.length).toBeGreaterThan(0)
    expect(await env.CORPUS.get(REPORT_KEY, 'json')).toMatchObject({ buildId: report.buildId })
  })

  it('answers a second rebuild while one runs with 202 and the running report', async () => {
    await addPages(stories(150))
    const stub = builderOf(env as Env)
    const rebuild = { baseUrl: BASE, origin: null, hubUrl: null, scan: false }
    const [first, second] = await Promise.all([stub.rebuild(rebuild), stub.rebuild(rebuild)])
    expect([first.status, second.status]).toContain(202)
    while (await runDurableObjectAlarm(stub)) {}
    const report = (await (await call('/build.json')).json()) as { pending: number; items: number }
    expect(report).toMatchObject({ pending: 0, items: 168 })
  }, 60_000)

  it('forgets the items of a deleted page at the next build', async () => {
    await addPages([NEW_TEASER])
    await rebuildNow()
    await deletePage('005_new.txt')
    expect((await rebuildNow()).items).toBe(18)
    expect((await feedState()).ids).toHaveLength(18)
  })

  it('learns navigation as pages arrive and forgets it as they go, as the batch pipeline does', async () => {
    const COUNCIL =
      'Coordination Council of the Heads of Authorized Bodies for Emergency Situations'
    const subSite = (n: number) =>
      page(
        `sub-${n}.txt`,
        COUNCIL,
        '',
        'About the Council',
        '',
        `0${n}.02.2025`,
        `On ${n} February 2025, rescue unit number ${n * 11} trained to search for people under rubble in Astana.`,
        '',
        'Documents of the Council'
      )
    const titles = async () =>
      (
        (await (await call('/feed.json?limit=200')).json()) as { items: Array<{ title: string }> }
      ).items
        .map((i) => i.title)
        .sort()
    const batch = (pages: RawDoc[]) =>
      extract(pages)
        .items.map((i) => i.title)
        .sort()
    await addPages([subSite(1), subSite(2)])
    await rebuildNow()
    // Two pages share a frame as two may share a story: not yet navigation (one item of two copies).
    expect(await titles()).toContain(COUNCIL)
    await addPages([subSite(3)])
    const report = await rebuildNow()
    expect(await titles()).not.toContain(COUNCIL)
    expect(report.warnings.byKind['learned-boilerplate']).toBe(6)
    expect(await titles()).toEqual(batch([...corpusPages(), subSite(1), subSite(2), subSite(3)]))
    await deletePage('sub-3.txt')
    await rebuildNow()
    expect(await titles()).toEqual(batch([...corpusPages(), subSite(1), subSite(2)]))
  })

  it('keeps a blob that a later build uses again (the latest items as they were before)', async () => {
    const home = async () => (await call('/')).status
    await rebuildNow()
    await addPages([NEW_TEASER])
    await rebuildNow()
    await deletePage('005_new.txt')
    // The window is the first build's again: so is its blob, discarded by the second build.
    await rebuildNow()
    expect(await home()).toBe(200)
    await addPages([stories(1)[0] as RawDoc])
    await rebuildNow()
    expect(await home()).toBe(200)
  })

  it('drops a topic no longer configured, with its documents, listings and latest items', async () => {
    await rebuildNow()
    const [gone, ...kept] = buildConfig.topics
    const config = { ...buildConfig, topics: kept }
    const before = await readManifest(env.CORPUS, (await readCurrentId(env.CORPUS)) ?? '')
    const latest = before?.latest[gone?.slug ?? ''] ?? ''
    expect(await readBlob(env.CORPUS, latest)).not.toBeNull()
    // The change, then two more builds: the second prunes what the first discarded.
    for (const page of [null, ...stories(2)]) {
      if (page) await addPages([page])
      while (!(await invoke({ config })).done) {}
    }
    expect((await call(`/topics/${gone?.slug}/feed.xml`)).status).toBe(404)
    expect(await readBlob(env.CORPUS, latest)).toBeNull()
    expect((await call('/')).status).toBe(200)
    expect((await call(`/topics/${kept[0]?.slug}`)).status).toBe(200)
  })

  it('finds pages stored in KV behind the worker when asked to scan', async () => {
    await putBehindTheWorker(NEW_TEASER)
    await rebuildNow()
    expect((await feedState()).ids).toHaveLength(18)
    const response = await call('/admin/rebuild?scan=1', { method: 'POST', headers: AUTH })
    expect(response.status).toBe(200)
    expect((await feedState()).ids).toHaveLength(19)
  })

  it('runs on the cron trigger, finding pages stored in KV behind the worker', async () => {
    await putBehindTheWorker(NEW_TEASER)
    const ctx = createExecutionContext()
    await worker.scheduled(
      createScheduledController({ cron: '*/30 * * * *' }),
      { ...env } as Env,
      ctx
    )
    await waitOnExecutionContext(ctx)
    while (await runDurableObjectAlarm(builderOf(env as Env))) {}
    expect((await feedState()).ids).toHaveLength(19)
  })
})

describe('the first build', () => {
  beforeEach(async () => {
    await clearStorage()
  })

  it('is never decided by a reader: without BASE_URL, a read before it answers 503 and pins no origin', async () => {
    await addPages(corpusPages())
    const early = await call('http://evil.example/feed.xml')
    expect(early.status).toBe(503)
    expect(await early.text()).toMatch(/BASE_URL/)
    expect(await readCurrentId(env.CORPUS)).toBeNull()
    // The first admin rebuild pins its origin; other hosts are then answered from that build.
    await rebuildNow()
    const rss = await (await call('http://evil.example/feed.xml')).text()
    expect(rss).toContain(`<link>${BASE}/items/`)
    expect(rss).not.toContain('evil.example')
  })

  it('is made at the first read when BASE_URL says where links point', async () => {
    await addPages(corpusPages())
    const rss = await call(
      'http://evil.example/feed.xml',
      {},
      { BASE_URL: 'https://news.example.org' }
    )
    expect(rss.status).toBe(200)
    expect(await rss.text()).toContain('<link>https://news.example.org/items/')
  })
})
