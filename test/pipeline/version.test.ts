/**
 * The incremental build keeps each page's extraction and extracts again only when the extraction
 * version changes (`EXTRACTION_VERSION`, part of the build's settings). This test holds what the
 * current version makes of every page we have: when extraction changes, it fails until the
 * version is bumped and the new digest recorded here, so that a deployment re-extracts the
 * corpus instead of serving old cuts beside new ones.
 */
import { describe, expect, it } from 'vitest'
import { pipelineConfig } from '../../src/content'
import { EXTRACTION_VERSION, extractPage } from '../../src/pipeline'
import { compileBoilerplate } from '../../src/pipeline/boilerplate'
import { digest } from '../../src/pipeline/fingerprint'
import { casePages, corpusPages } from '../helpers'
import recorded from './fixtures/version-pages.json'

/** What version `version` extracts from the pages below, as one digest. */
const RECORDED = { version: 3, output: '7632f230b4416e34' }

const EVAL = import.meta.glob<string>('../eval/pages/*.txt', {
  query: '?raw',
  import: 'default',
  eager: true,
})

describe('the extraction version', () => {
  it('changes whenever what extraction makes of a page changes', () => {
    const isBoilerplate = compileBoilerplate(pipelineConfig.boilerplate)
    const pages = [
      ...corpusPages(),
      ...casePages(),
      // The eval pages there were when the version was recorded: one added since is no change.
      ...recorded.pages.map((name) => ({ name, text: EVAL[`../eval/pages/${name}`] ?? '' })),
    ]
    const output = digest(JSON.stringify(pages.map((page) => extractPage(page, isBoilerplate))))
    const message =
      'extraction output changed: bump EXTRACTION_VERSION (src/pipeline/index.ts) and record it with this output in RECORDED'
    expect({ version: EXTRACTION_VERSION, output }, message).toEqual(RECORDED)
  })
})
