/**
 * `npm run bench` (after the worker bench): how many polls reach the worker with the edge cache
 * in front of it and without. Workers Cache is not emulated locally, so a shared cache in Node
 * stands in for it, doing what RFC 9111 and Cloudflare's documentation say it does with the
 * worker's own headers: a response is kept per URL and per the request headers its `Vary`
 * names; fresh for its `max-age`, it is answered from the cache (a 304 when the reader's
 * `If-None-Match` names it); stale, or invalidated by the flip's tag, it is revalidated with its
 * ETag (the worker answers 304, or the new document). The worker is the real one (workerd, real
 * KV and Builder): every header, ETag and 304 is its own.
 *
 * Readers: 10,000 polls by 2,000 readers on a simulated clock over two hours, each reader polling one document
 * every 15 to 60 minutes (documents by Zipf popularity: the main feed first, archives last),
 * with the ETag it last got, most accepting gzip, with one of four Accept headers (a browser
 * among them); one flip (a new page) an hour in.
 * Reported: requests that reached the worker, with and without the cache, and polls answered
 * with a document older than the served build after the flip (must be 0).
 */
import { contentPages, startLocalWorker } from '../src/cli/local-worker'
import { topics } from '../src/content'
import type { Manifest } from '../src/store/builds'
import { buildKey, CURRENT_KEY } from '../src/store/keys'
import { mulberry32 } from './random'

const POLLS = 10_000
const READERS = 2_000
const HOURS = 2
const log = (line = '') => process.stdout.write(`${line}\n`)
/** What readers send: each distinct value is a variant of its own (`Vary: Accept`). */
const ACCEPTS = [
  'application/rss+xml, application/rdf+xml;q=0.8, application/atom+xml;q=0.6, application/xml;q=0.4, text/xml;q=0.4',
  'application/atom+xml,application/rss+xml;q=0.9,application/xml;q=0.8,*/*;q=0.7',
  '*/*',
  'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
]

type Reader = {
  path: string
  headers: Record<string, string>
  everyMinutes: number
  nextAt: number
  etag: string | null
}
type Entry = {
  status: number
  headers: Headers
  body: ArrayBuffer
  storedAt: number
  maxAge: number
  vary: string[]
  requestHeaders: Record<string, string>
  stale: boolean
}

/** A shared cache on a simulated clock (minutes), in front of `origin`. */
class SharedCache {
  private readonly entries = new Map<string, Entry[]>()
  originRequests = 0
  /** Of those, revalidations the worker answered 304. */
  revalidated = 0
  constructor(
    private readonly origin: (path: string, headers: Record<string, string>) => Promise<Response>
  ) {}

  /** What a flip's `invalidate({ tags })` does: every entry with the tag is stale. */
  invalidate(tag: string): void {
    for (const list of this.entries.values())
      for (const e of list) if (e.headers.get('cache-tag') === tag) e.stale = true
  }

  async fetch(
    path: string,
    headers: Record<string, string>,
    now: number
  ): Promise<{ status: number; etag: string | null }> {
    const list = this.entries.get(path) ?? []
    const hit = list.find((e) =>
      e.vary.every((h) => (headers[h] ?? '') === (e.requestHeaders[h] ?? ''))
    )
    if (hit && !hit.stale && now - hit.storedAt < hit.maxAge) return this.answer(hit, headers)
    const ask = {
      ...stripConditional(headers),
      ...(hit?.headers.get('etag') ? { 'if-none-match': hit.headers.get('etag') as string } : {}),
    }
    this.originRequests++
    const response = await this.origin(path, ask)
    if (hit && response.status === 304) {
      this.revalidated++
      await response.arrayBuffer()
      hit.storedAt = now
      hit.stale = false
      return this.answer(hit, headers)
    }
    const entry = await toEntry(response, headers, now)
    if (entry) this.entries.set(path, [entry, ...list.filter((e) => e !== hit)])
    return { status: response.status, etag: response.headers.get('etag') }
  }

  private answer(entry: Entry, headers: Record<string, string>) {
    const etag = entry.headers.get('etag')
    const inm = headers['if-none-match']
    return { status: inm && etag && inm === etag ? 304 : entry.status, etag }
  }
}

function stripConditional(headers: Record<string, string>): Record<string, string> {
  const { 'if-none-match': _inm, 'if-modified-since': _ims, ...rest } = headers
  return rest
}

async function toEntry(
  response: Response,
  headers: Record<string, string>,
  now: number
): Promise<Entry | null> {
  const body = await response.arrayBuffer()
  const control = response.headers.get('cache-control') ?? ''
  const maxAge = /max-age=(\d+)/.exec(control)
  if (response.status !== 200 || !control.includes('public') || !maxAge) return null
  return {
    status: 200,
    headers: response.headers,
    body,
    storedAt: now,
    maxAge: Number(maxAge[1]) / 60,
    vary: (response.headers.get('vary') ?? '')
      .split(',')
      .map((h) => h.trim().toLowerCase())
      .filter(Boolean),
    requestHeaders: headers,
    stale: false,
  }
}

