/**
 * `npm run bench`: throughput of the whole pipeline over a synthetic corpus of at least 5 MB made
 * by mutating the real pages in `content/pages`: teasers shuffled between pages, dates shifted,
 * numbers and names changed, whitespace and line endings varied. Each story comes in a number of
 * variants, each variant on several pages, so that merging has exact copies, near copies and
 * look-alikes that must stay apart.
 *
 * Prints the median throughput of `runPipeline` next to trivial passes over the same bytes, so
 * that the figure reads as a ratio as well as in MB/s (MB = 10^6 bytes of UTF-8). No assertion
 * on time: this is a measurement, not a test.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { pipelineConfig } from '../src/content'
import type { RawDoc } from '../src/model'
import { emptyRegistry, extractPage, type PipelineResult, runPipeline } from '../src/pipeline'
import { compileBoilerplate } from '../src/pipeline/boilerplate'
import { normalizeText } from '../src/pipeline/normalize'

const PAGES_DIR = join(import.meta.dirname, '..', 'content', 'pages')
const TARGET_BYTES = 5 * 1024 * 1024
/** A run takes tens of seconds at this size: three, without a warm-up run, keep the bench near 2 min. */
const PIPELINE_RUNS = 3
const BASELINE_RUNS = 9
/** Variants of each story: variant 0 is the original, the others changed in names, numbers or length. */
const VARIANTS = 30
const SEED = 20240603

// --- Deterministic randomness -----------------------------------------------------------------

function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

type Random = () => number

function int(random: Random, n: number): number {
  return Math.floor(random() * n)
}

function choose<T>(random: Random, list: readonly T[]): T {
  const item = list[int(random, list.length)]
  if (item === undefined) throw new Error('choose from an empty list')
  return item
}

function shuffle<T>(random: Random, list: readonly T[]): T[] {
  const out = [...list]
  for (let i = out.length - 1; i > 0; i--) {
    const j = int(random, i + 1)
    const t = out[i] as T
    out[i] = out[j] as T
    out[j] = t
  }
  return out
}

// --- The stories of the real pages ------------------------------------------------------------

type Teaser = { date: string | null; title: string | null; paragraphs: string[] }
/** An article as the page shows it, from its title line to the end of the page. */
type Article = { title: string; raw: string }

function loadPages(): RawDoc[] {
  return readdirSync(PAGES_DIR)
    .filter((name) => name.endsWith('.txt'))
    .sort()
    .map((name) => ({ name, text: readFileSync(join(PAGES_DIR, name), 'utf8') }))
}

function ddmmyyyy(iso: string): string {
  const [y, m, d] = iso.split('-')
  return `${d}.${m}.${y}`
}

