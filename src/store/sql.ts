/**
 * The slice of SQLite the derived store uses: a Durable Object's `ctx.storage.sql` in the worker,
 * `node:sqlite` in the Node simulation (src/cli/sqlite.ts). Counting every statement and row
 * written here is how a build knows what an invocation cost.
 */

export type SqlValue = string | number | null | ArrayBuffer

/** A Durable Object's SQLite takes at most this many bound parameters a statement. */
export const MAX_BINDINGS = 100
export type SqlRow = Record<string, SqlValue>

export type Sql = {
  /** Runs one statement (or several, without bindings) and returns the rows of the last. */
  exec<T extends SqlRow = SqlRow>(query: string, ...bindings: SqlValue[]): T[]
  /** Runs `fn` as one transaction: all of its writes or none. */
  transaction<T>(fn: () => T): T
}

/** What a build invocation did to its stores: the figures the limits are about. */
export type OpCounts = {
  kvReads: number
  kvWrites: number
  kvLists: number
  kvDeletes: number
  sql: number
}

export function zeroCounts(): OpCounts {
  return { kvReads: 0, kvWrites: 0, kvLists: 0, kvDeletes: 0, sql: 0 }
}

export const kvOps = (c: OpCounts) => c.kvReads + c.kvWrites + c.kvLists + c.kvDeletes

/** A Durable Object's storage as `Sql`, counting statements into `counts`. */
export function durableSql(storage: DurableObjectStorage, counts: OpCounts): Sql {
  return {
    exec<T extends SqlRow>(query: string, ...bindings: SqlValue[]) {
      counts.sql++
      try {
        return storage.sql.exec<T>(query, ...bindings).toArray()
      } catch (error) {
        // Which statement failed, and how large its values were: what an operator needs first.
        const sizes = bindings.map((b) =>
          typeof b === 'string' ? b.length : b instanceof ArrayBuffer ? b.byteLength : 0
        )
        throw new Error(
          `${String(error)} in: ${query.replace(/\s+/g, ' ').slice(0, 120)} (largest value ${Math.max(0, ...sizes)})`,
          { cause: error }
        )
      }
    },
    transaction: (fn) => storage.transactionSync(fn),
  }
}

/**
 * The KV binding counting its operations into `counts` (a bulk read of up to 100 keys is one, as
 * Cloudflare counts it).
 */
export function countingKv(kv: KVNamespace, counts: OpCounts): KVNamespace {
  const tally: Record<string, keyof OpCounts> = {
    get: 'kvReads',
    getWithMetadata: 'kvReads',
    put: 'kvWrites',
    list: 'kvLists',
    delete: 'kvDeletes',
  }
  return new Proxy(kv, {
    get(target, prop) {
      const value = Reflect.get(target, prop)
      if (typeof value !== 'function') return value
      const counter = tally[String(prop)]
      return (...args: unknown[]) => {
        if (counter) counts[counter]++
        return value.apply(target, args)
      }
    },
  })
}
