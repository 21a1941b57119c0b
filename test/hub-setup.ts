/**
 * Once for the workerd tests: a WebSub hub on 127.0.0.1 (a Node HTTP server), so that a build's
 * pings go out of workerd over the real network, as they would to a real hub. It answers
 * `hub.mode=publish` posts with 204 and records them; `GET /published` lists what it got and
 * `POST /reset` forgets it.
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { TestProject } from 'vitest/node'

declare module 'vitest' {
  export interface ProvidedContext {
    /** The local hub's publish endpoint, `http://127.0.0.1:<port>/`. */
    hubUrl: string
  }
}

export default async function setup(project: TestProject) {
  let published: Array<{ mode: string | null; url: string | null; type: string | null }> = []
  const server = createServer((request, response) => {
    let body = ''
    request.on('data', (chunk) => {
      body += chunk
    })
    request.on('end', () => {
      if (request.method === 'GET' && request.url === '/published') {
        response.writeHead(200, { 'content-type': 'application/json' })
        response.end(JSON.stringify(published))
        return
      }
      if (request.method === 'POST' && request.url === '/reset') {
        published = []
        response.writeHead(204).end()
        return
      }
      if (request.method !== 'POST') {
        response.writeHead(405, { allow: 'POST' }).end()
        return
      }
      const form = new URLSearchParams(body)
      published.push({
        mode: form.get('hub.mode'),
        url: form.get('hub.url'),
        type: request.headers['content-type'] ?? null,
      })
      response.writeHead(204).end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  project.provide('hubUrl', `http://127.0.0.1:${port}/`)
  return () => new Promise<void>((resolve) => server.close(() => resolve()))
}
