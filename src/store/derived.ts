/**
 * The derived state of the corpus, kept where a change can update it in place: a SQLite
 * database (the Builder Durable Object's storage; node:sqlite in the Node simulation). KV keeps
 * the raw pages and the served documents; everything made from the pages lives here:
 *
 * - `pages`: every raw page known, its state, and `copies`, the page items extracted from it once.
 * - `texts`: each distinct text (by fingerprint) with its merge measures; `df` and `postings`,
 *   the candidate index (a shingle's postings stop at POSTINGS_MAX texts); `links`, the pair
 *   verdicts, so a change re-clusters only its component.
 * - `registry` and `ids`: fingerprints → item ids, and the build and day that minted each id.
 * - `items` and `item_topics`: the items in feed order, per topic, versioned by build: a row is
 *   visible from the build that made it (`since`) until the one that replaced it (`until`), so
 *   the served build's items stay readable, whole, while the next build is made.
 * - `dirty`, `docs`: which documents a change touched and every rendered document of the build
 *   in progress (each feed's window is kept in `meta`); `entries`, each item's entry per format,
 *   and `runs`, the compressed runs of entries of documents rendered again (build/compress.ts).
 * - `actions`, `warnings`, `meta`: the admin log, what extraction reported, the job and settings.
 * - `edge_lines`, `learned`: the short lines at each page's edges, and those learned as
 *   navigation (pipeline/navigation.ts).
 * - `counters`: totals kept as rows change (pages, bytes, copies, items per feed, documents,
 *   warnings per kind), so a report never counts over the whole corpus.
 */
import type { KeptEntry } from '../feeds'
import type { Item, Warning } from '../model'
import type { PageItem } from '../pipeline/fields'
import type { Shingles } from '../pipeline/fingerprint'
import type { IdLedger, LedgerUpdate } from '../pipeline/identity'
import {
  type Copy,
  FOLD_CONTAINMENT,
  type Link,
  lookupShingles,
  type Marks,
  type Measures,
  marksOf,
  POSTINGS_MAX,
} from '../pipeline/merge'
import { LEARNED_MIN_PAGES } from '../pipeline/navigation'
import type { CacheClass, DocMeta } from './builds'
import { MAX_BINDINGS, type Sql, type SqlValue } from './sql'

/**
 * The schema's first version; `MIGRATIONS` bring a store up to date, a new one too (so `items`,
 * made here without row ids, is a table with row ids in every store).
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS pages (
  sha TEXT PRIMARY KEY, name TEXT NOT NULL, url TEXT, received_at TEXT NOT NULL, bytes INTEGER NOT NULL,
  state TEXT NOT NULL, seen INTEGER NOT NULL DEFAULT 0, served INTEGER NOT NULL DEFAULT 0);
CREATE INDEX IF NOT EXISTS pages_state ON pages(state);
CREATE INDEX IF NOT EXISTS pages_served ON pages(served);
CREATE TABLE IF NOT EXISTS copies (
  page TEXT NOT NULL, seq INTEGER NOT NULL, fingerprint TEXT NOT NULL, item TEXT NOT NULL,
  PRIMARY KEY (page, seq));
CREATE INDEX IF NOT EXISTS copies_fingerprint ON copies(fingerprint);
CREATE TABLE IF NOT EXISTS texts (
  fingerprint TEXT PRIMARY KEY, key TEXT NOT NULL, lang TEXT NOT NULL, shingles BLOB NOT NULL,
  size INTEGER NOT NULL, numbers TEXT NOT NULL, copies INTEGER NOT NULL, state INTEGER NOT NULL,
  item TEXT);
CREATE INDEX IF NOT EXISTS texts_item ON texts(item);
CREATE TABLE IF NOT EXISTS df (shingle INTEGER PRIMARY KEY, n INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS postings (shingle INTEGER NOT NULL, fingerprint TEXT NOT NULL,
  PRIMARY KEY (shingle, fingerprint)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS links (a TEXT NOT NULL, b TEXT NOT NULL, copy INTEGER NOT NULL,
  score REAL NOT NULL, PRIMARY KEY (a, b)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS links_b ON links(b);
CREATE TABLE IF NOT EXISTS registry (fingerprint TEXT PRIMARY KEY, id TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS ids (id TEXT PRIMARY KEY, generation INTEGER NOT NULL, first_seen TEXT NOT NULL)
  WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS items (
  id TEXT NOT NULL, since INTEGER NOT NULL, until INTEGER, sort_date TEXT NOT NULL,
  title TEXT NOT NULL, bucket TEXT NOT NULL, weight INTEGER NOT NULL, lang TEXT NOT NULL,
  data TEXT NOT NULL, PRIMARY KEY (id, since)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS items_order ON items(sort_date DESC, title, id);
CREATE INDEX IF NOT EXISTS items_bucket ON items(bucket, sort_date DESC, title, id);
CREATE INDEX IF NOT EXISTS items_until ON items(until);
CREATE TABLE IF NOT EXISTS item_topics (
  slug TEXT NOT NULL, sort_date TEXT NOT NULL, title TEXT NOT NULL, id TEXT NOT NULL,
  since INTEGER NOT NULL, until INTEGER, bucket TEXT NOT NULL, weight INTEGER NOT NULL,
  PRIMARY KEY (slug, sort_date, title, id, since)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS item_topics_bucket ON item_topics(slug, bucket);
CREATE INDEX IF NOT EXISTS item_topics_id ON item_topics(id);
CREATE INDEX IF NOT EXISTS item_topics_until ON item_topics(until);
CREATE TABLE IF NOT EXISTS dropped (id TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS dirty (feed TEXT NOT NULL, bucket TEXT NOT NULL,
  PRIMARY KEY (feed, bucket)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS docs (
  path TEXT PRIMARY KEY, feed TEXT NOT NULL, bucket TEXT NOT NULL, blob TEXT NOT NULL,
  offset INTEGER NOT NULL, length INTEGER NOT NULL, etag TEXT NOT NULL, last_modified TEXT NOT NULL, content_type TEXT NOT NULL,
  bytes INTEGER NOT NULL, stored INTEGER NOT NULL, cache TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS docs_feed ON docs(feed, bucket);
CREATE INDEX IF NOT EXISTS docs_blob ON docs(blob);
CREATE TABLE IF NOT EXISTS garbage (blob TEXT PRIMARY KEY, build INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS actions (n INTEGER PRIMARY KEY AUTOINCREMENT, action TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS warnings (page TEXT NOT NULL, kind TEXT NOT NULL, detail TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS warnings_page ON warnings(page);
CREATE INDEX IF NOT EXISTS warnings_kind ON warnings(kind);
`

/**
 * What changed in the schema since its first version, in order, run once each on a store made
 * by an earlier version (a fresh one runs them all): the registry a store holds cannot be
 * derived again from the pages, so a store is changed in place, never dropped.
 */