/** The teasers and articles of the real pages, each once. */
function stories(pages: readonly RawDoc[]): { teasers: Teaser[]; articles: Article[] } {
  const isBoilerplate = compileBoilerplate(pipelineConfig.boilerplate)
  const teasers = new Map<string, Teaser>()
  const articles = new Map<string, Article>()
  for (const page of pages) {
    for (const item of extractPage(page, isBoilerplate).items) {
      if (item.kind === 'teaser') {
        const title = item.titleSource === 'page' ? item.title : null
        teasers.set(item.paragraphs.join('\n'), {
          date: item.published,
          title,
          paragraphs: item.paragraphs,
        })
        continue
      }
      const start = page.text.search(new RegExp(`^[ \\t]*${escapeRegExp(item.title)}`, 'm'))
      if (start >= 0) articles.set(item.title, { title: item.title, raw: page.text.slice(start) })
      // An article's lead is a teaser on other pages.
      const lead = item.paragraphs.find((p) => p.split(' ').length >= 20)
      if (lead) teasers.set(lead, { date: item.published, title: null, paragraphs: [lead] })
    }
  }
  return { teasers: [...teasers.values()], articles: [...articles.values()] }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

// --- Mutations --------------------------------------------------------------------------------

const PEOPLE = [
  'Imangali Tasmagambetov',
  'Andrei Khrapov',
  'Sadyr Japarov',
  'Safar Umarzoda',
  'Vladimir Zainetdinov',
]
const OTHER_PEOPLE = [
  'Aliya Nurlanova',
  'Pavel Sidorenko',
  'Timur Abdullaev',
  'Olga Belskaya',
  'Ruslan Kadyrbekov',
  'Nina Grigoryan',
  'Bakhtiyor Rakhimov',
]
const PLACES = ['Cholpon-Ata', 'Minsk', 'Dushanbe', 'Yerevan', 'Astana', 'Bishkek', 'Moscow']

/** Another person, place and ordinals: a look-alike story that must not merge with the original. */
function renamed(random: Random, text: string): string {
  let out = text
  for (const full of PEOPLE) {
    if (random() < 0.7) out = out.split(full).join(choose(random, OTHER_PEOPLE))
  }
  for (const place of PLACES) {
    if (random() < 0.3) out = out.split(place).join(choose(random, PLACES))
  }
  return out
}

/** Numbers changed (days, ordinals, counts), not the four-digit years of a date. */
function renumbered(random: Random, text: string): string {
  return text.replace(/(?<![\d.])\d{1,3}(?![\d.])/g, (n) =>
    random() < 0.5 ? String(Number(n) + 1 + int(random, 5)) : n
  )
}

/** The first sentences of a paragraph: a shorter copy, contained in the longer one. */
function shortened(random: Random, paragraph: string): string {
  const sentences = paragraph.split(/(?<=[.!?])\s+(?=\p{Lu})/u)
  if (sentences.length < 2) return paragraph
  return sentences.slice(0, 1 + int(random, sentences.length - 1)).join(' ')
}

function shiftDate(iso: string, days: number): string {
  const t = Date.parse(iso) + days * 86_400_000
  return new Date(t).toISOString().slice(0, 10)
}

/** A variant of a teaser: the same for the same (story, variant), on every page that shows it. */
function teaserVariant(story: Teaser, index: number, variant: number): Teaser {
  if (variant === 0) return story
  const random = mulberry32(SEED ^ (index * 7919) ^ (variant * 104729))
  let paragraphs = story.paragraphs
  if (random() < 0.4) paragraphs = paragraphs.map((p) => renamed(random, p))
  if (random() < 0.3) paragraphs = paragraphs.map((p) => renumbered(random, p))
  if (random() < 0.3) paragraphs = paragraphs.map((p, i) => (i === 0 ? shortened(random, p) : p))
  const base = story.date ?? '2024-06-03'
  const date = random() < 0.5 ? shiftDate(base, int(random, 3) - 1) : shiftDate(base, 30 * variant)
  const dated = story.date !== null || random() < 0.3
  return { date: dated ? date : null, title: story.title, paragraphs }
}

/** A variant of an article: names, numbers and its date changed in its raw text. */
function articleVariant(story: Article, index: number, variant: number): string {
  if (variant === 0) return story.raw
  const random = mulberry32(SEED ^ (index * 15485863) ^ (variant * 32452843))
  let raw = story.raw
  if (random() < 0.4) raw = renamed(random, raw)
  if (random() < 0.3) raw = renumbered(random, raw)
  const days = random() < 0.5 ? int(random, 3) - 1 : 30 * variant
  return raw.replace(/\b(\d{2})\.(\d{2})\.(\d{4})\b/g, (_, d: string, m: string, y: string) =>
    ddmmyyyy(shiftDate(`${y}-${m}-${d}`, days))
  )
}

/** Whitespace noise that changes no word: NBSP, tabs, trailing spaces, blank lines, line endings. */
function noisy(random: Random, text: string): string {
  const lines = text.split('\n').map((line) => {
    let out = line
    if (random() < 0.05) out = out.replace(/ /, random() < 0.5 ? '\u00A0' : ' \t')
    if (random() < 0.1) out += random() < 0.5 ? ' ' : '\u00A0'
    return out
  })
  const eol = random() < 0.2 ? '\r\n' : '\n'
  return lines.join(eol)
}

function renderTeaser(teaser: Teaser): string {
  const lines: string[] = []
  if (teaser.date) lines.push(ddmmyyyy(teaser.date), '')
  if (teaser.title) lines.push(teaser.title)
  lines.push(teaser.paragraphs.join('\n\n'))
  return lines.join('\n')
}

// --- The corpus -------------------------------------------------------------------------------

function buildCorpus(pages: readonly RawDoc[]): RawDoc[] {
  const { teasers, articles } = stories(pages)
  const random = mulberry32(SEED)
  const docs: RawDoc[] = []
  let bytes = 0
  for (let n = 0; bytes < TARGET_BYTES; n++) {
    const count = 2 + int(random, 7)
    const chosen = shuffle(
      random,
      teasers.map((_, i) => i)
    ).slice(0, count)
    const parts = chosen.map((i) =>
      renderTeaser(teaserVariant(teasers[i] as Teaser, i, int(random, VARIANTS)))
    )
    if (random() < 0.85) {
      const a = int(random, articles.length)
      parts.push(articleVariant(articles[a] as Article, a, int(random, VARIANTS)))
    } else {
      parts.push('Go back\n\nBack to the section\n\nBack to the all news')
    }
    const text = noisy(random, parts.join('\n\n\n'))
    docs.push({ name: `${String(n).padStart(5, '0')}.txt`, text })
    bytes += Buffer.byteLength(text, 'utf8')
  }
  return docs
}

// --- Measuring --------------------------------------------------------------------------------

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2
}

