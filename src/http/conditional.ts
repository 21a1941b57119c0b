/**
 * Serving a prebuilt document to feed readers: validators, conditional GET, HEAD, caching and
 * CORS. Feed readers poll for years; most polls should end in a 304 that reads no feed body.
 */
import type { DocMeta } from '../store/builds'
import { sha256Hex } from '../store/kv'
import { CACHE_CONTROL, type CacheKind } from './cache'

/**
 * A document as it is served: a build's (a feed, an archive, the OPML) or one made on request or
 * at start-up (a filtered feed, a script, a page), each of its own kind of caching.
 */
export type ServedMeta = Omit<DocMeta, 'cache'> & { cache: CacheKind }

/**
 * Whether `If-None-Match` names this entity tag. RFC 9110 §13.1.2: a list, `*`, and the weak
 * comparison, since a CDN may have weakened our strong tag (`W/"…"`).
 */
export function matchesEtag(ifNoneMatch: string, etag: string): boolean {
  if (ifNoneMatch.trim() === '*') return true
  const bare = etag.replace(/^W\//, '')
  return ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === bare)
}

/** Whether the document is unchanged since `If-Modified-Since` (ignored when unparsable). */
export function notModifiedSince(ifModifiedSince: string, lastModified: string): boolean {
  const since = Date.parse(ifModifiedSince)
  return !Number.isNaN(since) && Date.parse(lastModified) <= since
}

/** RFC 9110 §13.2.2: If-None-Match wins; If-Modified-Since counts only without it. */
export function isNotModified(
  request: Request,
  meta: Pick<DocMeta, 'etag' | 'lastModified'>
): boolean {
  const inm = request.headers.get('if-none-match')
  if (inm !== null) return matchesEtag(inm, meta.etag)
  const ims = request.headers.get('if-modified-since')
  return ims !== null && notModifiedSince(ims, meta.lastModified)
}

/** Headers every document response carries, 200 and 304 alike. */
export function documentHeaders(meta: ServedMeta, extra: Record<string, string> = {}): Headers {
  return new Headers({
    'content-type': meta.contentType,
    etag: meta.etag,
    'last-modified': meta.lastModified,
    'cache-control': CACHE_CONTROL[meta.cache],
    'access-control-allow-origin': '*',
    'access-control-expose-headers': 'ETag, Last-Modified, Link',
    'x-content-type-options': 'nosniff',
    ...extra,
  })
}

/** Whether the client takes gzip (`Accept-Encoding`, RFC 9110 §12.5.3; `q=0` refuses). */
export function acceptsGzip(request: Request): boolean {
  const header = request.headers.get('accept-encoding') ?? ''
  return header.split(',').some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(';')
    if (coding !== 'gzip' && coding !== '*') return false
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='))
    return q === undefined || Number(q.slice(2)) > 0
  })
}

/**
 * The response for a document: 304 without reading the body when the client has it, headers
 * only for HEAD, else the body from `load` (one KV read, or memory). With `gzipped`, the
 * stored gzip bytes go as they are to a client that accepts them (no compression per request).
 */
export async function serveDocument(
  request: Request,
  meta: ServedMeta,
  load: () => Promise<string>,
  extra: Record<string, string> = {},
  gzipped?: () => Promise<ArrayBuffer>
): Promise<Response> {
  const headers = documentHeaders(meta, extra)
  if (gzipped) headers.append('vary', 'Accept-Encoding')
  if (isNotModified(request, meta)) {
    headers.delete('content-type')
    return new Response(null, { status: 304, headers })
  }
  const compressed = gzipped !== undefined && acceptsGzip(request)
  if (request.method === 'HEAD') {
    if (!compressed) headers.set('content-length', String(meta.bytes))
    return new Response(null, { status: 200, headers })
  }
  if (compressed) {
    const bytes = await gzipped()
    headers.set('content-encoding', 'gzip')
    headers.set('content-length', String(bytes.byteLength))
    return new Response(bytes, { status: 200, headers, encodeBody: 'manual' })
  }
  headers.set('content-length', String(meta.bytes))
  return new Response(await load(), { status: 200, headers })
}

/**
 * A document for a body made on request or at start-up (a filtered feed, a script, a style
 * sheet): the validators of a prebuilt one, the ETag from the SHA-256 of its bytes.
 */
export async function bodyMeta(
  body: string,
  fields: Pick<ServedMeta, 'contentType' | 'lastModified' | 'cache'>
): Promise<ServedMeta> {
  const hash = sha256Hex(body)
  return {
    ...fields,
    blob: hash,
    offset: 0,
    length: 0,
    etag: `"${hash.slice(0, 32)}"`,
    bytes: new TextEncoder().encode(body).byteLength,
  }
}

/**
 * A handler for a body fixed for the deployment (a script, a style sheet). Its validators are
 * made on the first request, because a worker's global scope may not await, and then kept;
 * `fields` is called then too, so a time it reads is this isolate's first serving (at start-up
 * a worker's clock still reads 1970).
 */
export function fixedDocument(
  body: string,
  fields: () => Pick<ServedMeta, 'contentType' | 'lastModified' | 'cache'>
): (request: Request) => Promise<Response> {
  let meta: Promise<ServedMeta> | undefined
  return async (request) => {
    meta ??= bodyMeta(body, fields())
    return serveDocument(request, await meta, async () => body)
  }
}
