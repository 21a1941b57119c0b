/**
 * Rebuilds at once, with pages arriving and readers polling: the Builder runs one build at a
 * time, readers always get the served build whole, and once the work is done the served build
 * agrees with the corpus.
 */
import { runDurableObjectAlarm } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { builderOf } from '../../src/build/object'
import { topics } from '../../src/content'
import type { Env } from '../../src/env'
import { parseXml } from '../feeds/fixtures'
import { AUTH, addPages, call, corpusPages, page, rebuildNow } from '../helpers'

const CITIES = ['Minsk', 'Astana', 'Bishkek', 'Dushanbe', 'Yerevan', 'Moscow']
/** Pages of distinct stories, each its own item. */
const arriving = Array.from({ length: 12 }, (_, n) =>
  page(
    `concurrent-${n}.txt`,
    `${String(n + 1).padStart(2, '0')}.10.2025`,
    '',
    `On ${n + 1} October 2025, the working group ${n + 100} of the CSTO met in ${CITIES[n % CITIES.length]} to agree on point ${n * 7 + 3} of the plan for the training of border guards.`
  )
)
const POLLED = ['/feed.xml', '/atom.xml', `/topics/${topics.topics[0]?.slug}/feed.json`, '/']

type Outcome = { what: string; status: number; body: string }

async function outcome(what: string, response: Promise<Response>): Promise<Outcome> {
  const r = await response
  return { what, status: r.status, body: await r.text() }
}

let before = 0
let outcomes: Outcome[] = []

beforeAll(async () => {
  await addPages(corpusPages())
  before = (await rebuildNow()).items
  const rebuild = () => call('/admin/rebuild', { method: 'POST', headers: AUTH })
  const post = (p: (typeof arriving)[number]) =>
    call(`/admin/documents?name=${encodeURIComponent(p.name)}`, {
      method: 'POST',
      headers: AUTH,
      body: p.text,
    })
  // Everything at once: three rebuilds, twelve pages, and readers polling throughout.
  outcomes = await Promise.all([
    ...[0, 1, 2].map((k) => outcome(`rebuild ${k}`, rebuild())),
    ...arriving.map((p) => outcome(`add ${p.name}`, post(p))),
    ...Array.from({ length: 40 }, (_, k) => {
      const path = POLLED[k % POLLED.length] as string
      return outcome(`poll ${path}`, call(path))
    }),
    ...[0, 1, 2].map((k) => outcome(`rebuild again ${k}`, rebuild())),
  ])
  while (await runDurableObjectAlarm(builderOf(env as Env))) {}
}, 120_000)

describe('rebuilds at once, with pages arriving and readers polling', () => {
  it('answer every request: no error, each rebuild finished (200) or running (202)', () => {
    const failed = outcomes.filter((o) => o.status >= 500)
    expect(failed.map((o) => `${o.what}: ${o.status} ${o.body.slice(0, 200)}`)).toEqual([])
    for (const o of outcomes.filter((x) => x.what.startsWith('rebuild')))
      expect([200, 202], o.what).toContain(o.status)
    for (const o of outcomes.filter((x) => x.what.startsWith('add')))
      expect([200, 201], o.what).toContain(o.status)
  })

  it('serve every reader the served build whole while they run, never "no build yet"', () => {
    for (const o of outcomes.filter((x) => x.what.startsWith('poll'))) {
      expect(o.status, o.what).toBe(200)
      if (o.what.endsWith('.xml')) expect(() => parseXml(o.body), o.what).not.toThrow()
      if (o.what.endsWith('.json')) expect(() => JSON.parse(o.body), o.what).not.toThrow()
    }
  })

  it('leave a served build that agrees with the corpus once the work is done', async () => {
    const report = await rebuildNow()
    const listed = (await (await call('/admin/documents', { headers: AUTH })).json()) as {
      documents: unknown[]
    }
    expect(report.documents).toBe(listed.documents.length)
    expect(listed.documents).toHaveLength(corpusPages().length + arriving.length)
    expect(report.items).toBe(before + arriving.length)
    const feed = (await (await call('/feed.json')).json()) as {
      items: Array<{ content_text?: string }>
    }
    const texts = feed.items.map((i) => i.content_text ?? '').join('\n')
    for (let n = 0; n < arriving.length; n++) expect(texts).toContain(`working group ${n + 100} `)
  })
})
