/**
 * `npm run ingest -- DIR|FILE... [--remote]`: loads raw pages into the KV namespace, local (the
 * `wrangler dev` state, the default) or the deployed one (`--remote`). Pages are stored as the
 * worker's admin API stores them: content-addressed by the SHA-256 of their bytes, with their
 * name and time of arrival; pages already there are skipped. Rebuild afterwards (the cron does,
 * or POST /admin/rebuild).
 */
import { createHash } from 'node:crypto'
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { wrangler } from './wrangler'

const BINDING = 'CORPUS'
/** Pairs per `wrangler kv bulk put` call (its limit is 10,000 pairs and 100 MB). */
const BATCH = 500

type Page = { key: string; name: string; bytes: Buffer }

function filesOf(paths: readonly string[]): string[] {
  return paths.flatMap((p) =>
    statSync(p).isDirectory()
      ? readdirSync(p)
          .filter((f) => !f.startsWith('.'))
          .sort()
          .map((f) => join(p, f))
      : [p]
  )
}

function toPage(file: string): Page {
  const bytes = readFileSync(file)
  return {
    key: `raw/${createHash('sha256').update(bytes).digest('hex')}`,
    name: basename(file),
    bytes,
  }
}

/** Keys already in the namespace under `raw/`. */
function existingKeys(where: string): Set<string> {
  const out = wrangler(['kv', 'key', 'list', '--binding', BINDING, '--prefix', 'raw/', where])
  return new Set((JSON.parse(out) as Array<{ name: string }>).map((k) => k.name))
}

/** Loads the pages; returns how many were new. */
export function ingest(
  paths: readonly string[],
  remote: boolean,
  log: (line: string) => void
): number {
  const where = remote ? '--remote' : '--local'
  const pages = filesOf(paths).map(toPage)
  const existing = existingKeys(where)
  const fresh = [
    ...new Map(pages.filter((p) => !existing.has(p.key)).map((p) => [p.key, p])).values(),
  ]
  log(
    `ingest: ${pages.length} pages, ${pages.length - fresh.length} already stored, ${fresh.length} to load (${remote ? 'remote' : 'local'})`
  )
  const dir = mkdtempSync(join(tmpdir(), 'ingest-'))
  try {
    for (let i = 0; i < fresh.length; i += BATCH) {
      const batch = fresh.slice(i, i + BATCH)
      const receivedAt = new Date().toISOString()
      const file = join(dir, `batch-${i}.json`)
      const pairs = batch.map((p) => ({
        key: p.key,
        value: p.bytes.toString('base64'),
        base64: true,
        metadata: { name: p.name, receivedAt, bytes: p.bytes.byteLength },
      }))
      writeFileSync(file, JSON.stringify(pairs))
      wrangler(['kv', 'bulk', 'put', file, '--binding', BINDING, where])
      const done = Math.min(i + BATCH, fresh.length)
      log(`ingest: ${done}/${fresh.length} loaded (${Math.round((100 * done) / fresh.length)}%)`)
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  return fresh.length
}

function main(): number {
  const args = process.argv.slice(2)
  const remote = args.includes('--remote')
  const paths = args.filter((a) => !a.startsWith('--'))
  if (paths.length === 0) {
    process.stderr.write('usage: npm run ingest -- DIR|FILE... [--remote]\n')
    return 2
  }
  ingest(paths, remote, (line) => process.stdout.write(`${line}\n`))
  process.stdout.write(
    'ingest: done; the next rebuild (cron, or POST /admin/rebuild) publishes them\n'
  )
  return 0
}

if (process.argv[1] && import.meta.url.endsWith(basename(process.argv[1])))
  process.exitCode = main()
