/**
 * `npm run eval [-- DIR]`: scores the pipeline on a labelled set of hand-written pages (default
 * `test/eval/pages/`, in the format of `test/pipeline/cases/README.md`) and prints, for the development
 * half, the held-out half and both: item precision, recall and F1; publication dates exact, with
 * day-month swaps, invented dates and missed ones apart; language accuracy; topics micro and per
 * topic; then every expected item missed, every extra item and every item found with other
 * topics than labelled, development half first (tuning reads those only). Exits 0 whatever the figures.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { pipelineConfig } from '../content'
import {
  casesOf,
  type Half,
  halfOf,
  microTopics,
  prf,
  type Score,
  scoreCase,
  total,
} from '../eval/score'
import { emptyRegistry, runPipeline } from '../pipeline'

const DEFAULT_SET = join(import.meta.dirname, '..', '..', 'test', 'eval', 'pages')

const log = (line = '') => process.stdout.write(`${line}\n`)
const ratio = (n: number, d: number) => (d === 0 ? '—' : (n / d).toFixed(3))
const pct = (x: number) => x.toFixed(3)

function main(): number {
  const dir = process.argv[2] ?? DEFAULT_SET
  const files = readdirSync(dir).map((name) => ({
    name,
    text: readFileSync(join(dir, name), 'utf8'),
  }))
  const cases = casesOf(files)
  const scored = cases.map(({ name, expected, pages }) => {
    const { items } = runPipeline(pages, pipelineConfig, emptyRegistry())
    return {
      name,
      pages: pages.length,
      half: halfOf(name),
      score: scoreCase(name, expected, items),
    }
  })
  log(
    `labelled set: ${dir}: ${cases.length} cases, ${files.filter((f) => f.name.endsWith('.txt')).length} pages`
  )
  log('split: by the parity of the last hex digit of the digest of a case name (src/eval/score.ts)')
  const halves: Array<Half | 'both'> = ['development', 'held-out', 'both']
  for (const half of halves) {
    const chosen = scored.filter((s) => half === 'both' || s.half === half)
    report(
      `${half} (${chosen.length} cases, ${chosen.reduce((n, s) => n + s.pages, 0)} pages)`,
      total(chosen.map((s) => s.score))
    )
  }
  // Misses listed by half, development first: tuning reads those and only counts the others.
  for (const half of ['development', 'held-out'] as const) {
    const { misses, extras, topicMisses } = total(
      scored.filter((s) => s.half === half).map((s) => s.score)
    )
    log()
    log(`${half}: expected items missed, or holding junk (${misses.length}):`)
    for (const miss of misses) log(`  ${miss}`)
    log(`${half}: extra items (${extras.length}):`)
    for (const extra of extras) log(`  ${extra}`)
    log(`${half}: items found with other topics than labelled (${topicMisses.length}):`)
    for (const line of topicMisses) log(`  ${line}`)
  }
  return 0
}

function report(title: string, score: Score): void {
  const items = prf(score.items)
  const d = score.dates
  const topics = prf(microTopics(score))
  log()
  log(`== ${title} ==`)
  log(
    `items:  P ${pct(items.p)}  R ${pct(items.r)}  F1 ${pct(items.f1)}  (${score.items.tp} found, ${score.items.fn} missed, ${score.items.fp} extra)`
  )
  log(
    `dates:  exact ${ratio(d.exact, d.total)} (${d.exact} of ${d.total}); swapped ${d.swapped}, invented ${d.invented}, missed ${d.missed}`
  )
  log(
    `lang:   ${ratio(score.lang.right, score.lang.total)} (${score.lang.right} of ${score.lang.total})`
  )
  log(
    `kind:   ${ratio(score.kind.right, score.kind.total)} (${score.kind.right} of ${score.kind.total})`
  )
  log(
    `clean:  ${ratio(score.clean.right, score.clean.total)} (${score.clean.right} of ${score.clean.total} items free of the junk their page holds)`
  )
  const labelled = Object.keys(score.topics).length
  log(
    labelled === 0
      ? 'topics: no item of this half has labelled topics'
      : `topics: micro P ${pct(topics.p)}  R ${pct(topics.r)}  F1 ${pct(topics.f1)}`
  )
  for (const [topic, counts] of Object.entries(score.topics).sort()) {
    const t = prf(counts)
    log(
      `  ${topic.padEnd(24)} P ${pct(t.p)}  R ${pct(t.r)}  F1 ${pct(t.f1)}  (${counts.tp}/${counts.fp}/${counts.fn})`
    )
  }
}

process.exitCode = main()