async function main() {
  const worker = await startLocalWorker({ vars: { BASE_URL: 'http://bench.example' } })
  try {
    await worker.addPages(contentPages())
    await worker.rebuild()
    const kv = await worker.miniflare.getKVNamespace('CORPUS')
    const manifest = (await kv.get(buildKey((await kv.get(CURRENT_KEY)) ?? ''), 'json')) as Manifest
    const random = mulberry32(20261201)
    const feeds = ['', ...topics.topics.map((t) => `/topics/${t.slug}`)]
    const files = ['feed.xml', 'atom.xml', 'feed.json']
    const paths = [
      ...feeds.flatMap((f) => files.map((file) => `${f}/${file}`)),
      ...Object.keys(manifest.docs).filter((p) => p.includes('/archive/')),
    ]
    // Popularity falls with rank (Zipf): the main feed first, then the topic feeds, archives last.
    const weights = paths.map((_, rank) => 1 / (rank + 1))
    const total = weights.reduce((a, b) => a + b, 0)
    const pick = () => {
      let x = random() * total
      for (const [n, w] of weights.entries()) {
        x -= w
        if (x <= 0) return paths[n] as string
      }
      return paths[0] as string
    }
    const readers: Reader[] = Array.from({ length: READERS }, () => {
      const everyMinutes = 15 + Math.floor(random() * 46)
      return {
        path: pick(),
        headers: {
          ...(random() < 0.85 ? { 'accept-encoding': 'gzip' } : {}),
          accept: ACCEPTS[Math.floor(random() * ACCEPTS.length)] as string,
        },
        everyMinutes,
        nextAt: random() * everyMinutes,
        etag: null,
      }
    })
    const origin = (path: string, headers: Record<string, string>) =>
      fetch(new URL(path, worker.url), { headers })
    const run = async (cache: SharedCache | null) => {
      let polls = 0
      let direct = 0
      let flipped = false
      let staleAfterFlip = 0
      const current = new Map<string, string | null>()
      const queue = readers.map((r) => ({ ...r }))
      while (polls < POLLS) {
        queue.sort((a, b) => a.nextAt - b.nextAt)
        const reader = queue[0] as Reader
        const now = reader.nextAt
        if (!flipped && now >= (HOURS * 60) / 2) {
          flipped = true
          const day = cache ? 2 : 3
          await worker.addPages([
            {
              name: `edge-${day}.txt`,
              text: `0${day}.12.2025\n\nOn ${day} December 2025, the CSTO Secretariat hosted a seminar on countering drug trafficking across the borders of Kazakhstan and Kyrgyzstan.\n`,
            },
          ])
          const report = await worker.rebuild()
          if (cache && report.feeds.changed > 0) cache.invalidate('build')
          current.clear()
        }
        const headers = {
          ...reader.headers,
          ...(reader.etag ? { 'if-none-match': reader.etag } : {}),
        }
        let result: { status: number; etag: string | null }
        if (cache) result = await cache.fetch(reader.path, headers, now)
        else {
          direct++
          const response = await origin(reader.path, headers)
          await response.arrayBuffer()
          result = { status: response.status, etag: response.headers.get('etag') }
        }
        if (flipped) {
          // What the worker itself serves now, asked once per document and variant after the flip.
          const key = `${reader.path} ${JSON.stringify(reader.headers)}`
          if (!current.has(key)) {
            const truth = await origin(reader.path, reader.headers)
            await truth.arrayBuffer()
            current.set(key, truth.headers.get('etag'))
          }
          if (result.etag !== current.get(key)) staleAfterFlip++
        }
        reader.etag = result.etag ?? reader.etag
        reader.nextAt = now + reader.everyMinutes
        polls++
      }
      return {
        polls,
        workerRequests: cache ? cache.originRequests : direct,
        revalidated: cache?.revalidated ?? 0,
        staleAfterFlip,
      }
    }
    const without = await run(null)
    const withCache = await run(new SharedCache(origin))
    log(
      `\n== edge cache: ${POLLS} polls by ${READERS} readers over ${HOURS} h (simulated clock), one flip ==`
    )
    log(
      `without: ${without.workerRequests} requests reached the worker (${((without.workerRequests / without.polls) * 1000).toFixed(0)} per 1,000 polls)`
    )
    log(
      `with a shared cache standing in for Workers Cache: ${withCache.workerRequests} (${((withCache.workerRequests / withCache.polls) * 1000).toFixed(0)} per 1,000 polls, ${withCache.revalidated} of them revalidations answered 304); polls answered with a document older than the served one after the flip: ${withCache.staleAfterFlip}`
    )
  } finally {
    await worker.stop()
  }
}

main().catch((error) => {
  process.stderr.write(`edge bench failed: ${error instanceof Error ? error.stack : error}\n`)
  process.exit(1)
})
