import { runInDurableObject } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { receivePage } from '../../src/build/ingest'
import { linkNew } from '../../src/build/merge'
import { builderOf } from '../../src/build/object'
import { buildConfig } from '../../src/content'
import type { Env } from '../../src/env'
import type { PageItem } from '../../src/pipeline/fields'
import { type Marks, type Measures, marksOf, measure } from '../../src/pipeline/merge'
import { DerivedStore, type Seeker, TEXT_NEW } from '../../src/store/derived'
import { durableSql, type Sql, zeroCounts } from '../../src/store/sql'
import { corpusPages } from '../helpers'

/** The Builder's real storage, emptied, as the Sql a store is made on. */
function inBuilder<T>(fn: (sql: Sql) => T | Promise<T>): Promise<T> {
  return runInDurableObject(builderOf(env as Env), async (_instance, state) => {
    await state.storage.deleteAll()
    return fn(durableSql(state.storage, zeroCounts()))
  })
}

function loadCorpus(store: DerivedStore): void {
  corpusPages().forEach((doc, n) => {
    receivePage(
      store,
      {
        sha: n.toString(16).padStart(64, '0'),
        name: doc.name,
        receivedAt: '',
        bytes: doc.text.length,
        text: doc.text,
      },
      buildConfig.pipeline,
      null
    )
  })
}

const texts = (sql: Sql) =>
  sql.exec<{ fingerprint: string }>('SELECT fingerprint FROM texts ORDER BY fingerprint')

function seekerOf(fingerprint: string, own: Measures | undefined): Seeker {
  if (!own) throw new Error(`no measures for ${fingerprint}`)
  return { fingerprint, shingles: own.shingles, marks: marksOf(own) }
}

/** Every text's candidates, as the link step asks for them. */
function allCandidates(store: DerivedStore, sql: Sql) {
  const fingerprints = texts(sql).map((t) => t.fingerprint)
  const measures = store.measures(fingerprints)
  const shared = store.sharedCounts([...measures.values()].flatMap((m) => [...m.shingles]))
  return fingerprints.map((fingerprint) =>
    store
      .candidates(seekerOf(fingerprint, measures.get(fingerprint)), shared)
      .map((c) => `${c.fingerprint} ${c.size} ${c.lang} ${c.figures}`)
      .sort()
  )
}

