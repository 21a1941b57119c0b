/** Small builders shared by the tests: the real corpus pages and the pipeline on them. */
import { pipelineConfig } from '../src/content'
import type { Item, RawDoc } from '../src/model'
import { emptyRegistry, type Registry, runPipeline } from '../src/pipeline'

const PAGES = import.meta.glob<string>('../content/pages/*.txt', {
  query: '?raw',
  import: 'default',
  eager: true,
})

/** The corpus pages of `content/pages/`, named by file name, in name order. */
export function corpusPages(): RawDoc[] {
  return Object.entries(PAGES)
    .map(([path, text]) => ({ name: path.split('/').pop() ?? path, text }))
    .sort((a, b) => a.name.localeCompare(b.name))
}

/** Runs the pipeline with the site's configuration. */
export function extract(docs: readonly RawDoc[], registry: Registry = emptyRegistry()) {
  return runPipeline(docs, pipelineConfig, registry)
}

/** The one item whose title starts with `prefix`; fails loudly when there are none or several. */
export function itemTitled(items: readonly Item[], prefix: string): Item {
  const found = items.filter((i) => i.title.startsWith(prefix))
  if (found.length !== 1)
    throw new Error(
      `${found.length} items titled "${prefix}…": ${items.map((i) => i.title.slice(0, 50)).join(' | ')}`
    )
  return found[0] as Item
}

/** A page from lines, for hand-made cases. */
export function page(name: string, ...lines: string[]): RawDoc {
  return { name, text: lines.join('\n') }
}