const MIGRATIONS = [
  // The numbers of a text apart from its names, space-separated: what most candidates fail on,
  // read for every candidate (a text's names are many; its numbers a few).
  "ALTER TABLE texts ADD COLUMN figures TEXT NOT NULL DEFAULT ''",
  `UPDATE texts SET figures = coalesce(
     (SELECT group_concat(value, ' ') FROM json_each(texts.numbers) WHERE value GLOB '[0-9]*'), '')`,
  // Candidates are read by their marks alone: this index holds them, away from the long columns.
  'CREATE INDEX texts_marks ON texts(fingerprint, size, lang, figures)',
  // Each item's entry per feed format, written once and put in every document it is in.
  `CREATE TABLE entries (id TEXT NOT NULL, format TEXT NOT NULL, hash TEXT NOT NULL,
     body TEXT NOT NULL, PRIMARY KEY (id, format))`,
  // Pending texts are read in (state, fingerprint) order, a chunk at a time: on an index in that
  // order each chunk is read where the last one ended; on (state) alone every chunk sorted them all.
  'DROP INDEX IF EXISTS texts_state',
  'CREATE INDEX texts_pending ON texts(state, fingerprint)',
  // Every build lists the subscription documents for its manifest: on (feed, bucket) that was a
  // scan of every archive document too (12,607 rows at 10,000 pages).
  "CREATE INDEX docs_subscriptions ON docs(path) WHERE bucket = ''",
  // Items in a table with row ids: its rows (an item's whole text) are appended, and its indexes
  // name a row by number, not by (id, since). Without row ids each row was a key of the table's
  // one b-tree, its text in overflow pages, and inserting items cost twice as much.
  `CREATE TABLE items_by_row (
     id TEXT NOT NULL, since INTEGER NOT NULL, until INTEGER, sort_date TEXT NOT NULL,
     title TEXT NOT NULL, bucket TEXT NOT NULL, weight INTEGER NOT NULL, lang TEXT NOT NULL,
     data TEXT NOT NULL, PRIMARY KEY (id, since))`,
  `INSERT INTO items_by_row (id, since, until, sort_date, title, bucket, weight, lang, data)
     SELECT id, since, until, sort_date, title, bucket, weight, lang, data FROM items`,
  'DROP TABLE items',
  'ALTER TABLE items_by_row RENAME TO items',
  'CREATE INDEX items_order ON items(sort_date DESC, title, id)',
  'CREATE INDEX items_bucket ON items(bucket, sort_date DESC, title, id)',
  'CREATE INDEX items_until ON items(until)',
  // A posting carries its text's marks (`Marks`): counting a text's postings gives each candidate
  // with them, where reading them from the texts afterwards was 40 % of the link step at 10,000
  // pages (a row per candidate, some 77 a text). The bits are `figuresOf`'s, in SQL.
  'ALTER TABLE postings ADD COLUMN size INTEGER NOT NULL DEFAULT 0',
  "ALTER TABLE postings ADD COLUMN lang TEXT NOT NULL DEFAULT ''",
  'ALTER TABLE postings ADD COLUMN figures INTEGER NOT NULL DEFAULT 0',
  `UPDATE postings SET size = t.size, lang = t.lang, figures = (
     SELECT coalesce(sum(bit), 0) FROM (
       SELECT DISTINCT 1 << (CAST(substr(value, -9) AS INTEGER) % 32) AS bit
         FROM json_each(t.numbers) WHERE value GLOB '[0-9]*'))
     FROM texts t WHERE t.fingerprint = postings.fingerprint`,
  'DROP INDEX texts_marks',
  'ALTER TABLE texts DROP COLUMN figures',
  // A document a new item renders again (a feed's window, its newest archive) keeps its runs of
  // entries compressed (build/compress.ts): the next version compresses only the runs it lacks.
  // Rows of kilobytes: a table with row ids, its key in an index (WITHOUT ROWID suits small rows).
  `CREATE TABLE runs (path TEXT NOT NULL, key TEXT NOT NULL, deflated BLOB NOT NULL,
     PRIMARY KEY (path, key))`,
  // Runs named by the digests of their entries, not by a hash of their bytes, and with their
  // text's CRC-32 and length (a document's gzip trailer is made from them): rows named the old
  // way cannot be renamed, and are only a cache.
  'DROP TABLE runs',
  `CREATE TABLE runs (path TEXT NOT NULL, key TEXT NOT NULL, deflated BLOB NOT NULL,
     crc INTEGER NOT NULL, size INTEGER NOT NULL, PRIMARY KEY (path, key))`,
  // ... and a kept entry has the digest of its bytes, which runs are named from. Kept entries are
  // a cache: those kept without it are written again.
  'DELETE FROM entries',
  "ALTER TABLE entries ADD COLUMN digest TEXT NOT NULL DEFAULT ''",
  // An id remembers the text it was last given for (pipeline/identity.ts `textKey`): that text,
  // still served, keeps the id whatever its copies' fingerprints say.
  'ALTER TABLE ids ADD COLUMN text TEXT',
  'CREATE INDEX ids_text ON ids(text) WHERE text IS NOT NULL',
  // Navigation learned across pages (pipeline/navigation.ts): the lines at each page's edges,
  // and those at the edge of enough pages. Pages extracted before count once extracted again.
  'CREATE TABLE edge_lines (key TEXT NOT NULL, page TEXT NOT NULL, PRIMARY KEY (key, page)) WITHOUT ROWID',
  'CREATE INDEX edge_lines_page ON edge_lines(page)',
  'CREATE TABLE learned (key TEXT PRIMARY KEY) WITHOUT ROWID',
]

/**
 * A run of a document's entries, compressed apart (build/compress.ts): its name, and its text's
 * raw deflate, CRC-32 and length in bytes.
 */
export type Run = { key: string; deflated: Uint8Array; crc: number; size: number }

/** Text states: linked and clustered; needing its candidates found; needing its component re-clustered. */
export const TEXT_DONE = 0
export const TEXT_NEW = 1
export const TEXT_STALE = 2

/**
 * A text's state once something near it changed: to be re-clustered, unless it still waits for
 * its candidates, which it must look up first (a teaser's second copy often arrives before the
 * build that links it; marked stale then, it was never linked, and on dense days it stood apart).
 */
const STALE_UNLESS_NEW = `CASE state WHEN ${TEXT_NEW} THEN ${TEXT_NEW} ELSE ${TEXT_STALE} END`

/** Page states: listed in KV but not read yet; extracted; extraction failed (kept, reported). */
export type PageState = 'queued' | 'extracted' | 'failed'

export type PageRow = {
  sha: string
  name: string
  url: string | null
  receivedAt: string
  bytes: number
  state: PageState
}

/** The archive bucket name of the subscription document of a feed in `dirty` and `docs`. */
export const SUBSCRIPTION = ''
/** The feed key of the feed of every item (topic feeds are keyed by slug). */
export const ALL = ''

/** An admin call, logged so that the next build report lists it. */
export type AdminAction = {
  at: string
  action: 'add-document' | 'delete-document' | 'rebuild'
  sha?: string
  name?: string
  created?: boolean
}

/** A text that could join another, with the marks that decide whether its words are read (of its numbers and names, the numbers: names are checked against the words). */
export type Candidate = Marks & { fingerprint: string }

/** A text looking for its candidates (`candidates`), with what the lookup reads of its measures. */
export type Seeker = { fingerprint: string; shingles: Shingles; marks: Marks }

/** The fields of a stored document beyond where it lives. */
export type StoredDoc = DocMeta & { path: string; feed: string; bucket: string; stored: number }

/** What id assignment asks of an id: who minted it, and whether a visible item holds it. */
type IdFact = { generation: number | undefined; visible: boolean }

/** An item's row: what orders and places it, beside the item itself. */
export type ItemRow = {
  id: string
  sortDate: string
  bucket: string
  weight: number
  topics: string[]
}

/** Shingles as stored: their bytes, in order. */
const toBlob = (shingles: Shingles): ArrayBuffer => shingles.slice().buffer as ArrayBuffer
const fromBlob = (blob: SqlValue): Shingles =>
  blob instanceof ArrayBuffer ? new Uint32Array(blob) : new Uint32Array()

type DocRow = Record<string, string | number>

function toStoredDoc(r: DocRow): StoredDoc {
  return {
    path: String(r.path),
    feed: String(r.feed),
    bucket: String(r.bucket),
    blob: String(r.blob),
    offset: Number(r.offset),
    length: Number(r.length),
    etag: String(r.etag),
    lastModified: String(r.last_modified),
    contentType: String(r.content_type),
    bytes: Number(r.bytes),
    stored: Number(r.stored),
    cache: String(r.cache) as CacheClass,
  }
}

/**
 * A list bound as one JSON parameter (`IN ${EACH}` with `JSON.stringify(list)`): a Durable
 * Object's SQLite takes at most 100 bound parameters a statement, and one statement for a whole
 * list costs a fraction of a statement per hundred.
 */
const EACH = '(SELECT value FROM json_each(?))'

/**
 * Rows inserted as few statements as the bindings allow (`INSERT ... VALUES (...), (...)`):
 * rows bound one value a parameter, not as JSON, which SQLite would parse again for every
 * column it extracts (a document's twelve columns cost more than the statements saved).
 */
function insertRows(sql: Sql, insert: string, rows: ReadonlyArray<readonly SqlValue[]>): void {
  const width = rows[0]?.length ?? 0
  if (width === 0) return
  const per = Math.floor(MAX_BINDINGS / width)
  const tuple = `(${Array(width).fill('?').join(', ')})`
  for (let i = 0; i < rows.length; i += per) {
    const chunk = rows.slice(i, i + per)
    sql.exec(`${insert} VALUES ${Array(chunk.length).fill(tuple).join(', ')}`, ...chunk.flat())
  }
}

