/**
 * The pipeline: raw pages in, clean, merged, dated, topic-tagged items out. Pure: no I/O, no
 * clock; the same code runs in the worker's rebuild, the CLI and the tests. The stages, in order:
 *
 *   normalize → blocks → segment (boilerplate dropped) → fields (dates, language, title,
 *   summary) → merge across pages → identity (registry) → topics
 */
import type { Item, RawDoc, Warning } from '../model'
import { toBlocks } from './blocks'
import { type BoilerplateRules, compileBoilerplate } from './boilerplate'
import { leadParagraphs, type PageItem, toPageItem } from './fields'
import { assignIds, type Registry } from './identity'
import { type MergedItem, mergeItems } from './merge'
import { normalizeText } from './normalize'
import { segmentPage } from './segment'
import { compileTopics, type TopicRule } from './topics'

export { emptyRegistry, type Registry } from './identity'

export type PipelineConfig = { boilerplate: BoilerplateRules; topics: readonly TopicRule[] }

export type PipelineStats = { documents: number; pageItems: number; items: number; merges: number }

export type PipelineResult = {
  items: Item[]
  warnings: Warning[]
  registry: Registry
  stats: PipelineStats
}

/** One page through normalize, blocks and segment: its page items and what was left out. */
export function extractPage(doc: RawDoc, isBoilerplate: ReturnType<typeof compileBoilerplate>) {
  const { blocks, removed } = toBlocks(normalizeText(doc.text))
  const { segments, dropped } = segmentPage(blocks, isBoilerplate)
  const warnings: Warning[] = [
    ...removed.map((detail) => ({ source: doc.name, kind: 'image-file-name', detail })),
    ...dropped.map((detail) => ({ source: doc.name, kind: 'boilerplate', detail })),
  ]
  const items = segments
    .map((s) => toPageItem(s, doc.name))
    .filter((item) => item.paragraphs.length > 0 || item.titleSource === 'page')
  if (items.length === 0)
    warnings.push({ source: doc.name, kind: 'no-items', detail: 'the page gave no item' })
  return { items, warnings }
}

/** Newest first by publication date, else event date; undated last; then by title and id. */
function byDate(a: Item, b: Item): number {
  const da = a.published ?? a.eventDate ?? ''
  const db = b.published ?? b.eventDate ?? ''
  return db.localeCompare(da) || a.title.localeCompare(b.title) || a.id.localeCompare(b.id)
}

function toItem(merged: MergedItem, id: string, topics: string[]): Item {
  const { paragraphs, fingerprints, ...fields } = merged
  return { id, ...fields, topics, contentText: paragraphs.join('\n\n') }
}

/** Runs every page through the pipeline; `registry` carries ids from earlier runs. */
export function runPipeline(
  docs: readonly RawDoc[],
  config: PipelineConfig,
  registry: Registry
): PipelineResult {
  const isBoilerplate = compileBoilerplate(config.boilerplate)
  const classify = compileTopics(config.topics)
  const pageItems: PageItem[] = []
  const warnings: Warning[] = []
  for (const doc of docs) {
    // A page the rules cannot handle is reported and skipped; it never stops the others.
    try {
      const page = extractPage(doc, isBoilerplate)
      pageItems.push(...page.items)
      warnings.push(...page.warnings)
    } catch (error) {
      warnings.push({ source: doc.name, kind: 'failed', detail: String(error) })
    }
  }
  const { items: merged, merges } = mergeItems(pageItems)
  const ids = assignIds(merged, registry)
  const items = merged
    .map((m, i) =>
      toItem(m, ids.ids[i] ?? '', classify({ ...m, paragraphs: leadParagraphs(m.paragraphs) }))
    )
    .sort(byDate)
  return {
    items,
    warnings,
    registry: ids.registry,
    stats: { documents: docs.length, pageItems: pageItems.length, items: items.length, merges },
  }
}
