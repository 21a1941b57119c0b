/**
 * Waiting for several KV round trips at once. A step that fails waits for all of its parallel
 * work first: no write of its own is left running behind it (and then retried beside itself).
 */

/** The value of each, once every one has settled; else the first failure. */
function settledAll<R>(results: ReadonlyArray<PromiseSettledResult<R>>): R[] {
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected')
  if (failed) throw failed.reason
  return results.map((r) => (r as PromiseFulfilledResult<R>).value)
}

/**
 * Runs `run` on every element, at most `width` at a time, waits for all, then fails with the
 * first failure if any: a step that fails leaves no write of its own still running behind it.
 */
export async function sideBySide<T, R>(
  list: readonly T[],
  run: (t: T) => Promise<R>,
  width = list.length
): Promise<R[]> {
  const results: Array<PromiseSettledResult<R>> = new Array(list.length)
  let next = 0
  const lane = async () => {
    while (next < list.length) {
      const i = next++
      results[i] = await run(list[i] as T).then(
        (value): PromiseFulfilledResult<R> => ({ status: 'fulfilled', value }),
        (reason): PromiseRejectedResult => ({ status: 'rejected', reason })
      )
    }
  }
  await Promise.all(Array.from({ length: Math.min(width, list.length) }, lane))
  return settledAll(results)
}

/** Two pieces of work of different kinds, side by side. */
export async function both<A, B>(a: Promise<A>, b: Promise<B>): Promise<[A, B]> {
  const [x, y] = await Promise.allSettled([a, b])
  settledAll<unknown>([x, y])
  return [(x as PromiseFulfilledResult<A>).value, (y as PromiseFulfilledResult<B>).value]
}