/** Rows of `items` or `item_topics` as build `view` sees them. */
const VISIBLE = '(since <= ?1 AND (until IS NULL OR until > ?1))'

export class DerivedStore {
  /**
   * The build whose items reads see and writes make: the build in progress while a job runs,
   * else the served one.
   */
  view = 0

  /** The SQLite it keeps its state in; a transaction also writes the counters changed in it. */
  readonly sql: Sql

  /**
   * Counter changes made inside a transaction, summed here and written as one statement when
   * it ends: an item or a document changes several counters, and a statement is what an
   * incremental build spends most on inside workerd.
   */
  private readonly deltas = new Map<string, number>()
  private depth = 0
  /**
   * The lines learned as navigation, as last read: every page extracted asks, and they change
   * seldom. Forgotten when they change and when a transaction rolls back.
   */
  private learned: ReadonlySet<string> | null = null

  constructor(sql: Sql) {
    this.sql = {
      exec: (query, ...bindings) => sql.exec(query, ...bindings),
      transaction: (fn) =>
        sql.transaction(() => {
          this.depth++
          try {
            const result = fn()
            if (this.depth === 1) this.writeCounters()
            return result
          } catch (error) {
            // The transaction's rows roll back; so do its counter changes and what it learned.
            this.deltas.clear()
            this.learned = null
            throw error
          } finally {
            this.depth--
          }
        }),
    }
    sql.exec(SCHEMA)
    const applied = this.getMeta<number>('schema') ?? 0
    if (applied === MIGRATIONS.length) return
    sql.transaction(() => {
      for (const step of MIGRATIONS.slice(applied)) sql.exec(step)
      this.setMeta('schema', MIGRATIONS.length)
    })
  }

  /** The number of the build being served (0 before the first). */
  servedBuild(): number {
    return this.getMeta<number>('servedNumber') ?? 0
  }

  /** Marks build `number` as the one served. */
  setServedBuild(number: number): void {
    this.setMeta('servedNumber', number)
  }

  /** Runs `fn` reading the items of build `view` (the served one, while another is made). */
  viewing<T>(view: number, fn: () => T): T {
    const before = this.view
    this.view = view
    try {
      return fn()
    } finally {
      this.view = before
    }
  }

  // --- counters -------------------------------------------------------------------------------

  private bump(name: string, delta: number): void {
    if (delta === 0) return
    this.deltas.set(name, (this.deltas.get(name) ?? 0) + delta)
    if (this.depth === 0) this.writeCounters()
  }

  private writeCounters(): void {
    const changed = [...this.deltas].filter(([, n]) => n !== 0)
    this.deltas.clear()
    if (changed.length === 0) return
    this.sql.exec(
      `INSERT INTO counters (name, n) SELECT key, value FROM json_each(?) WHERE true
         ON CONFLICT(name) DO UPDATE SET n = n + excluded.n`,
      JSON.stringify(Object.fromEntries(changed))
    )
  }

  private counter(name: string): number {
    this.writeCounters()
    return Number(
      this.sql.exec<{ n: number }>('SELECT n FROM counters WHERE name = ?', name)[0]?.n ?? 0
    )
  }

  private counters(prefix: string): Record<string, number> {
    this.writeCounters()
    return Object.fromEntries(
      this.sql
        .exec<{ name: string; n: number }>(
          'SELECT name, n FROM counters WHERE name >= ? AND name < ? AND n != 0',
          prefix,
          `${prefix}\uffff`
        )
        .map((r) => [r.name.slice(prefix.length), Number(r.n)])
    )
  }

  // --- settings and job state ------------------------------------------------------------------

  getMeta<T>(key: string): T | null {
    const row = this.sql.exec<{ value: string }>('SELECT value FROM meta WHERE key = ?', key)[0]
    return row ? (JSON.parse(row.value) as T) : null
  }

  setMeta(key: string, value: unknown): void {
    this.sql.exec(
      'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
      key,
      JSON.stringify(value)
    )
  }

  // --- pages and their copies ------------------------------------------------------------------

  page(sha: string): PageRow | null {
    const row = this.sql.exec<Record<string, string | number | null>>(
      'SELECT sha, name, url, received_at, bytes, state FROM pages WHERE sha = ?',
      sha
    )[0]
    return row
      ? {
          sha: String(row.sha),
          name: String(row.name),
          url: row.url === null ? null : String(row.url),
          receivedAt: String(row.received_at),
          bytes: Number(row.bytes),
          state: row.state as PageState,
        }
      : null
  }

  /** Records a page listed in KV (or received), queued for extraction unless known; true when new. */
  notePage(meta: Omit<PageRow, 'state'>, seen = 0): boolean {
    const known = this.sql.exec('SELECT 1 AS x FROM pages WHERE sha = ?', meta.sha).length > 0
    if (known) {
      this.sql.exec('UPDATE pages SET seen = ? WHERE sha = ?', seen, meta.sha)
      return false
    }
    this.sql.exec(
      'INSERT INTO pages (sha, name, url, received_at, bytes, state, seen) VALUES (?, ?, ?, ?, ?, ?, ?)',
      meta.sha,
      meta.name,
      meta.url,
      meta.receivedAt,
      meta.bytes,
      'queued',
      seen
    )
    this.bump('pages', 1)
    this.bump('rawBytes', meta.bytes)
    return true
  }

  queuedPages(limit: number): PageRow[] {
    return this.sql
      .exec<{ sha: string }>(
        "SELECT sha FROM pages WHERE state = 'queued' ORDER BY sha LIMIT ?",
        limit
      )
      .flatMap((r) => this.page(r.sha) ?? [])
  }

  countPages(): number {
    return this.counter('pages')
  }

  /** Pages not seen by the listing `scan`: gone from KV behind the worker's back. */
  unseenPages(scan: number, limit: number): string[] {
    return this.sql
      .exec<{ sha: string }>('SELECT sha FROM pages WHERE seen < ? LIMIT ?', scan, limit)
      .map((r) => r.sha)
  }

  /**
   * Stores what extraction made of a page: its copies (each indexed as a text) and its
   * warnings, or the failure. Re-extraction (new rules) first releases the old copies.
   */
  setExtracted(
    sha: string,
    result:
      | {
          copies: Array<{ fingerprint: string; item: PageItem; measures: Measures }>
          warnings: Warning[]
        }
      | { failed: string }
  ): void {
    this.releaseCopies(sha)
    this.dropWarnings(sha)
    if ('failed' in result) {
      this.sql.exec("UPDATE pages SET state = 'failed' WHERE sha = ?", sha)
      const name = this.page(sha)?.name ?? sha
      this.addWarnings(sha, [{ source: name, kind: 'failed', detail: result.failed }])
      return
    }
    this.bump('copies', result.copies.length)
    result.copies.forEach((c, seq) => {
      this.sql.exec(
        'INSERT INTO copies (page, seq, fingerprint, item) VALUES (?, ?, ?, ?)',
        sha,
        seq,
        c.fingerprint,
        JSON.stringify(c.item)
      )
      this.holdText(c.fingerprint, c.measures)
    })
    this.addWarnings(sha, result.warnings)
    this.sql.exec("UPDATE pages SET state = 'extracted' WHERE sha = ?", sha)
  }

  private addWarnings(sha: string, warnings: readonly Warning[]): void {
    for (const w of warnings) this.bump(`warnings:${w.kind}`, 1)
    if (warnings.length === 0) return
    this.sql.exec(
      `INSERT INTO warnings (page, kind, detail)
         SELECT ?, value ->> '$.kind', value ->> '$.detail' FROM json_each(?)`,
      sha,
      JSON.stringify(warnings.map((w) => ({ kind: w.kind, detail: w.detail.slice(0, 500) })))
    )
  }

  private dropWarnings(sha: string): void {
    for (const r of this.sql.exec<{ kind: string; n: number }>(
      'SELECT kind, count(*) AS n FROM warnings WHERE page = ? GROUP BY kind',
      sha
    ))
      this.bump(`warnings:${r.kind}`, -Number(r.n))
    this.sql.exec('DELETE FROM warnings WHERE page = ?', sha)
  }

