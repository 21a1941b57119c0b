/**
 * The admin API: add, list and delete raw pages, and rebuild. Switched off (404) when no token
 * is configured; every call needs `Authorization: Bearer <token>`, compared in constant time.
 * A page is stored in KV and handed to the Builder, which extracts it at once; each action is
 * logged and shows in the next build report.
 */
import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { builderOf } from '../build/object'
import { REPORT_KEY } from '../store/keys'
import { deleteRaw, listRaw, metaProblem, putRaw, readRaw, restoreRaw } from '../store/raw'
import { CACHE_CONTROL } from './cache'
import { type AppContext, type AppEnv, buildRequest, rebuildVia } from './context'
import { httpError } from './errors'

/** The largest raw page accepted: far above any real page, far below KV's 25 MiB per value. */
export const MAX_DOCUMENT_BYTES = 5 * 1024 * 1024
const SHA256 = /^[0-9a-f]{64}$/

/** Constant-time equality of two strings, through fixed-length digests. */
async function sameSecret(a: string, b: string): Promise<boolean> {
  const encode = (s: string) => crypto.subtle.digest('SHA-256', new TextEncoder().encode(s))
  const [da, db] = await Promise.all([encode(a), encode(b)])
  return crypto.subtle.timingSafeEqual(da, db)
}

async function authorize(c: AppContext): Promise<void> {
  const token = c.env.ADMIN_TOKEN
  if (!token) throw httpError(404, 'the admin API is disabled: no ADMIN_TOKEN is configured')
  const header = c.req.header('authorization') ?? ''
  const sent = /^Bearer\s+(.+)$/i.exec(header)?.[1]?.trim()
  const challenge = { 'www-authenticate': 'Bearer realm="admin"' }
  if (!sent) throw httpError(401, 'send Authorization: Bearer <token>', {}, challenge)
  if (!(await sameSecret(sent, token)))
    throw httpError(
      401,
      'wrong token',
      {},
      { 'www-authenticate': 'Bearer realm="admin", error="invalid_token"' }
    )
}

const now = () => new Date().toISOString()

function isAbsoluteUrl(text: string): boolean {
  try {
    return /^https?:$/.test(new URL(text).protocol)
  } catch {
    return false
  }
}

export const adminRoutes = new Hono<AppEnv>()
  .use('/admin/*', async (c, next) => {
    await authorize(c)
    await next()
  })
  .post(
    '/admin/documents',
    bodyLimit({
      maxSize: MAX_DOCUMENT_BYTES,
      onError: () => {
        throw httpError(413, `a document may be at most ${MAX_DOCUMENT_BYTES} bytes`)
      },
    }),
    async (c) => {
      const bytes = await c.req.arrayBuffer()
      if (bytes.byteLength === 0) throw httpError(400, 'the body must be the raw page text')
      const name = c.req.query('name')
      const url = c.req.query('url')
      if (url !== undefined && !isAbsoluteUrl(url))
        throw httpError(400, `url must be an absolute URL; got "${url.slice(0, 100)}"`)
      const receivedAt = now()
      const problem = metaProblem({ name, url, receivedAt, bytes: bytes.byteLength })
      if (problem) throw httpError(400, problem)
      const stored = await putRaw(c.env.CORPUS, bytes, { name, url, receivedAt })
      // All or nothing: a page the Builder did not take is not left in KV.
      await builderOf(c.env)
        .addPage(
          { sha: stored.sha, ...stored.meta, text: new TextDecoder().decode(bytes) },
          {
            at: now(),
            action: 'add-document',
            sha: stored.sha,
            name: stored.meta.name,
            created: stored.created,
          }
        )
        .catch(async (error: unknown) => {
          if (stored.created) await deleteRaw(c.env.CORPUS, stored.sha)
          throw error
        })
      return c.json(
        { sha256: stored.sha, created: stored.created, ...stored.meta },
        stored.created ? 201 : 200
      )
    }
  )
  .get('/admin/documents', async (c) => c.json({ documents: await listRaw(c.env.CORPUS) }))
  .delete('/admin/documents/:sha', async (c) => {
    const sha = c.req.param('sha').toLowerCase()
    if (!SHA256.test(sha)) throw httpError(400, 'the document id is its sha256: 64 hex digits')
    const page = await readRaw(c.env.CORPUS, sha)
    if (!page) throw httpError(404, `no document ${sha}`)
    await deleteRaw(c.env.CORPUS, sha)
    // All or nothing: a page the Builder still holds is put back as it was.
    await builderOf(c.env)
      .removePage(sha, { at: now(), action: 'delete-document', sha, name: page.meta.name })
      .catch(async (error: unknown) => {
        await restoreRaw(c.env.CORPUS, sha, page)
        throw error
      })
    return c.json({ deleted: sha, ...page.meta })
  })
  .get('/admin/report', async (c) => {
    const report = await c.env.CORPUS.get(REPORT_KEY)
    if (!report) throw httpError(404, 'no build yet')
    return c.body(report, 200, {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': CACHE_CONTROL.admin,
    })
  })
  .post('/admin/rebuild', async (c) => {
    await builderOf(c.env).logAction({ at: now(), action: 'rebuild' })
    // `?scan=1` also lists raw/ for pages stored behind the worker (`npm run ingest -- --remote`).
    const scan = c.req.query('scan') === '1'
    const { status, report } = await rebuildVia(
      c.env,
      buildRequest(c.env, new URL(c.req.url).origin, scan)
    )
    return c.json(report, status)
  })
