/**
 * The node:http baseline of `worker.bench.ts` when nginx is absent: serves one file's bytes from
 * memory at every path, with the worker's validators (ETag, Last-Modified) and a 304 on a
 * matching If-None-Match. Run by Node 22 itself (type stripping), in its own process so its CPU
 * time can be read apart from the load generator's:
 *
 *   node bench/static-server.ts FILE CONTENT-TYPE
 *
 * Listens on 127.0.0.1, a free port, and prints `listening <port>` once it does.
 */
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

const [file, contentType = 'application/octet-stream'] = process.argv.slice(2)
if (!file) throw new Error('usage: node bench/static-server.ts FILE [CONTENT-TYPE]')
const body = readFileSync(file)
const etag = `"${createHash('sha256').update(body).digest('hex').slice(0, 32)}"`
const lastModified = new Date().toUTCString()

const server = createServer((request, response) => {
  response.setHeader('etag', etag)
  response.setHeader('last-modified', lastModified)
  response.setHeader('cache-control', 'public, max-age=1800')
  if (request.headers['if-none-match'] === etag) {
    response.writeHead(304).end()
    return
  }
  response.writeHead(200, { 'content-type': contentType, 'content-length': body.byteLength })
  response.end(body)
})
server.keepAliveTimeout = 60_000
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`listening ${(server.address() as AddressInfo).port}\n`)
})