  /** Forgets a page and its copies; their texts' items are re-clustered at the next build. */
  deletePage(sha: string): void {
    const page = this.page(sha)
    if (!page) return
    this.releaseCopies(sha)
    this.dropWarnings(sha)
    this.forgetEdgeLines(sha)
    this.sql.exec('DELETE FROM pages WHERE sha = ?', sha)
    this.bump('pages', -1)
    this.bump('rawBytes', -page.bytes)
  }

  // --- learned navigation ----------------------------------------------------------------------

  /** The lines learned as navigation (pipeline/navigation.ts): a few, site-wide. */
  learnedLines(): ReadonlySet<string> {
    this.learned ??= new Set(
      this.sql.exec<{ key: string }>('SELECT key FROM learned').map((r) => r.key)
    )
    return this.learned
  }

  /**
   * Counts a page's edge lines toward learned navigation and returns the lines that this made
   * learned. The other pages holding those lines were extracted without knowing them: they are
   * queued for extraction again, as a change of rules would.
   */
  learnFrom(sha: string, keys: readonly string[]): string[] {
    if (keys.length === 0) return []
    const list = JSON.stringify(keys)
    this.sql.exec(
      'INSERT OR IGNORE INTO edge_lines (key, page) SELECT value, ? FROM json_each(?)',
      sha,
      list
    )
    const learned = this.sql
      .exec<{ key: string }>(
        `SELECT e.key FROM edge_lines e WHERE e.key IN (SELECT value FROM json_each(?))
           AND NOT EXISTS (SELECT 1 FROM learned l WHERE l.key = e.key)
         GROUP BY e.key HAVING count(*) >= ?`,
        list,
        LEARNED_MIN_PAGES
      )
      .map((r) => r.key)
    if (learned.length === 0) return []
    this.sql.exec(
      'INSERT INTO learned (key) SELECT value FROM json_each(?)',
      JSON.stringify(learned)
    )
    this.learned = null
    this.requeuePagesHolding(learned, sha)
    return learned
  }

  /** A page's edge lines no longer count; a line it leaves under the mark is navigation no more. */
  private forgetEdgeLines(sha: string): void {
    const keys = this.sql
      .exec<{ key: string }>('SELECT key FROM edge_lines WHERE page = ?', sha)
      .map((r) => r.key)
    if (keys.length === 0) return
    this.sql.exec('DELETE FROM edge_lines WHERE page = ?', sha)
    const unlearned = this.sql
      .exec<{ key: string }>(
        `SELECT l.key FROM learned l WHERE l.key IN (SELECT value FROM json_each(?))
           AND (SELECT count(*) FROM edge_lines e WHERE e.key = l.key) < ?`,
        JSON.stringify(keys),
        LEARNED_MIN_PAGES
      )
      .map((r) => r.key)
    if (unlearned.length === 0) return
    const list = JSON.stringify(unlearned)
    this.sql.exec('DELETE FROM learned WHERE key IN (SELECT value FROM json_each(?))', list)
    this.learned = null
    this.requeuePagesHolding(unlearned, sha)
  }

  private requeuePagesHolding(keys: readonly string[], except: string): void {
    this.sql.exec(
      `UPDATE pages SET state = 'queued', served = 0 WHERE state != 'queued' AND sha != ?
         AND sha IN (SELECT page FROM edge_lines WHERE key IN (SELECT value FROM json_each(?)))`,
      except,
      JSON.stringify(keys)
    )
  }

  /** Marks every extracted page for extraction again (the extraction rules changed). */
  requeueAll(): void {
    this.sql.exec("UPDATE pages SET state = 'queued', served = 0")
  }

  /**
   * Pages whose items are all clustered are in the build being made (served = 2); at the flip
   * they are served (1). `pending` counts the rest: received, not yet published.
   */
  markPagesBuilt(): void {
    this.sql.exec(
      `UPDATE pages SET served = 2 WHERE served = 0 AND state != 'queued' AND NOT EXISTS
         (SELECT 1 FROM copies c JOIN texts t ON t.fingerprint = c.fingerprint
          WHERE c.page = pages.sha AND t.state != ?)`,
      TEXT_DONE
    )
  }

  markPagesServed(): void {
    this.sql.exec('UPDATE pages SET served = 1 WHERE served = 2')
  }

  countPending(): number {
    return Number(
      this.sql.exec<{ n: number }>('SELECT count(*) AS n FROM pages WHERE served IN (0, 2)')[0]
        ?.n ?? 0
    )
  }

  rawBytes(): number {
    return this.counter('rawBytes')
  }

  private releaseCopies(sha: string): void {
    const fps = this.sql.exec<{ fingerprint: string }>(
      'SELECT fingerprint FROM copies WHERE page = ?',
      sha
    )
    this.sql.exec('DELETE FROM copies WHERE page = ?', sha)
    this.bump('copies', -fps.length)
    for (const { fingerprint } of fps) this.releaseText(fingerprint)
  }

  // --- texts and the candidate index -----------------------------------------------------------

  /** One more copy of a text: a new text is indexed and waits for its candidates. */
  private holdText(fingerprint: string, m: Measures): void {
    const held = this.sql.exec<{ copies: number }>(
      'SELECT copies FROM texts WHERE fingerprint = ?',
      fingerprint
    )[0]
    if (held) {
      this.sql.exec(
        `UPDATE texts SET copies = copies + 1, state = ${STALE_UNLESS_NEW} WHERE fingerprint = ?`,
        fingerprint
      )
      return
    }
    this.sql.exec(
      'INSERT INTO texts (fingerprint, key, lang, shingles, size, numbers, copies, state) VALUES (?, ?, ?, ?, ?, ?, 1, ?)',
      fingerprint,
      m.key,
      m.lang,
      toBlob(m.shingles),
      m.shingles.length,
      JSON.stringify([...m.numbers]),
      TEXT_NEW
    )
    const shingles = JSON.stringify([...m.shingles])
    this.sql.exec(
      `INSERT INTO df (shingle, n) SELECT value, 1 FROM json_each(?) WHERE true
         ON CONFLICT(shingle) DO UPDATE SET n = n + 1`,
      shingles
    )
    // Postings only while a shingle is held by few texts: a common one never nominates anything.
    const marks = marksOf(m)
    this.sql.exec(
      `INSERT INTO postings (shingle, fingerprint, size, lang, figures)
         SELECT shingle, ?, ?, ?, ? FROM df WHERE shingle IN ${EACH} AND n <= ?`,
      fingerprint,
      marks.size,
      marks.lang,
      marks.figures,
      shingles,
      POSTINGS_MAX
    )
  }

  /** One copy fewer; a text with none left leaves the index, and its component is re-clustered. */
  private releaseText(fingerprint: string): void {
    const row = this.sql.exec<{ copies: number; shingles: ArrayBuffer; item: string | null }>(
      'SELECT copies, shingles, item FROM texts WHERE fingerprint = ?',
      fingerprint
    )[0]
    if (!row) return
    this.staleComponent(fingerprint, row.item)
    if (row.copies > 1) {
      this.sql.exec(
        `UPDATE texts SET copies = copies - 1, state = ${STALE_UNLESS_NEW} WHERE fingerprint = ?`,
        fingerprint
      )
      return
    }
    if (row.item !== null) this.dropItem(row.item)
    const shingles = JSON.stringify([...fromBlob(row.shingles)])
    this.sql.exec(`UPDATE df SET n = n - 1 WHERE shingle IN ${EACH}`, shingles)
    // By its shingles: postings are keyed by shingle, and by fingerprint alone this read them all.
    this.sql.exec(
      `DELETE FROM postings WHERE shingle IN ${EACH} AND fingerprint = ?`,
      shingles,
      fingerprint
    )
    this.sql.exec('DELETE FROM links WHERE a = ? OR b = ?', fingerprint, fingerprint)
    this.sql.exec('DELETE FROM texts WHERE fingerprint = ?', fingerprint)
  }

  /** The texts of an item and the text's neighbours wait to be re-clustered. */
  private staleComponent(fingerprint: string, item: string | null): void {
    if (item !== null)
      this.sql.exec(
        `UPDATE texts SET state = ${STALE_UNLESS_NEW} WHERE item = ? AND fingerprint != ?`,
        item,
        fingerprint
      )
    this.sql.exec(
      `UPDATE texts SET state = ${STALE_UNLESS_NEW} WHERE fingerprint IN
         (SELECT b FROM links WHERE a = ? UNION SELECT a FROM links WHERE b = ?)`,
      fingerprint,
      fingerprint
    )
  }

