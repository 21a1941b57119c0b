import { env } from 'cloudflare:workers'
import { beforeEach, describe, expect, it } from 'vitest'
import type { Env } from '../../src/env'
import { MAX_DOCUMENT_BYTES } from '../../src/http/admin'
import { AUTH, addPages, call, clearStorage, corpusPages, rebuildNow, TOKEN } from '../helpers'

const PAGE =
  'On 12 March 2025, the CSTO Secretary General held a working meeting with the heads of the departments.'
const post = (
  body: BodyInit,
  headers: Record<string, string> = AUTH,
  query = '?name=meeting.txt'
) => call(`/admin/documents${query}`, { method: 'POST', headers, body })

describe('admin API', () => {
  beforeEach(clearStorage)

  it('is switched off when no token is configured', async () => {
    const response = await call(
      '/admin/documents',
      { method: 'POST', headers: AUTH, body: PAGE },
      { ADMIN_TOKEN: undefined }
    )
    expect(response.status).toBe(404)
    expect(((await response.json()) as { error: string }).error).toContain('disabled')
  })

  it('asks for a token when none is sent', async () => {
    const response = await post(PAGE, {})
    expect(response.status).toBe(401)
    expect(response.headers.get('www-authenticate')).toContain('Bearer')
  })

  it('refuses a wrong token', async () => {
    expect((await post(PAGE, { authorization: `Bearer ${TOKEN}x` })).status).toBe(401)
    expect((await post(PAGE, { authorization: 'Bearer short' })).status).toBe(401)
    expect((await post(PAGE, { authorization: `Basic ${TOKEN}` })).status).toBe(401)
  })

  it('stores a document under its sha256 with the right token', async () => {
    const response = await post(
      PAGE,
      AUTH,
      '?name=meeting.txt&url=https%3A%2F%2Fen.odkb-csto.org%2Fnews%2F1'
    )
    expect(response.status).toBe(201)
    const body = (await response.json()) as {
      sha256: string
      created: boolean
      name: string
      url: string
      bytes: number
    }
    const expected = [
      ...new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(PAGE))),
    ]
      .map((b) => b.toString(16).padStart(2, '0'))
      .join('')
    expect(body).toMatchObject({
      sha256: expected,
      created: true,
      name: 'meeting.txt',
      url: 'https://en.odkb-csto.org/news/1',
      bytes: PAGE.length,
    })
  })

  it('keeps one document when the same text is sent twice', async () => {
    const first = (await (await post(PAGE)).json()) as { sha256: string }
    const second = await post(PAGE)
    expect(second.status).toBe(200)
    expect(await second.json()).toMatchObject({ sha256: first.sha256, created: false })
    const list = (await (await call('/admin/documents', { headers: AUTH })).json()) as {
      documents: unknown[]
    }
    expect(list.documents).toHaveLength(1)
  })

  it('answers 413 to a body over the size limit', async () => {
    const response = await post('x'.repeat(MAX_DOCUMENT_BYTES + 1))
    expect(response.status).toBe(413)
  })

  it('answers 400 to an empty body and to a relative url', async () => {
    expect((await post('')).status).toBe(400)
    expect((await post(PAGE, AUTH, '?url=news/1')).status).toBe(400)
  })

  it('refuses a name or url too long to keep with the page, naming the limit, and stores nothing', async () => {
    const tooLong = [
      `?name=${'n'.repeat(900)}`,
      `?name=${'n'.repeat(2000)}`,
      `?name=${encodeURIComponent('я'.repeat(1000))}`,
      // Short, but six bytes each once escaped into the stored JSON.
      `?name=${encodeURIComponent('\u0001'.repeat(200))}`,
      `?name=a.txt&url=${encodeURIComponent(`https://en.odkb-csto.org/${'p'.repeat(1000)}`)}`,
    ]
    for (const query of tooLong) {
      for (const attempt of [1, 2]) {
        const response = await post(PAGE, AUTH, query)
        expect(response.status, `${query.slice(0, 30)} attempt ${attempt}`).toBe(400)
        expect(((await response.json()) as { error: string }).error).toMatch(
          /at most (256|640|1024)/
        )
      }
    }
    const listed = (await (await call('/admin/documents', { headers: AUTH })).json()) as {
      documents: unknown[]
    }
    expect(listed.documents).toEqual([])
    // At the limit it is stored, and its DELETE works.
    const atLimit = await post(PAGE, AUTH, `?name=${'n'.repeat(256)}`)
    expect(atLimit.status).toBe(201)
    const { sha256 } = (await atLimit.json()) as { sha256: string }
    const deleted = await call(`/admin/documents/${sha256}`, { method: 'DELETE', headers: AUTH })
    expect(deleted.status).toBe(200)
  })

  it('builds with two pages of the largest size accepted: their page dumps reported, not published', async () => {
    await addPages(corpusPages())
    const before = await rebuildNow()
    // The corpus pages over and over, years shifted: 5 MiB that segment into items far too long.
    const corpus = corpusPages()
      .map((p) => p.text)
      .join('\n\n')
    for (const n of [1, 2]) {
      let text = ''
      for (let i = 0; text.length < MAX_DOCUMENT_BYTES - 200_000; i++)
        text += `${corpus.replaceAll(/20(\d\d)/g, (_, y) => String(1900 + ((Number(y) + i + 7 * n) % 120)))}\n\n`
      expect(
        (await post(text.slice(0, MAX_DOCUMENT_BYTES - 10), AUTH, `?name=dump${n}.txt`)).status
      ).toBe(201)
    }
    const report = await rebuildNow()
    expect(report).toMatchObject({ documents: 7, pending: 0, failedDocuments: [] })
    expect(report.warnings.byKind['too-long']).toBeGreaterThan(0)
    expect(report.items).toBeGreaterThan(before.items)
    const feed = await call('/feed.xml')
    expect(feed.status).toBe(200)
    expect((await feed.text()).length).toBeLessThan(600_000)
  }, 30_000)

  it('deletes a document, and says 404 for one it does not have', async () => {
    const { sha256 } = (await (await post(PAGE)).json()) as { sha256: string }
    expect(
      (await call(`/admin/documents/${sha256}`, { method: 'DELETE', headers: AUTH })).status
    ).toBe(200)
    expect(
      (await call(`/admin/documents/${sha256}`, { method: 'DELETE', headers: AUTH })).status
    ).toBe(404)
    expect(
      (await call('/admin/documents/not-a-hash', { method: 'DELETE', headers: AUTH })).status
    ).toBe(400)
  })

  it('undoes in KV an add or a delete the Builder fails to take: all or nothing', async () => {
    // The real Builder namespace, whose stubs fail to take a page: a Builder that is down.
    const down = new Proxy((env as Env).BUILDER, {
      get(target, prop) {
        if (prop !== 'get') return Reflect.get(target, prop).bind(target)
        return (id: DurableObjectId) =>
          new Proxy(target.get(id), {
            get(stub, method) {
              if (method === 'addPage' || method === 'removePage')
                return () => Promise.reject(new Error('the Builder is down'))
              return Reflect.get(stub, method)
            },
          })
      },
    })
    const failing = { ADMIN_TOKEN: TOKEN, BUILDER: down } as unknown as Partial<Env>
    const listed = async () =>
      (
        (await (await call('/admin/documents', { headers: AUTH })).json()) as {
          documents: unknown[]
        }
      ).documents.length
    const added = await call(
      '/admin/documents?name=meeting.txt',
      { method: 'POST', headers: AUTH, body: PAGE },
      failing
    )
    expect(added.status).toBe(500)
    expect(await listed()).toBe(0)
    const { sha256 } = (await (await post(PAGE)).json()) as { sha256: string }
    const deleted = await call(
      `/admin/documents/${sha256}`,
      { method: 'DELETE', headers: AUTH },
      failing
    )
    expect(deleted.status).toBe(500)
    expect(await listed()).toBe(1)
    // Put back as it was: a later delete through the working Builder finds it.
    expect(
      (await call(`/admin/documents/${sha256}`, { method: 'DELETE', headers: AUTH })).status
    ).toBe(200)
  })

  it('rebuilds and shows every admin action in the build report', async () => {
    await addPages(corpusPages())
    const { sha256 } = (await (await post(PAGE)).json()) as { sha256: string }
    await call(`/admin/documents/${sha256}`, { method: 'DELETE', headers: AUTH })
    const report = await rebuildNow()
    expect(report).toMatchObject({ documents: 5, items: 18, changed: true })
    expect(report.adminActions.map((a) => a.action)).toEqual([
      ...Array(6).fill('add-document'),
      'delete-document',
      'rebuild',
    ])
    const published = await call('/build.json')
    expect(await published.json()).toMatchObject({ buildId: report.buildId, items: 18 })
    expect((await rebuildNow()).adminActions.map((a) => a.action)).toEqual(['rebuild'])
  })

  it('shows the public counts only, and the actions and per-document detail to the token', async () => {
    await addPages(corpusPages())
    const { sha256 } = (await (await post(PAGE, AUTH, '?name=secret-draft.txt')).json()) as {
      sha256: string
    }
    const report = await rebuildNow()
    expect(report.warnings.first.length).toBeGreaterThan(0)
    const open = await call('/build.json')
    const text = await open.text()
    for (const secret of ['secret-draft.txt', sha256, report.warnings.first[0]?.detail ?? ''])
      expect(text).not.toContain(secret)
    expect(JSON.parse(text)).toMatchObject({
      buildId: report.buildId,
      items: report.items,
      pending: 0,
      adminActions: report.adminActions.length,
      warnings: { total: report.warnings.total, byKind: report.warnings.byKind },
    })
    expect((await call('/admin/report')).status).toBe(401)
    const full = await call('/admin/report', { headers: AUTH })
    expect(await full.json()).toEqual(report)
  })

  it('lists the pages whose segmentation made a close call to the token, and counts them for all', async () => {
    // Under one date line, a paragraph opening with the same day (+1) one blank line after the
    // first, in a dated run (-1.5): 0, a call the signals leave open.
    const close = [
      '14.10.2025',
      'On 14 October 2025, the CSTO Secretary General met with the Secretary of the Security Council in Yerevan.',
      '',
      'On 14 October 2025, the CSTO Secretary General also laid flowers at the memorial in Gyumri.',
    ].join('\n')
    await addPages(corpusPages())
    await post(close, AUTH, '?name=close-call.txt')
    const report = await rebuildNow()
    expect(report.uncertainPages).toEqual([
      {
        name: 'close-call.txt',
        detail: expect.stringMatching(/^confidence 0\.00: .*opens-with-same-date, dated-run/),
      },
    ])
    const open = (await (await call('/build.json')).json()) as Record<string, unknown>
    expect(open.uncertainPages).toBe(1)
    expect(JSON.stringify(open)).not.toContain('close-call.txt')
  })

  it('changes nothing when a document is ingested twice: same ETags', async () => {
    await addPages(corpusPages())
    await rebuildNow()
    const before = await Promise.all(
      ['/feed.xml', '/atom.xml', '/feed.json'].map(async (p) => (await call(p)).headers.get('etag'))
    )
    await addPages(corpusPages())
    const report = await rebuildNow()
    expect(report.changed).toBe(false)
    const after = await Promise.all(
      ['/feed.xml', '/atom.xml', '/feed.json'].map(async (p) => (await call(p)).headers.get('etag'))
    )
    expect(after).toEqual(before)
  })
})
