/**
 * The build's stores in Node, for the simulation in bench/scale.bench.ts: SQLite through
 * `node:sqlite` behind the same `Sql` interface as a Durable Object's storage, and an in-memory
 * KV namespace with the behaviour the build relies on (text, JSON, ArrayBuffer and bulk reads,
 * metadata, prefix listing with cursors), counting operations as the worker counts them and
 * recording the largest value written.
 */
import { DatabaseSync } from 'node:sqlite'
import { MAX_BINDINGS, type OpCounts, type Sql, type SqlRow, type SqlValue } from '../store/sql'

/** SQLite in memory (or in a file) as `Sql`, counting statements into `counts`. */
export function nodeSql(counts: OpCounts, path = ':memory:'): Sql {
  const db = new DatabaseSync(path)
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF')
  const statements = new Map<string, ReturnType<DatabaseSync['prepare']>>()
  let depth = 0
  return {
    exec<T extends SqlRow>(query: string, ...bindings: SqlValue[]): T[] {
      counts.sql++
      // node:sqlite takes far more; the simulation must fail where the Durable Object would.
      if (bindings.length > MAX_BINDINGS)
        throw new Error(`${bindings.length} bound parameters (at most ${MAX_BINDINGS}): ${query}`)
      if (bindings.length === 0 && query.includes(';')) {
        db.exec(query)
        return []
      }
      let statement = statements.get(query)
      if (!statement) {
        statement = db.prepare(query)
        statements.set(query, statement)
      }
      const params = bindings.map((b) => (b instanceof ArrayBuffer ? new Uint8Array(b) : b))
      if (statement.columns().length === 0) {
        statement.run(...params)
        return []
      }
      return statement.all(...params).map((row) => {
        const out: Record<string, SqlValue> = {}
        for (const [key, value] of Object.entries(row as Record<string, unknown>))
          out[key] =
            value instanceof Uint8Array
              ? (value.buffer.slice(
                  value.byteOffset,
                  value.byteOffset + value.byteLength
                ) as ArrayBuffer)
              : (value as SqlValue)
        return out as T
      })
    },
    transaction<T>(fn: () => T): T {
      if (depth > 0) return fn()
      depth++
      db.exec('BEGIN')
      try {
        const result = fn()
        db.exec('COMMIT')
        return result
      } catch (error) {
        db.exec('ROLLBACK')
        throw error
      } finally {
        depth--
      }
    },
  }
}

type Entry = { value: Uint8Array; metadata: unknown }

/** An in-memory KV namespace; `largestValue` is the biggest value ever put, in bytes. */
export class MemoryKv {
  private readonly entries = new Map<string, Entry>()
  largestValue = 0

  private decode(entry: Entry | undefined, type: string): unknown {
    if (!entry) return null
    if (type === 'arrayBuffer') return entry.value.slice().buffer
    if (type === 'stream') return new Blob([entry.value]).stream()
    const text = new TextDecoder().decode(entry.value)
    return type === 'json' ? JSON.parse(text) : text
  }

  async get(key: string | string[], options?: unknown): Promise<unknown> {
    const type =
      typeof options === 'string' ? options : ((options as { type?: string })?.type ?? 'text')
    if (Array.isArray(key))
      return new Map(key.map((k) => [k, this.decode(this.entries.get(k), type)]))
    return this.decode(this.entries.get(key), type)
  }

  async getWithMetadata(key: string, options?: unknown) {
    const entry = this.entries.get(key)
    return { value: await this.get(key, options), metadata: entry?.metadata ?? null }
  }

  async put(
    key: string,
    value: string | ArrayBuffer | Uint8Array,
    options?: { metadata?: unknown }
  ) {
    const bytes =
      typeof value === 'string'
        ? new TextEncoder().encode(value)
        : value instanceof Uint8Array
          ? value
          : new Uint8Array(value)
    this.largestValue = Math.max(this.largestValue, bytes.byteLength)
    this.entries.set(key, { value: bytes, metadata: options?.metadata ?? null })
  }

  async delete(key: string) {
    this.entries.delete(key)
  }

  async list(options: { prefix?: string; cursor?: string; limit?: number } = {}) {
    const prefix = options.prefix ?? ''
    const limit = Math.min(options.limit ?? 1000, 1000)
    const names = [...this.entries.keys()].filter((k) => k.startsWith(prefix)).sort()
    const start = options.cursor ? Number(options.cursor) : 0
    const page = names.slice(start, start + limit)
    const complete = start + limit >= names.length
    return {
      keys: page.map((name) => ({ name, metadata: this.entries.get(name)?.metadata })),
      list_complete: complete,
      ...(complete ? {} : { cursor: String(start + limit) }),
      cacheStatus: null,
    }
  }

  /** Values held and their bytes. */
  size(): { values: number; bytes: number } {
    let bytes = 0
    for (const entry of this.entries.values()) bytes += entry.value.byteLength
    return { values: this.entries.size, bytes }
  }

  /** This store as the binding type the build takes. */
  asBinding(): KVNamespace {
    return this as unknown as KVNamespace
  }
}