  /** Texts waiting for the merge step, new ones first. */
  pendingTexts(limit: number): Array<{ fingerprint: string; state: number }> {
    return this.sql.exec<{ fingerprint: string; state: number }>(
      'SELECT fingerprint, state FROM texts WHERE state > ? ORDER BY state, fingerprint LIMIT ?',
      TEXT_DONE,
      limit
    )
  }

  /** The measures of these texts, by fingerprint. */
  measures(fingerprints: readonly string[]): Map<string, Measures> {
    const rows = this.sql.exec<{
      fingerprint: string
      key: string
      lang: string
      shingles: ArrayBuffer
      numbers: string
    }>(
      `SELECT fingerprint, key, lang, shingles, numbers FROM texts WHERE fingerprint IN ${EACH}`,
      JSON.stringify(fingerprints)
    )
    return new Map(
      rows.map((r) => [
        r.fingerprint,
        {
          key: r.key,
          lang: r.lang,
          shingles: fromBlob(r.shingles),
          numbers: new Set(JSON.parse(r.numbers) as string[]),
        },
      ])
    )
  }

  /**
   * How many texts hold each of `shingles`, for those another text holds too and few enough
   * to have postings: what `candidates` chooses its lookups from. Read once for a chunk of texts
   * (a teaser's shingles are its article's), as nothing changes them between ingests.
   */
  sharedCounts(shingles: Iterable<number>): Map<number, number> {
    const rows = this.sql.exec<{ shingle: number; n: number }>(
      `SELECT shingle, n FROM df WHERE shingle IN ${EACH} AND n BETWEEN 2 AND ?`,
      JSON.stringify([...new Set(shingles)]),
      POSTINGS_MAX
    )
    return new Map(rows.map((r) => [r.shingle, r.n]))
  }

  /**
   * The texts that could join `text`, with their marks: those sharing enough of the shingles it
   * looks up by (`lookupShingles`: the rare ones, and the least common when those are few) that,
   * with every other shingle of its own counted as shared too, the smaller of the two could be
   * FOLD_CONTAINMENT inside the larger. A necessary condition of `judge` for the texts sharing a
   * looked-up shingle: those it leaves out would be judged apart anyway.
   *
   * Both sides look, the larger text too: a text's lookups are its own rarest shingles, and a
   * pair that one side's lookups miss the other's may hit.
   *
   * One statement: the postings counted by text, each with the marks it carries, of texts in its
   * language whose numbers' bits hold its own or are held by them (`mayJoin` needs one of the
   * two): most candidates are another story's, with other dates and figures, and go unread.
   */
  candidates(text: Seeker, shared: ReadonlyMap<number, number>): Candidate[] {
    const looked = lookupShingles(
      [...text.shingles].flatMap((shingle) => {
        const n = shared.get(shingle)
        return n === undefined ? [] : [{ shingle, n }]
      })
    )
    // Every shingle of an indexed text is in `df`: those not looked up may be shared by anyone.
    const common = text.shingles.length - looked.length
    const rows = this.sql.exec<Candidate & { hits: number }>(
      `SELECT fingerprint, count(*) AS hits, size, lang, figures FROM postings
        WHERE shingle IN ${EACH} AND fingerprint != ?2 AND lang = ?3
          AND (figures & ~?4 = 0 OR ?4 & ~figures = 0)
        GROUP BY fingerprint`,
      JSON.stringify(looked),
      text.fingerprint,
      text.marks.lang,
      text.marks.figures
    )
    return rows.flatMap(({ hits, ...c }) =>
      hits + common >= FOLD_CONTAINMENT * Math.min(text.shingles.length, c.size) ? [c] : []
    )
  }

  putLinks(links: readonly Link[]): void {
    insertRows(
      this.sql,
      'INSERT OR REPLACE INTO links (a, b, copy, score)',
      links.map((l) => [l.a, l.b, l.copy ? 1 : 0, l.score])
    )
  }

  /** Texts linked to any of `fingerprints`. */
  neighbours(fingerprints: readonly string[]): string[] {
    const list = JSON.stringify(fingerprints)
    return this.sql
      .exec<{ f: string }>(
        `SELECT b AS f FROM links WHERE a IN ${EACH} UNION SELECT a AS f FROM links WHERE b IN ${EACH}`,
        list,
        list
      )
      .map((r) => r.f)
  }

  linksAmong(fingerprints: readonly string[]): Link[] {
    const set = new Set(fingerprints)
    const out: Link[] = []
    const rows = this.sql.exec<{ a: string; b: string; copy: number; score: number }>(
      `SELECT a, b, copy, score FROM links WHERE a IN ${EACH}`,
      JSON.stringify(fingerprints)
    )
    for (const r of rows)
      if (set.has(r.b)) out.push({ a: r.a, b: r.b, copy: r.copy === 1, score: r.score })
    return out
  }

  /**
   * Every copy of these texts: its page item (with the name of its page as its source) and the
   * words and size its text was measured with at ingest.
   */
  copiesOf(fingerprints: readonly string[]): Copy[] {
    return this.sql
      .exec<{ item: string; fingerprint: string; key: string; size: number }>(
        `SELECT c.item, c.fingerprint, t.key, t.size FROM copies c
           JOIN texts t ON t.fingerprint = c.fingerprint
          WHERE c.fingerprint IN ${EACH} ORDER BY c.page, c.seq`,
        JSON.stringify(fingerprints)
      )
      .map((r) => ({
        item: JSON.parse(r.item) as PageItem,
        fingerprint: r.fingerprint,
        key: r.key,
        size: r.size,
      }))
  }

  /** The items holding these texts now. */
  itemsOfTexts(fingerprints: readonly string[]): string[] {
    return this.sql
      .exec<{ item: string }>(
        `SELECT DISTINCT item FROM texts WHERE fingerprint IN ${EACH} AND item IS NOT NULL`,
        JSON.stringify(fingerprints)
      )
      .map((r) => r.item)
  }

  textsOfItems(ids: readonly string[]): string[] {
    return this.sql
      .exec<{ fingerprint: string }>(
        `SELECT fingerprint FROM texts WHERE item IN ${EACH}`,
        JSON.stringify(ids)
      )
      .map((r) => r.fingerprint)
  }

  /** Texts linked to their candidates now wait for their components to be clustered. */
  markStale(fingerprints: readonly string[]): void {
    this.sql.exec(
      `UPDATE texts SET state = ? WHERE fingerprint IN ${EACH}`,
      TEXT_STALE,
      JSON.stringify(fingerprints)
    )
  }

  /** Records which item holds each text, and that the texts are clustered. */
  settleTexts(holders: ReadonlyArray<[fingerprint: string, item: string]>): void {
    this.sql.exec(
      'UPDATE texts SET item = h.value, state = ? FROM json_each(?) AS h WHERE texts.fingerprint = h.key',
      TEXT_DONE,
      JSON.stringify(Object.fromEntries(holders))
    )
  }

  countCopies(): number {
    return this.counter('copies')
  }

  // --- identity ------------------------------------------------------------------------------

  /**
   * The registry as a ledger for re-clustering texts `fingerprints` (their components whole),
   * whose items hold `replacing`. Read at once for the ids it is likely asked about: those
   * registered for the texts, and the texts' own fingerprints (what a new id is minted from).
   */
  ledger(
    replacing: ReadonlySet<string>,
    fingerprints: readonly string[],
    texts: readonly string[]
  ): IdLedger {
    const registered = this.idsByKey(
      `SELECT fingerprint AS key, id FROM registry WHERE fingerprint IN ${EACH}`,
      fingerprints
    )
    const byText = this.idsByKey(`SELECT text AS key, id FROM ids WHERE text IN ${EACH}`, texts)
    const asked = [...new Set([...registered.values(), ...byText.values(), ...fingerprints])]
    const known = this.idFacts(asked)
    const facts = (id: string) => {
      let fact = known.get(id)
      if (!fact) {
        fact = this.idFacts([id]).get(id) as IdFact
        known.set(id, fact)
      }
      return fact
    }
    return {
      // Only the texts' own ids are asked for: the items are made of them.
      idOf: (fp) => registered.get(fp),
      generationOf: (id) => facts(id).generation,
      heldElsewhere: (id) => !replacing.has(id) && facts(id).visible,
      idOfText: (text) => byText.get(text),
    }
  }

