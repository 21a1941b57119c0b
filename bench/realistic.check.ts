/**
 * How the batch pipeline handles the realistic corpus (`bench/realistic.ts`): every story should
 * come out as exactly one article item holding all its copies and nothing else.
 *
 *   node_modules/.bin/node node_modules/tsx/dist/cli.mjs bench/realistic.check.ts [PAGES...]
 *
 * Defaults to 300 and 1,000 pages, then 1,000 pages without the two shapes the pipeline is
 * known to mishandle (to tell their failures from the rest), then the streaming generator alone
 * on 100,000 pages.
 */
import { pipelineConfig } from '../src/content'
import type { Item } from '../src/model'
import { emptyRegistry, extractPage, runPipeline } from '../src/pipeline'
import { compileBoilerplate } from '../src/pipeline/boilerplate'
import {
  type Options,
  type RealisticCorpus,
  realisticCorpus,
  realisticPages,
  wordKey,
} from './realistic'

const mb = (bytes: number) => (bytes / 1e6).toFixed(2)

/** Distinct texts the merge stage compares: page items, their exact texts, their word keys. */
function distinctTexts(corpus: RealisticCorpus) {
  const isBoilerplate = compileBoilerplate(pipelineConfig.boilerplate)
  const exact = new Set<string>()
  const keys = new Set<string>()
  let pageItems = 0
  for (const doc of corpus.docs) {
    for (const item of extractPage(doc, isBoilerplate).items) {
      const text = [item.titleSource === 'page' ? item.title : '', ...item.paragraphs].join('\n')
      pageItems++
      exact.add(text)
      keys.add(wordKey(text))
    }
  }
  return { pageItems, exact: exact.size, keys: keys.size }
}

/**
 * Items checked against the truth. An item is the story whose lead is its first paragraph. It
 * holds a copy of another story (a wrong merge) when it lists a page that does not carry its
 * story, or holds another story's lead among its paragraphs. A story's copy is lost when no item
 * of the story lists the page: it went into another story's item on a page both share.
 */
function judge(corpus: RealisticCorpus, items: readonly Item[]) {
  const itemsOf = new Map<string, Item[]>()
  const unidentified: Item[] = []
  const wrong: Array<{ item: Item; story: string; others: string[] }> = []
  for (const item of items) {
    const story = corpus.storyOf(item)
    if (story === undefined) {
      unidentified.push(item)
      continue
    }
    itemsOf.set(story, [...(itemsOf.get(story) ?? []), item])
    const own = new Set(corpus.pagesOf.get(story))
    const foreign = item.sources.filter((p) => !own.has(p)).map((p) => corpus.stories.get(p) ?? p)
    const leads = item.contentText
      .split(/\n\s*\n/)
      .map((p) => corpus.leads.get(wordKey(p)))
      .filter((s): s is string => s !== undefined && s !== story)
    const others = [...new Set([...leads, ...foreign.map((s) => `page of ${s}`)])]
    if (others.length > 0) wrong.push({ item, story, others })
  }
  let lost = 0
  const lostExamples: string[] = []
  for (const [story, pages] of corpus.pagesOf) {
    const covered = new Set((itemsOf.get(story) ?? []).flatMap((i) => i.sources))
    for (const page of pages) {
      if (covered.has(page)) continue
      lost++
      if (lostExamples.length < 3) lostExamples.push(`${story} on ${page}`)
    }
  }
  const split = [...itemsOf.values()].filter((list) => list.length > 1)
  const missing = [...corpus.pagesOf.keys()].filter((s) => !itemsOf.has(s)).length
  return { unidentified, wrong, split, lost, missing, lostExamples }
}

function check(pages: number, options: Options = {}) {
  const started = performance.now()
  const corpus = realisticCorpus(pages, undefined, options)
  const generated = performance.now() - started
  const sizes = corpus.docs.map((d) => Buffer.byteLength(d.text)).sort((a, b) => a - b)
  const t0 = performance.now()
  const result = runPipeline(corpus.docs, pipelineConfig, emptyRegistry())
  const ms = performance.now() - t0
  const verdict = judge(corpus, result.items)
  const texts = distinctTexts(corpus)
  const warnings = new Map<string, number>()
  for (const w of result.warnings) warnings.set(w.kind, (warnings.get(w.kind) ?? 0) + 1)
  const quantile = (q: number) => sizes[Math.floor(q * (sizes.length - 1))] ?? 0
  console.log(`\n== ${pages} pages`, Object.keys(options).length > 0 ? options : '')
  console.log({
    pages,
    MB: mb(sizes.reduce((a, b) => a + b, 0)),
    pageBytes: { min: quantile(0), median: quantile(0.5), p90: quantile(0.9), max: quantile(1) },
    items: result.items.length,
    articles: result.items.filter((i) => i.kind === 'article').length,
    teasersUnmerged: result.items.filter((i) => i.kind === 'teaser').length,
    storiesSplit: verdict.split.length,
    wrongMerges: verdict.wrong.length,
    copiesLost: verdict.lost,
    storiesWithoutItem: verdict.missing,
    unidentifiedItems: verdict.unidentified.length,
    duplicateLeads: pages - corpus.leads.size,
    pipelineMs: Math.round(ms),
    generateMs: Math.round(generated),
    pageItems: texts.pageItems,
    distinctTexts: texts.exact,
    distinctWordKeys: texts.keys,
    merges: result.stats.merges,
    warnings: Object.fromEntries(warnings),
  })
  // A few cases to read when something is off.
  for (const { item, story, others } of verdict.wrong.slice(0, 3))
    console.log('wrong merge:', story, item.kind, item.title.slice(0, 80), 'also holds', others)
  for (const list of verdict.split.slice(0, 3))
    console.log(
      'split:',
      list.map((i) => `${i.kind} ${i.published} ${i.title.slice(0, 70)}`)
    )
  for (const item of verdict.unidentified.slice(0, 3))
    console.log('unidentified:', item.kind, item.sources[0], item.contentText.slice(0, 100))
  for (const example of verdict.lostExamples) console.log('lost copy:', example)
}

/**
 * The streaming generator on its own: time and bytes for a 100,000-page corpus, and the heap it
 * keeps when run with NODE_OPTIONS=--expose-gc (without a collection the heap is mostly garbage).
 */
function stream(pages: number) {
  const gc = (globalThis as { gc?: () => void }).gc
  gc?.()
  const heap = process.memoryUsage().heapUsed
  const t0 = performance.now()
  let bytes = 0
  let count = 0
  for (const doc of realisticPages(pages)) {
    bytes += Buffer.byteLength(doc.text)
    count++
  }
  const ms = Math.round(performance.now() - t0)
  gc?.()
  const kept = gc ? mb(process.memoryUsage().heapUsed - heap) : 'run with --expose-gc'
  console.log(`\n== streaming ${count} pages`)
  console.log({ MB: mb(bytes), ms, heapKeptMB: kept })
}

const sizes = process.argv.slice(2).map(Number)
for (const pages of sizes.length > 0 ? sizes : [300, 1000]) check(pages)
if (sizes.length === 0) {
  check(1000, { russianTitleLines: false, multiParagraphTeasers: false })
  stream(100_000)
}