describe('the derived store', () => {
  it("keeps on each posting its text's marks: language, size and the bits of its numbers", async () => {
    await inBuilder((sql) => {
      const store = new DerivedStore(sql)
      loadCorpus(store)
      const rows = sql.exec<Marks & { fingerprint: string }>(
        'SELECT DISTINCT fingerprint, size, lang, figures FROM postings ORDER BY fingerprint'
      )
      const measures = store.measures(rows.map((r) => r.fingerprint))
      expect(rows.length).toBeGreaterThan(10)
      for (const { fingerprint, ...marks } of rows) {
        const own = measures.get(fingerprint)
        expect(own && marksOf(own)).toEqual(marks)
      }
      // The corpus has dated texts: some masks are set.
      expect(rows.some((r) => r.figures !== 0)).toBe(true)
    })
  })

  it('links a text to a larger one that only the larger one looks up, as each looks by its own rarest shingles', async () => {
    await inBuilder((sql) => {
      const store = new DerivedStore(sql)
      // Words of letters only (no numbers, no names): what is shared is exactly what is written.
      const words = (prefix: string, n: number) =>
        Array.from(
          { length: n },
          (_, i) => `${prefix}${String.fromCharCode(97 + (i % 26), 97 + Math.floor(i / 26))}`
        )
      const lead = words('lead', 50)
      const tail = words('tail', 12)
      // The small text: the lead and a tail; 48 of its 60 shingles are in the large text (0.8).
      const small = [...lead, ...tail]
      // The large text and another holding the lead: the lead's shingles are held by three texts.
      const large = [...lead, ...words('large', 150)]
      const other = [...lead, ...words('other', 150)]
      // A text sharing the tail alone: the tail's 12 shingles are held by two texts, so they are
      // the small text's rarest, and its lookups never reach the large text.
      const tailOnly = [...lead.slice(-2), ...tail, ...words('tailonly', 30)]
      const put = (n: number, text: string[]) => {
        const sha = n.toString(16).padStart(64, '0')
        store.notePage({ sha, name: `${n}.txt`, url: null, receivedAt: '', bytes: 0 })
        const measures = measure(text.join(' '), text, 'en')
        const item = {} as PageItem
        store.setExtracted(sha, {
          copies: [{ fingerprint: sha.slice(-16), item, measures }],
          warnings: [],
        })
        return sha.slice(-16)
      }
      const [s, l] = [put(1, small), put(2, large)]
      put(3, other)
      put(4, tailOnly)
      while (linkNew(store, 100) > 0) {}
      const links = sql.exec<{ a: string; b: string }>('SELECT a, b FROM links')
      expect(links).toContainEqual({ a: s, b: l })
    })
  })

  it('keeps a text waiting for its candidates when more copies arrive before it is linked', async () => {
    await inBuilder((sql) => {
      const store = new DerivedStore(sql)
      const teaser =
        'On 6 May 2024, the CSTO Secretary General met the Ambassador of the Republic of Tajikistan in Dushanbe.'
      const arrive = (n: number) =>
        receivePage(
          store,
          {
            sha: n.toString(16).padStart(64, '0'),
            name: `${n}.txt`,
            receivedAt: '',
            bytes: 0,
            text: `06.05.2024\n\n${teaser}\n\n\n07.05.2024\n\nStory ${n} of the next day, with its own words ${n}.`,
          },
          buildConfig.pipeline,
          null
        )
      arrive(1)
      const [fingerprint] = sql
        .exec<{ fingerprint: string }>(
          'SELECT fingerprint FROM texts WHERE copies = 1 AND key LIKE ?',
          'on 6 may%'
        )
        .map((r) => r.fingerprint)
      arrive(2)
      arrive(3)
      const row = sql.exec<{ copies: number; state: number }>(
        'SELECT copies, state FROM texts WHERE fingerprint = ?',
        fingerprint ?? ''
      )[0]
      expect(row).toEqual({ copies: 3, state: TEXT_NEW })
      expect(store.pendingTexts(100).find((t) => t.fingerprint === fingerprint)?.state).toBe(
        TEXT_NEW
      )
    })
  })

  it('counts what a transaction wrote, and nothing of one that failed', async () => {
    await inBuilder((sql) => {
      const store = new DerivedStore(sql)
      const page = (n: number) => ({
        sha: n.toString(16).padStart(64, '0'),
        name: `page-${n}`,
        url: null,
        receivedAt: '',
        bytes: 100,
      })
      store.notePage(page(1))
      expect([store.countPages(), store.rawBytes()]).toEqual([1, 100])
      const before = sql.exec('SELECT count(*) AS n FROM counters')
      expect(() =>
        store.sql.transaction(() => {
          store.notePage(page(2))
          expect(store.countPages()).toBe(2)
          throw new Error('cut off')
        })
      ).toThrow('cut off')
      expect([store.countPages(), store.rawBytes()]).toEqual([1, 100])
      store.sql.transaction(() => {
        for (let n = 2; n <= 4; n++) store.notePage(page(n))
      })
      expect([store.countPages(), store.rawBytes()]).toEqual([4, 400])
      expect(sql.exec('SELECT count(*) AS n FROM counters')).toEqual(before)
    })
  })

  it('answers the learned navigation as it is: learned, forgotten, or rolled back', async () => {
    await inBuilder((sql) => {
      const store = new DerivedStore(sql)
      const sha = (n: number) => n.toString(16).padStart(64, '0')
      const note = (n: number) =>
        store.notePage({ sha: sha(n), name: `page-${n}`, url: null, receivedAt: '', bytes: 1 })
      for (let n = 1; n <= 3; n++) note(n)
      store.learnFrom(sha(1), ['about the council'])
      store.learnFrom(sha(2), ['about the council'])
      expect([...store.learnedLines()]).toEqual([])
      store.learnFrom(sha(3), ['about the council'])
      expect([...store.learnedLines()]).toEqual(['about the council'])
      store.deletePage(sha(3))
      expect([...store.learnedLines()]).toEqual([])
      expect(() =>
        store.sql.transaction(() => {
          note(4)
          store.learnFrom(sha(4), ['about the council'])
          expect([...store.learnedLines()]).toEqual(['about the council'])
          throw new Error('cut off')
        })
      ).toThrow('cut off')
      expect([...store.learnedLines()]).toEqual([])
    })
  })

  it('brings a store made by an earlier version up to date in place, losing nothing', async () => {
    await inBuilder((sql) => {
      const store = new DerivedStore(sql)
      loadCorpus(store)
      const before = { texts: texts(sql), candidates: allCandidates(store, sql) }
      store.sql.exec('INSERT INTO registry (fingerprint, id) VALUES (?, ?)', 'kept', 'id-kept')
      // The store as the first version left it: none of the migrations ran.
      sql.exec('DROP TABLE entries')
      sql.exec('DROP TABLE runs')
      sql.exec('DROP INDEX ids_text')
      sql.exec('ALTER TABLE ids DROP COLUMN text')
      sql.exec("INSERT INTO ids (id, generation, first_seen) VALUES ('id-kept', 1, '2024-05-06')")
      sql.exec('DROP INDEX texts_pending')
      for (const column of ['size', 'lang', 'figures'])
        sql.exec(`ALTER TABLE postings DROP COLUMN ${column}`)
      sql.exec('CREATE INDEX texts_state ON texts(state)')
      sql.exec('DROP INDEX docs_subscriptions')
      sql.exec('DROP TABLE edge_lines')
      sql.exec('DROP TABLE learned')
      // Its items without row ids, and one of them.
      sql.exec('DROP TABLE items')
      sql.exec(`CREATE TABLE items (
        id TEXT NOT NULL, since INTEGER NOT NULL, until INTEGER, sort_date TEXT NOT NULL,
        title TEXT NOT NULL, bucket TEXT NOT NULL, weight INTEGER NOT NULL, lang TEXT NOT NULL,
        data TEXT NOT NULL, PRIMARY KEY (id, since)) WITHOUT ROWID`)
      sql.exec(
        "INSERT INTO items VALUES ('item-kept', 1, NULL, '2024-05-06', 'Kept', '2024-05', 100, 'en', '{}')"
      )
      sql.exec("DELETE FROM meta WHERE key = 'schema'")

      const reopened = new DerivedStore(sql)
      expect(texts(sql)).toEqual(before.texts)
      expect(allCandidates(reopened, sql)).toEqual(before.candidates)
      expect(sql.exec('SELECT id FROM registry WHERE fingerprint = ?', 'kept')).toEqual([
        { id: 'id-kept' },
      ])
      // An id minted before it knows no text yet; its next item records one.
      expect(sql.exec("SELECT generation, text FROM ids WHERE id = 'id-kept'")).toEqual([
        { generation: 1, text: null },
      ])
      expect(
        sql.exec("SELECT name FROM sqlite_master WHERE name IN ('texts_state', 'texts_pending')")
      ).toEqual([{ name: 'texts_pending' }])
      expect(sql.exec('SELECT rowid AS n, id, until, data FROM items')).toEqual([
        { n: 1, id: 'item-kept', until: null, data: '{}' },
      ])
      expect(
        sql
          .exec<{ name: string }>(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'items' ORDER BY name"
          )
          .map((r) => r.name)
      ).toEqual(['items_bucket', 'items_order', 'items_until', 'sqlite_autoindex_items_1'])
      expect(sql.exec("SELECT name FROM sqlite_master WHERE name IN ('entries', 'runs')")).toEqual([
        { name: 'entries' },
        { name: 'runs' },
      ])
      expect(
        sql.exec(
          "SELECT name FROM sqlite_master WHERE name IN ('edge_lines', 'learned') ORDER BY name"
        )
      ).toEqual([{ name: 'edge_lines' }, { name: 'learned' }])
      // Opening it again runs nothing twice.
      expect(() => new DerivedStore(sql)).not.toThrow()
    })
  })
})