  /** Key → id, for the keys `query` (of `key` and `id`, a list bound) finds. */
  private idsByKey(query: string, keys: readonly string[]): Map<string, string> {
    const rows = this.sql.exec<{ key: string; id: string }>(query, JSON.stringify(keys))
    return new Map(rows.map((r) => [r.key, r.id]))
  }

  /** For each id: the generation that minted it, and whether an item the build sees holds it. */
  private idFacts(ids: readonly string[]): Map<string, IdFact> {
    const list = JSON.stringify(ids)
    const out = new Map<string, IdFact>(
      ids.map((id) => [id, { generation: undefined, visible: false }])
    )
    for (const r of this.sql.exec<{ id: string; generation: number }>(
      `SELECT id, generation FROM ids WHERE id IN ${EACH}`,
      list
    ))
      (out.get(r.id) as IdFact).generation = Number(r.generation)
    for (const r of this.sql.exec<{ id: string }>(
      `SELECT DISTINCT id FROM items WHERE ${VISIBLE} AND id IN ${EACH}`,
      this.view,
      list
    ))
      (out.get(r.id) as IdFact).visible = true
    return out
  }

  /** Records what id assignment decided; ids minted now were first seen on `day`. */
  applyLedger(update: LedgerUpdate, day: string): void {
    if (update.fingerprints.length > 0)
      this.sql.exec(
        'INSERT OR REPLACE INTO registry (fingerprint, id) SELECT key, value FROM json_each(?)',
        JSON.stringify(Object.fromEntries(update.fingerprints))
      )
    if (update.minted.length > 0)
      this.sql.exec(
        `INSERT OR IGNORE INTO ids (id, generation, first_seen)
           SELECT value ->> 0, value ->> 1, ? FROM json_each(?)`,
        day,
        JSON.stringify(update.minted)
      )
    if (update.texts.length > 0) {
      // A text names one id: the one it is given to now.
      const texts = JSON.stringify(update.texts)
      this.sql.exec(
        'UPDATE ids SET text = NULL WHERE text IN (SELECT value ->> 1 FROM json_each(?))',
        texts
      )
      this.sql.exec(
        'UPDATE ids SET text = t.value ->> 1 FROM json_each(?) AS t WHERE ids.id = t.value ->> 0',
        texts
      )
    }
  }

  /** The day an id was minted: the `updated` of an item no page dates. */
  firstSeen(id: string): string | null {
    return (
      this.sql.exec<{ d: string }>('SELECT first_seen AS d FROM ids WHERE id = ?', id)[0]?.d ?? null
    )
  }

  // --- items ---------------------------------------------------------------------------------

  items(ids: readonly string[]): Map<string, Item> {
    const rows = this.sql.exec<{ id: string; data: string }>(
      `SELECT id, data FROM items WHERE ${VISIBLE} AND id IN ${EACH}`,
      this.view,
      JSON.stringify(ids)
    )
    return new Map(rows.map((r) => [r.id, JSON.parse(r.data) as Item]))
  }

  /**
   * The items' new versions in the build being made (the served versions stay visible to it),
   * in a few statements for the whole list: a component re-clustered, or a chunk of them.
   */
  putItems(items: ReadonlyArray<{ item: Item; row: ItemRow }>): void {
    if (items.length === 0) return
    this.deleteItems(items.map(({ item }) => item.id))
    const n = this.view
    insertRows(
      this.sql,
      'INSERT INTO items (id, since, sort_date, title, bucket, weight, lang, data)',
      items.map(({ item, row }) => [
        item.id,
        n,
        row.sortDate,
        item.title,
        row.bucket,
        row.weight,
        item.lang,
        JSON.stringify(item),
      ])
    )
    insertRows(
      this.sql,
      'INSERT INTO item_topics (slug, sort_date, title, id, since, bucket, weight)',
      items.flatMap(({ item, row }) =>
        row.topics.map((slug) => [
          slug,
          row.sortDate,
          item.title,
          item.id,
          n,
          row.bucket,
          row.weight,
        ])
      )
    )
    for (const { row } of items)
      for (const feed of [ALL, ...row.topics]) {
        this.bump(`items:${feed}`, 1)
        this.bump(`bucket:${feed}\n${row.bucket}`, 1)
      }
  }

  /** Ends the items' current versions with the build being made. */
  deleteItems(ids: readonly string[]): void {
    if (ids.length === 0) return
    const n = this.view
    const list = JSON.stringify(ids)
    // The feeds each current version is counted in: the main feed once, and each of its topics.
    // (`+until` as below: by id, not by the `until` index of every current version.)
    const counted = this.sql.exec<{ id: string; bucket: string; slug: string | null }>(
      `SELECT i.id, i.bucket, t.slug FROM items i
         LEFT JOIN item_topics t ON t.id = i.id AND t.since = i.since
        WHERE i.id IN ${EACH} AND +i.until IS NULL`,
      list
    )
    const uncount = (feed: string, bucket: string) => {
      this.bump(`items:${feed}`, -1)
      this.bump(`bucket:${feed}\n${bucket}`, -1)
    }
    const items = new Set<string>()
    for (const { id, bucket, slug } of counted) {
      if (!items.has(id)) uncount(ALL, bucket)
      items.add(id)
      if (slug !== null) uncount(slug, bucket)
    }
    for (const table of ['items', 'item_topics']) {
      this.sql.exec(`DELETE FROM ${table} WHERE id IN ${EACH} AND since = ?`, list, n)
      // `+until`: SQLite would otherwise read `until IS NULL` from the `until` index, which
      // lists every current version: a scan of every item's topics for each chunk of items.
      this.sql.exec(`UPDATE ${table} SET until = ? WHERE id IN ${EACH} AND +until IS NULL`, n, list)
    }
  }

  /** Forgets item versions no build from `view` on sees; true when none is left. */
  pruneItems(view: number, limit: number): boolean {
    let left = false
    for (const table of ['items', 'item_topics']) {
      const key = table === 'items' ? 'id, since' : 'slug, sort_date, title, id, since'
      const rows = this.sql.exec(
        `SELECT ${key} FROM ${table} WHERE until IS NOT NULL AND until <= ? LIMIT ?`,
        view,
        limit
      )
      if (rows.length === limit) left = true
      const cols = key.split(', ')
      for (const row of rows)
        this.sql.exec(
          `DELETE FROM ${table} WHERE ${cols.map((c) => `${c} = ?`).join(' AND ')}`,
          ...cols.map((c) => row[c] ?? null)
        )
      // An item gone for good takes its entries with it.
      if (table === 'items')
        for (const row of rows)
          this.sql.exec(
            'DELETE FROM entries WHERE id = ?1 AND NOT EXISTS (SELECT 1 FROM items WHERE id = ?1)',
            row.id ?? null
          )
    }
    return !left
  }

  // --- entries ---------------------------------------------------------------------------------

  /** The kept entries of these items, every format, by id and format. */
  entries(ids: readonly string[]): Map<string, Map<string, Omit<KeptEntry, 'id'>>> {
    const rows = this.sql.exec<KeptEntry & { format: string }>(
      `SELECT id, format, hash, body, digest FROM entries WHERE id IN ${EACH}`,
      JSON.stringify(ids)
    )
    const out = new Map<string, Map<string, Omit<KeptEntry, 'id'>>>()
    for (const { id, format, ...entry } of rows) {
      const formats = out.get(id) ?? new Map()
      formats.set(format, entry)
      out.set(id, formats)
    }
    return out
  }

  putEntries(format: string, entries: readonly KeptEntry[]): void {
    insertRows(
      this.sql,
      'INSERT OR REPLACE INTO entries (id, format, hash, body, digest)',
      entries.map((e) => [e.id, format, e.hash, e.body, e.digest])
    )
  }

  /** Every kept entry goes: what they were rendered with (links, topics, site) changed. */
  clearEntries(): void {
    this.sql.exec('DELETE FROM entries')
  }

  /** An item whose last text went: removed at the next build unless a text holds it again. */
  private dropItem(id: string): void {
    this.sql.exec('INSERT OR IGNORE INTO dropped (id) VALUES (?)', id)
  }

