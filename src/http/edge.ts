/**
 * The edge cache in front of the worker (Workers Cache, `[cache]` in wrangler.toml): documents
 * and pages are cached at the edge by their Cache-Control and answered there without running
 * the worker. Every response made from the served build carries the BUILD_TAG, and at each flip
 * the Builder asks the worker to invalidate that tag: each cached response is then revalidated
 * with its ETag on its next request, so a flip is seen at once, and the documents the flip left
 * unchanged cost a 304. Only the worker's default entrypoint can invalidate its cache, so the
 * Builder asks through a loopback call (`ctx.exports`) marked by its props, which no request
 * from outside can carry.
 */

/** The cache tag of every response made from the served build. */
export const BUILD_TAG = 'build'

/** What the loopback call's props say. */
export type EdgeProps = { edge?: 'invalidate' }

/** What an invalidation did: nothing where the runtime has no Workers Cache (local workerd). */
export type EdgeResult = { invalidated: boolean; detail: string }

/** Marks every cached response of the served build stale (the worker side of the loopback). */
export async function invalidateBuild(ctx: ExecutionContext): Promise<Response> {
  let result: EdgeResult
  if (!ctx.cache) result = { invalidated: false, detail: 'no Workers Cache in this runtime' }
  else {
    const outcome = await ctx.cache.invalidate({ tags: [BUILD_TAG] })
    result = {
      invalidated: outcome.success,
      detail: outcome.success
        ? `tag ${BUILD_TAG} invalidated`
        : outcome.errors.map((e) => `${e.code}: ${e.message}`).join('; '),
    }
  }
  return Response.json(result)
}

/** The loopback call a Builder makes after a flip; the result goes into the build report. */
export async function askToInvalidate(exports: Cloudflare.Exports): Promise<EdgeResult> {
  const loopback = exports as unknown as { default: (options: { props: EdgeProps }) => Fetcher }
  try {
    const response = await loopback
      .default({ props: { edge: 'invalidate' } })
      .fetch('https://edge.invalid/', { method: 'POST' })
    return (await response.json()) as EdgeResult
  } catch (error) {
    return { invalidated: false, detail: `loopback failed: ${String(error)}` }
  }
}
