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

/**
 * Tables that grow with the corpus: a statement reading one must seek, not scan. (The queues a
 * build drains, `dirty`, `dropped` and `garbage`, hold one build's work, not the corpus.)
 */
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

/** Words that may follow a table's name in a statement, where an alias could stand. */
const NOT_ALIASES = new Set([
  'AS',
  'GROUP',
  'INDEXED',
  'JOIN',
  'LEFT',
  'LIMIT',
  'ON',
  'ORDER',
  'WHERE',
])

/** The names a statement's plan gives the growing tables it reads: theirs, and their aliases. */
function growingNames(statement: string): Set<string> {
  const names = new Set(GROWING)
  for (const [, table, alias] of statement.matchAll(
    /\b(?:FROM|JOIN)\s+(\w+)(?:\s+(?:AS\s+)?(\w+))?/gi
  ))
    if (GROWING.includes(table as string) && alias && !NOT_ALIASES.has(alias.toUpperCase()))
      names.add(alias)
  return names
}

/**
 * What SQLite's plan says a statement does that costs as much as a table: a scan of a growing
 * table, unless it reads a partial index (which holds few) or stops after LIMIT rows (in an
 * index's order, or with nothing to filter out); or a search by `until` alone, which lists every
 * current version.
 */
function costsATable(statement: string, plan: readonly string[], partial: Set<string>): string[] {
  const names = growingNames(statement)
  const limited = /\bLIMIT\b/i.test(statement) && !plan.some((d) => d.includes('FOR ORDER BY'))
  const unfiltered = !/\bWHERE\b/i.test(statement)
  return plan.filter((detail) => {
    const scan = /^SCAN (\w+)(?: USING (?:COVERING )?INDEX (\w+))?/.exec(detail)
    if (scan && names.has(scan[1] as string)) {
      if (scan[2] !== undefined && partial.has(scan[2])) return false
      return !(limited && (scan[2] !== undefined || unfiltered))
    }
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