  /** Whether anything waits for a build: pages not yet published, texts to merge, items to drop or documents to render. */
  hasWork(): boolean {
    return (
      this.sql.exec(
        // Equalities and ranges, which the indexes seek to: `!=` read every settled row first.
        `SELECT 1 AS x WHERE EXISTS (SELECT 1 FROM pages WHERE served IN (0, 2))
           OR EXISTS (SELECT 1 FROM texts WHERE state > ${TEXT_DONE}) OR EXISTS (SELECT 1 FROM dropped)
           OR EXISTS (SELECT 1 FROM dirty)`
      ).length > 0
    )
  }

  takeDropped(limit: number): string[] {
    const ids = this.sql
      .exec<{ id: string }>('SELECT id FROM dropped LIMIT ?', limit)
      .map((r) => r.id)
    for (const id of ids) this.sql.exec('DELETE FROM dropped WHERE id = ?', id)
    return ids
  }

  /** Items in id order after `after` (exclusive), for chunked passes over all. */
  itemIdsAfter(after: string, limit: number): string[] {
    return this.sql
      .exec<{ id: string }>(
        `SELECT id FROM items WHERE ${VISIBLE} AND id > ?2 ORDER BY id LIMIT ?3`,
        this.view,
        after,
        limit
      )
      .map((r) => r.id)
  }

  /** Items of a feed in the build being made. */
  countItems(feed: string): number {
    return this.counter(`items:${feed}`)
  }

  /**
   * The feed date (`YYYY-MM-DD`) of a feed's newest dated item, or null when none is dated: the
   * first row of `head`, which walks the feed-order index and stops there (a literal `LIMIT 1`
   * would make SQLite search the `until` index and sort: test/store/plans.test.ts).
   */
  newestDate(feed: string): string | null {
    // An undated item sorts under '' (build/plan.ts): only a date counts.
    return this.head(feed, 1)[0]?.sort_date || null
  }

  /** The newest items of a feed in feed order, with their weights, for its subscription window. */
  head(
    feed: string,
    limit: number
  ): Array<{ id: string; bucket: string; weight: number; sort_date: string }> {
    return feed === ALL
      ? this.sql.exec(
          `SELECT id, bucket, weight, sort_date FROM items WHERE ${VISIBLE} ORDER BY sort_date DESC, title, id LIMIT ?2`,
          this.view,
          limit
        )
      : this.sql.exec(
          `SELECT id, bucket, weight, sort_date FROM item_topics WHERE ${VISIBLE} AND slug = ?2
           ORDER BY sort_date DESC, title, id LIMIT ?3`,
          this.view,
          feed,
          limit
        )
  }

  /** How many items of a feed each archive bucket holds (window included), in the build being made. */
  bucketCounts(feed: string): Map<string, number> {
    return new Map(Object.entries(this.counters(`bucket:${feed}\n`)))
  }

  /** The items of a feed filed in the months `first` to `last` (one archive), in feed order. */
  bucketItems(feed: string, [first, last]: readonly [string, string]): Item[] {
    const rows =
      feed === ALL
        ? this.sql.exec<{ data: string }>(
            `SELECT data FROM items WHERE ${VISIBLE} AND bucket BETWEEN ?2 AND ?3
             ORDER BY sort_date DESC, title, id`,
            this.view,
            first,
            last
          )
        : this.sql.exec<{ data: string }>(
            `SELECT i.data FROM item_topics t JOIN items i ON i.id = t.id AND i.since = t.since
             WHERE (t.since <= ?1 AND (t.until IS NULL OR t.until > ?1)) AND t.slug = ?2
               AND t.bucket BETWEEN ?3 AND ?4
             ORDER BY t.sort_date DESC, t.title, t.id`,
            this.view,
            feed,
            first,
            last
          )
    return rows.map((r) => JSON.parse(r.data) as Item)
  }

  /**
   * Items of a feed in feed order matching a filter, for feeds made on request. The keyword is
   * matched in JavaScript (Russian case folding), over at most `scan` of the newest items.
   */
  select(
    feed: string,
    lang: string | null,
    accept: (item: Item) => boolean,
    limit: number,
    scan: number
  ): Item[] {
    const out: Item[] = []
    const page = 200
    for (let offset = 0; offset < scan && out.length < limit; offset += page) {
      const rows =
        feed === ALL
          ? this.sql.exec<{ data: string }>(
              `SELECT data FROM items WHERE ${VISIBLE} AND (?2 IS NULL OR lang = ?2)
               ORDER BY sort_date DESC, title, id LIMIT ?3 OFFSET ?4`,
              this.view,
              lang,
              page,
              offset
            )
          : this.sql.exec<{ data: string }>(
              `SELECT i.data FROM item_topics t JOIN items i ON i.id = t.id AND i.since = t.since
               WHERE (t.since <= ?1 AND (t.until IS NULL OR t.until > ?1)) AND t.slug = ?2
                 AND (?3 IS NULL OR i.lang = ?3)
               ORDER BY t.sort_date DESC, t.title, t.id LIMIT ?4 OFFSET ?5`,
              this.view,
              feed,
              lang,
              page,
              offset
            )
      for (const r of rows) {
        const item = JSON.parse(r.data) as Item
        if (accept(item)) out.push(item)
        if (out.length >= limit) break
      }
      if (rows.length < page) break
    }
    return out
  }

  // --- what to render --------------------------------------------------------------------------

  markDirty(touches: ReadonlyArray<{ feed: string; bucket: string }>): void {
    insertRows(
      this.sql,
      'INSERT OR IGNORE INTO dirty (feed, bucket)',
      touches.map((t) => [t.feed, t.bucket])
    )
  }

  dirty(limit: number, subscriptionsOnly: boolean): Array<{ feed: string; bucket: string }> {
    return subscriptionsOnly
      ? this.sql.exec(
          'SELECT feed, bucket FROM dirty WHERE bucket = ? LIMIT ?',
          SUBSCRIPTION,
          limit
        )
      : this.sql.exec('SELECT feed, bucket FROM dirty ORDER BY feed, bucket LIMIT ?', limit)
  }

  /** The archive buckets of a feed a change touched. */
  dirtyBuckets(feed: string): Set<string> {
    return new Set(
      this.sql
        .exec<{ bucket: string }>(
          'SELECT bucket FROM dirty WHERE feed = ? AND bucket != ?',
          feed,
          SUBSCRIPTION
        )
        .map((r) => r.bucket)
    )
  }

  /** Every feed with a document, for a change of configuration that touches them all. */
  docFeeds(): string[] {
    // One seek a feed (the next feed after the last), not a read of every document's row.
    return this.sql
      .exec<{ feed: string }>(
        `WITH RECURSIVE f(feed) AS (SELECT min(feed) FROM docs
           UNION ALL SELECT (SELECT min(feed) FROM docs WHERE feed > f.feed) FROM f WHERE f.feed IS NOT NULL)
         SELECT feed FROM f WHERE feed IS NOT NULL`
      )
      .map((r) => r.feed)
  }

  clean(feed: string, bucket: string): void {
    this.sql.exec('DELETE FROM dirty WHERE feed = ? AND bucket = ?', feed, bucket)
  }

  /** Unmarks every archive of a feed (its subscription document stays marked). */
  cleanArchives(feed: string): void {
    this.sql.exec('DELETE FROM dirty WHERE feed = ? AND bucket != ?', feed, SUBSCRIPTION)
  }

  /** A feed's window and listings since it was last settled (render.ts `FeedState`). */
  feedState<T>(feed: string): T | null {
    return this.getMeta<T>(`feed:${feed}`)
  }

  setFeedState(feed: string, state: unknown): void {
    this.setMeta(`feed:${feed}`, state)
  }

  // --- rendered documents ----------------------------------------------------------------------

  /** The documents of a feed (its subscription document and archives). */
  docs(feed: string): StoredDoc[] {
    return this.sql
      .exec<DocRow>('SELECT * FROM docs WHERE feed = ? ORDER BY path', feed)
      .map(toStoredDoc)
  }

  /**
   * The archive documents of a feed in one listing (`shardOf`: a year, or `undated`): the
   * archives named by it (`2024`, `undated`) or starting with it and a dash (`2024-Q2`, `2024-06`).
   */
  shardDocs(feed: string, shard: string): StoredDoc[] {
    return this.sql
      .exec<DocRow>(
        'SELECT * FROM docs WHERE feed = ? AND bucket >= ? AND bucket < ? ORDER BY path',
        feed,
        shard,
        `${shard}.`
      )
      .map(toStoredDoc)
  }

