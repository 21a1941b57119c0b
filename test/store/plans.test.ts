import { runInDurableObject } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { receivePage } from '../../src/build/ingest'
import { runBuild } from '../../src/build/job'
import { builderOf } from '../../src/build/object'
import { buildConfig } from '../../src/content'
import type { Env } from '../../src/env'
import { DerivedStore } from '../../src/store/derived'
import { durableSql, type Sql, type SqlValue, zeroCounts } from '../../src/store/sql'
import { buildDeps, casePages, corpusPages } from '../helpers'

/** Tables that grow with the corpus: a statement reading one must seek, not scan. */
const GROWING = [
  'pages',
  'copies',
  'texts',
  'df',
  'postings',
  'links',
  'registry',
  'ids',
  'items',
  'item_topics',
  'entries',
  'docs',
  'warnings',
]

/**
 * What SQLite's plan says a statement does that costs as much as a table: a scan of a growing
 * table (unless the statement stops after LIMIT rows in index order, or reads a partial index,
 * which holds few), or a search by `until` alone, which lists every current version.
 */
function costsATable(statement: string, plan: readonly string[], partial: Set<string>): string[] {
  const limited = /\bLIMIT\b/i.test(statement) && !plan.some((d) => d.includes('FOR ORDER BY'))
  return plan.filter((detail) => {
    const scan = /^SCAN (\w+)(?: USING (?:COVERING )?INDEX (\w+))?/.exec(detail)
    if (scan && GROWING.includes(scan[1] as string)) return !limited && !partial.has(scan[2] ?? '')
    return /\(until=\?\)$/.test(detail)
  })
}

/** Every distinct statement a store runs, with the values it first ran with. */
function recording(sql: Sql): { sql: Sql; seen: Map<string, SqlValue[]> } {
  const seen = new Map<string, SqlValue[]>()
  return {
    seen,
    sql: {
      ...sql,
      exec(query, ...bindings) {
        if (!seen.has(query)) seen.set(query, bindings)
        return sql.exec(query, ...bindings)
      },
    },
  }
}

describe('the derived store', () => {
  it('seeks an index in every statement of builds, new pages, deletions and topic changes, scanning no table that grows', async () => {
    await runInDurableObject(builderOf(env as Env), async (_instance, state) => {
      await state.storage.deleteAll()
      const counts = zeroCounts()
      const plain = durableSql(state.storage, counts)
      // Made once first: what a new store's migrations run is not what builds run.
      new DerivedStore(plain)
      const { sql, seen } = recording(plain)
      const store = new DerivedStore(sql)
      const deps = buildDeps(store, counts)
      const request = { baseUrl: 'https://feeds.example', origin: null, hubUrl: null, scan: false }
      const build = async () => {
        while (!(await runBuild(deps, request, { units: 1e9, kvOps: 1e9 })).done) {}
      }
      const pages = [...corpusPages(), ...casePages()]
      const shas = pages.map((_, n) => n.toString(16).padStart(64, '0'))
      const arrive = (n: number) => {
        const doc = pages[n]
        if (!doc) throw new Error(`no page ${n}`)
        const bytes = new TextEncoder().encode(doc.text).byteLength
        const page = { sha: shas[n] as string, name: doc.name, receivedAt: '', bytes }
        receivePage(store, { ...page, text: doc.text }, buildConfig.pipeline, null)
      }
      for (let n = 1; n < pages.length; n++) arrive(n)
      await build()
      arrive(0)
      await build()
      store.deletePage(shas[1] as string)
      await build()
      // Topic rules changed: every item is classified again.
      deps.config = { ...buildConfig, topics: buildConfig.topics.slice(1) }
      await build()

      const partial = new Set(
        plain
          .exec<{ name: string }>(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND sql LIKE '% WHERE %'"
          )
          .map((r) => r.name)
      )
      const offending = [...seen].flatMap(([statement, bindings]) => {
        if (!/^\s*(SELECT|INSERT|UPDATE|DELETE|WITH)/i.test(statement)) return []
        const plan = plain
          .exec<{ detail: string }>(`EXPLAIN QUERY PLAN ${statement}`, ...bindings)
          .map((r) => r.detail)
        const costly = costsATable(statement, plan, partial)
        return costly.length === 0
          ? []
          : [`${statement.replace(/\s+/g, ' ')}: ${costly.join('; ')}`]
      })
      expect(seen.size).toBeGreaterThan(50)
      // The topic change went through the reclassify step (items in id order, a chunk at a time).
      expect([...seen.keys()].some((q) => q.includes('AND id > ?2 ORDER BY id'))).toBe(true)
      expect(offending).toEqual([])
    })
  })
})
