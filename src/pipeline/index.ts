/**
 * The pipeline: raw pages in, clean, merged, dated, topic-tagged items out. Pure: no I/O, no
 * clock; the same code runs in the worker's rebuild, the CLI and the tests. The stages, in order:
 *
 *   normalize → blocks → segment (boilerplate dropped) → fields (dates, language, title,
 *   summary) → merge across pages → identity (registry) → topics
 */
import type { Item, RawDoc, Warning } from '../model'
import { toBlocks } from './blocks'
import { type BoilerplateMatcher, type BoilerplateRules, compileBoilerplate } from './boilerplate'
import { confidenceOf, UNCERTAIN_BELOW } from './boundaries'
import { leadParagraphs, type PageItem, toPageItem } from './fields'
import { applyUpdate, assignIds, type Registry, registryLedger } from './identity'
import { compareCodePoints, type Measures, type MergedItem, mergeItems, toCopy } from './merge'
import { learnNavigation, NO_NAVIGATION } from './navigation'
import { normalizeText } from './normalize'
import { segmentPage } from './segment'
import { compileTopics, type TopicRule } from './topics'

export { emptyRegistry, type Registry } from './identity'

/**
 * The version of what extraction makes of a page. The incremental build keeps each page's
 * extraction from its arrival and extracts every page again when this changes: bump it with
 * any change to what normalize, blocks, segment or fields give (`test/pipeline/version.test.ts`
 * fails until you do).
 */
export const EXTRACTION_VERSION = 3

/** The warning a page whose segmentation made a close call gets: the admin report lists those pages. */
export const UNCERTAIN_SEGMENTATION = 'uncertain-segmentation'

export type PipelineConfig = { boilerplate: BoilerplateRules; topics: readonly TopicRule[] }

export type PipelineStats = { documents: number; pageItems: number; items: number; merges: number }

export type PipelineResult = {
  items: Item[]
  warnings: Warning[]
  registry: Registry
  stats: PipelineStats
}

/**
 * The longest item published, in characters: ten times a long article of these sites. A longer
 * text is a page dump, not a news item: it would fill a feed alone and pass the storage's value
 * limits, so it is left out and reported; the page stays stored as it came.
 */
export const MAX_ITEM_CHARS = 100_000

/**
 * One page through normalize, blocks and segment: its page items, and warnings for what was
 * left out and for a close call of the boundary model.
 */
export function extractPage(
  doc: RawDoc,
  isBoilerplate: BoilerplateMatcher,
  learned: ReadonlySet<string> = NO_NAVIGATION
) {
  const { blocks, removed } = toBlocks(normalizeText(doc.text))
  const { segments, dropped, navigation, headings, decisions } = segmentPage(
    blocks,
    isBoilerplate,
    learned
  )
  const warnings: Warning[] = [
    ...removed.map(({ kind, detail }) => ({ source: doc.name, kind, detail })),
    ...dropped.map((detail) => ({ source: doc.name, kind: 'boilerplate', detail })),
    ...navigation.map((detail) => ({ source: doc.name, kind: 'learned-boilerplate', detail })),
    ...headings.map((detail) => ({ source: doc.name, kind: 'heading', detail })),
  ]
  const { confidence, closest } = confidenceOf(decisions)
  if (closest && confidence < UNCERTAIN_BELOW)
    warnings.push({
      source: doc.name,
      kind: UNCERTAIN_SEGMENTATION,
      detail: `confidence ${confidence.toFixed(2)}: ${closest.score > 0 ? 'started an item' : 'continued an item'} at "${closest.text.slice(0, 80)}" (score ${closest.score}: ${closest.fired.join(', ') || 'no signal'})`,
    })
  const items = segments
    .map((s) => toPageItem(s, doc.name))
    .filter((item) => item.paragraphs.length > 0 || item.titleSource === 'page')
    .filter((item) => {
      const chars = item.title.length + item.paragraphs.reduce((n, p) => n + p.length, 0)
      if (chars <= MAX_ITEM_CHARS) return true
      warnings.push({
        source: doc.name,
        kind: 'too-long',
        detail: `an item of ${chars} characters (at most ${MAX_ITEM_CHARS}), from "${item.title.slice(0, 80)}"`,
      })
      return false
    })
  if (items.length === 0)
    warnings.push({ source: doc.name, kind: 'no-items', detail: 'the page gave no item' })
  return { items, warnings }
}

/** A page's items as copies with their fingerprints and merge measures: what the incremental build stores. */
export function extractCopies(
  doc: RawDoc,
  isBoilerplate: BoilerplateMatcher,
  learned: ReadonlySet<string> = NO_NAVIGATION
) {
  const page = extractPage(doc, isBoilerplate, learned)
  const cache = new Map<string, Measures>()
  const copies = page.items.map((item) => {
    const { copy, measures } = toCopy(item, cache)
    return { fingerprint: copy.fingerprint, item, measures }
  })
  return { copies, warnings: page.warnings }
}

/**
 * Newest first by publication date, else event date; undated last; then by title and id, in
 * code-point order so that SQLite (the incremental build's item index) sorts the same.
 */
export function byDate(a: Item, b: Item): number {
  const da = a.published ?? a.eventDate ?? ''
  const db = b.published ?? b.eventDate ?? ''
  return (
    compareCodePoints(db, da) ||
    compareCodePoints(a.title, b.title) ||
    compareCodePoints(a.id, b.id)
  )
}

/** A merged item as published: its id, its topics (counted on the lead) and its text. */
export function toItem(
  merged: MergedItem,
  id: string,
  classify: ReturnType<typeof compileTopics>
): Item {
  const { paragraphs, fingerprints, ...fields } = merged
  return {
    id,
    ...fields,
    topics: topicsOf(merged, classify),
    contentText: paragraphs.join('\n\n'),
  }
}

/** An item's topics, counted on its title and the paragraphs from its lead on. */
export function topicsOf(
  item: { title: string; titleSource: 'page' | 'lead'; paragraphs: readonly string[] },
  classify: ReturnType<typeof compileTopics>
): string[] {
  return classify({ ...item, paragraphs: leadParagraphs(item.paragraphs) })
}

/** Runs every page through the pipeline; `registry` carries ids from earlier runs. */
export function runPipeline(
  docs: readonly RawDoc[],
  config: PipelineConfig,
  registry: Registry
): PipelineResult {
  const isBoilerplate = compileBoilerplate(config.boilerplate)
  const learned = learnNavigation(docs, isBoilerplate)
  const classify = compileTopics(config.topics)
  const pageItems: PageItem[] = []
  const warnings: Warning[] = []
  for (const doc of docs) {
    // A page the rules cannot handle is reported and skipped; it never stops the others.
    try {
      const page = extractPage(doc, isBoilerplate, learned)
      pageItems.push(...page.items)
      warnings.push(...page.warnings)
    } catch (error) {
      warnings.push({ source: doc.name, kind: 'failed', detail: String(error) })
    }
  }
  const { items: merged, merges } = mergeItems(pageItems)
  const { ids, update } = assignIds(merged, registryLedger(registry), registry.generation + 1)
  const items = merged.map((m, i) => toItem(m, ids[i] ?? '', classify)).sort(byDate)
  return {
    items,
    warnings,
    registry: applyUpdate(registry, update),
    stats: { documents: docs.length, pageItems: pageItems.length, items: items.length, merges },
  }
}