  /** Every subscription document (and the OPML): what a manifest lists itself. */
  subscriptionDocs(): StoredDoc[] {
    return (
      this.sql
        // The literal '' (SUBSCRIPTION) lets SQLite use the partial index `docs_subscriptions`.
        .exec<DocRow>("SELECT * FROM docs WHERE bucket = '' ORDER BY path")
        .map(toStoredDoc)
    )
  }

  private doc(path: string): StoredDoc | null {
    const row = this.sql.exec<DocRow>('SELECT * FROM docs WHERE path = ?', path)[0]
    return row ? toStoredDoc(row) : null
  }

  /** The stored documents at `paths` (null where none), in their order. */
  docsAt(paths: readonly string[]): Array<StoredDoc | null> {
    const rows = this.sql.exec<DocRow>(
      `SELECT * FROM docs WHERE path IN ${EACH}`,
      JSON.stringify(paths)
    )
    const byPath = new Map(rows.map((r) => [String(r.path), toStoredDoc(r)]))
    return paths.map((path) => byPath.get(path) ?? null)
  }

  /**
   * Stores the new states of documents sharing one blob (`before`: what `docsAt` read for them);
   * the blobs they replace become garbage of build `build`.
   */
  putDocs(
    docs: readonly StoredDoc[],
    before: ReadonlyArray<StoredDoc | null>,
    build: number
  ): void {
    this.sql.transaction(() => {
      docs.forEach((doc, i) => {
        this.countDoc(before[i] ?? null, doc)
      })
      insertRows(
        this.sql,
        `INSERT OR REPLACE INTO docs (path, feed, bucket, blob, offset, length, etag, last_modified,
           content_type, bytes, stored, cache)`,
        docs.map((d) => [
          d.path,
          d.feed,
          d.bucket,
          d.blob,
          d.offset,
          d.length,
          d.etag,
          d.lastModified,
          d.contentType,
          d.bytes,
          d.stored,
          d.cache,
        ])
      )
      this.forgetReplaced(docs, before, build)
    })
  }

  /** The blobs documents no longer use become garbage of build `build`; their new blobs are not. */
  private forgetReplaced(
    docs: readonly StoredDoc[],
    before: ReadonlyArray<StoredDoc | null>,
    build: number
  ): void {
    for (const blob of new Set(docs.map((d) => d.blob))) this.keepBlob(blob)
    const replaced = new Set(before.flatMap((d) => d?.blob ?? []))
    for (const doc of docs) replaced.delete(doc.blob)
    for (const blob of replaced) this.discard(blob, build)
  }

  /** The document counters from one state of a document to the next (null: none). */
  private countDoc(before: StoredDoc | null, after: StoredDoc | null): void {
    this.bump('docs', (after ? 1 : 0) - (before ? 1 : 0))
    this.bump('docBytes', (after?.bytes ?? 0) - (before?.bytes ?? 0))
    this.bump('docStored', (after?.stored ?? 0) - (before?.stored ?? 0))
  }

  /** Deletes a document's row, if there is one (true then); its blob becomes garbage of `build`. */
  deleteDoc(path: string, build: number): boolean {
    const before = this.doc(path)
    if (!before) return false
    this.countDoc(before, null)
    this.sql.exec('DELETE FROM docs WHERE path = ?', path)
    this.sql.exec('DELETE FROM runs WHERE path = ?', path)
    this.discard(before.blob, build)
    return true
  }

  /** The compressed runs a document's last version kept, by name. */
  runs(path: string): Map<string, Run> {
    const rows = this.sql.exec<{ key: string; deflated: ArrayBuffer; crc: number; size: number }>(
      'SELECT key, deflated, crc, size FROM runs WHERE path = ?',
      path
    )
    return new Map(
      rows.map((r) => [
        r.key,
        { key: r.key, deflated: new Uint8Array(r.deflated), crc: r.crc, size: r.size },
      ])
    )
  }

  /** A document's runs are now those of `keys`: the others go, and `fresh` ones are kept. */
  keepRuns(path: string, keys: readonly string[], fresh: readonly Run[]): void {
    const list = JSON.stringify(keys)
    this.sql.exec(`DELETE FROM runs WHERE path = ? AND key NOT IN ${EACH}`, path, list)
    insertRows(
      this.sql,
      'INSERT OR IGNORE INTO runs (path, key, deflated, crc, size)',
      // A copy of exactly its bytes: zlib's output may be a view of a larger buffer.
      fresh.map((r) => [
        path,
        r.key,
        new Uint8Array(r.deflated).buffer as ArrayBuffer,
        r.crc,
        r.size,
      ])
    )
  }

  /** These documents, stored whole again, keep no runs: one statement for a document group. */
  dropRuns(paths: readonly string[]): void {
    if (paths.length === 0) return
    this.sql.exec(`DELETE FROM runs WHERE path IN ${EACH}`, JSON.stringify(paths))
  }

  /** A blob no document of the build in progress uses; deleted once no kept build does. */
  discard(blob: string, build: number): void {
    if (this.sql.exec('SELECT 1 AS x FROM docs WHERE blob = ?', blob).length > 0) return
    this.sql.exec('INSERT OR IGNORE INTO garbage (blob, build) VALUES (?, ?)', blob, build)
  }

  /** A blob written again (the same bytes as a discarded one) is in use: no longer garbage. */
  keepBlob(blob: string): void {
    this.sql.exec('DELETE FROM garbage WHERE blob = ?', blob)
  }

  /** Blobs discarded by builds up to `build`, no longer used by any kept build. */
  garbage(build: number, limit: number): string[] {
    return this.sql
      .exec<{ blob: string }>('SELECT blob FROM garbage WHERE build <= ? LIMIT ?', build, limit)
      .map((r) => r.blob)
  }

  forget(blobs: readonly string[]): void {
    if (blobs.length === 0) return
    this.sql.exec(`DELETE FROM garbage WHERE blob IN ${EACH}`, JSON.stringify(blobs))
  }

  storedBytes(): { bytes: number; stored: number; documents: number } {
    return {
      bytes: this.counter('docBytes'),
      stored: this.counter('docStored'),
      documents: this.counter('docs'),
    }
  }

  // --- the admin log and the report ----------------------------------------------------------------

  logAction(action: AdminAction): void {
    this.sql.exec('INSERT INTO actions (action) VALUES (?)', JSON.stringify(action))
  }

  /** The actions logged since the last report, oldest first, and the mark that clears them. */
  actions(): { actions: AdminAction[]; upTo: number } {
    const rows = this.sql.exec<{ n: number; action: string }>(
      'SELECT n, action FROM actions ORDER BY n LIMIT 1000'
    )
    return {
      actions: rows.map((r) => JSON.parse(r.action) as AdminAction),
      upTo: Number(rows[rows.length - 1]?.n ?? 0),
    }
  }

  clearActions(upTo: number): void {
    this.sql.exec('DELETE FROM actions WHERE n <= ?', upTo)
  }

  warnings(limit: number): { total: number; byKind: Record<string, number>; first: Warning[] } {
    const byKind = this.counters('warnings:')
    const first = this.sql
      .exec<{ name: string | null; page: string; kind: string; detail: string }>(
        `SELECT p.name, w.page, w.kind, w.detail FROM warnings w LEFT JOIN pages p ON p.sha = w.page
         ORDER BY w.rowid LIMIT ?`,
        limit
      )
      .map((r) => ({ source: r.name ?? r.page, kind: r.kind, detail: r.detail }))
    const total = Object.values(byKind).reduce((a, b) => a + b, 0)
    return { total, byKind, first }
  }

  /** The pages extraction gave a warning of `kind` (`failed`, a close call), by name. */
  pagesWarned(kind: string, limit: number): Array<{ name: string; detail: string }> {
    return this.sql
      .exec<{ name: string; detail: string }>(
        `SELECT p.name, w.detail FROM warnings w JOIN pages p ON p.sha = w.page
         WHERE w.kind = ? ORDER BY p.name LIMIT ?`,
        kind,
        limit
      )
      .map((r) => ({ name: r.name, detail: r.detail }))
  }

  /** Items per topic in the build being made. */
  topicCounts(): Record<string, number> {
    const counts = this.counters('items:')
    delete counts[ALL]
    return counts
  }
}