/** Median milliseconds of `runs` runs of `fn`, after one run to warm up if `warmUp`. */
function measure(runs: number, fn: () => unknown, warmUp: boolean): { ms: number; all: number[] } {
  if (warmUp) fn()
  const all: number[] = []
  for (let i = 0; i < runs; i++) {
    const start = performance.now()
    fn()
    all.push(performance.now() - start)
  }
  return { ms: median(all), all }
}

let sink = 0

function main(): void {
  const benchStart = performance.now()
  const pages = loadPages()
  const buildStart = performance.now()
  const docs = buildCorpus(pages)
  const buildMs = performance.now() - buildStart
  const bytes = docs.reduce((sum, d) => sum + Buffer.byteLength(d.text, 'utf8'), 0)
  const mb = bytes / 1e6
  const distinct = new Set(docs.map((d) => d.text)).size
  console.log(
    `corpus: ${docs.length} pages (${distinct} distinct), ${mb.toFixed(2)} MB, from ${pages.length} real pages, built in ${(buildMs / 1000).toFixed(1)} s`
  )

  const split = measure(
    BASELINE_RUNS,
    () => {
      for (const d of docs) for (const line of d.text.split('\n')) sink += line.toLowerCase().length
    },
    true
  )
  const normalize = measure(
    BASELINE_RUNS,
    () => {
      for (const d of docs) sink += normalizeText(d.text).length
    },
    true
  )
  let result: PipelineResult | null = null
  const pipeline = measure(
    PIPELINE_RUNS,
    () => {
      result = runPipeline(docs, pipelineConfig, emptyRegistry())
    },
    false
  )
  const stats = (result as PipelineResult | null)?.stats
  if (!stats) throw new Error('the pipeline did not run')

  const rate = (ms: number) => mb / (ms / 1000)
  const row = (name: string, m: { ms: number; all: number[] }) =>
    `${name.padEnd(34)} ${m.ms.toFixed(1).padStart(9)} ms ${rate(m.ms).toFixed(2).padStart(9)} MB/s   ${(pipeline.ms / m.ms).toFixed(1).padStart(8)}x faster than runPipeline   (runs: ${m.all.map((t) => t.toFixed(0)).join(', ')})`
  console.log(
    `\nmedian of ${PIPELINE_RUNS} pipeline runs and of ${BASELINE_RUNS} runs of each baseline (after a warm-up run):`
  )
  console.log(row('split("\\n") + toLowerCase', split))
  console.log(row('normalizeText', normalize))
  console.log(row('runPipeline', pipeline))
  console.log(
    `\nrunPipeline: ${rate(pipeline.ms).toFixed(2)} MB/s = ${(split.ms / pipeline.ms).toFixed(4)} of split+lowercase, ${(normalize.ms / pipeline.ms).toFixed(4)} of normalizeText`
  )
  console.log(
    `pages: ${stats.documents}, page items: ${stats.pageItems}, merged items: ${stats.items}, merges: ${stats.merges}`
  )
  console.log(`bench total: ${((performance.now() - benchStart) / 1000).toFixed(0)} s`)
  if (sink < 0) console.log(sink)
}

main()
