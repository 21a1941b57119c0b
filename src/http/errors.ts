/**
 * HTTP errors: thrown where the problem is found, turned into a response in one place
 * (`app.onError`). Messages say what is allowed, for the person reading them in a terminal.
 */
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'

/** A JSON error response `{ error, ...details }` with the given status and headers. */
export function httpError(
  status: ContentfulStatusCode,
  error: string,
  details: Record<string, unknown> = {},
  headers: Record<string, string> = {}
): HTTPException {
  const body = JSON.stringify({ error, ...details }, null, 2)
  const res = new Response(`${body}\n`, {
    status,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'x-content-type-options': 'nosniff',
      'access-control-allow-origin': '*',
      ...headers,
    },
  })
  return new HTTPException(status, { res, message: error })
}
