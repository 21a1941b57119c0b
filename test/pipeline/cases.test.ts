/**
 * The hand-made pages of `cases/`: one per phenomenon of the wider site, each with the items a
 * careful editor expects (format in `cases/README.md`).
 */
import { describe, expect, it } from 'vitest'
import { mismatches } from '../../src/eval/score'
import { extract, labelledSet } from '../helpers'

const CASES = labelledSet(
  import.meta.glob<string>('./cases/*', { query: '?raw', import: 'default', eager: true })
)

describe('hand-made pages of the wider site', () => {
  it('has a case for every phenomenon, each with at least one page', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(20)
    for (const c of CASES) expect(c.pages.length, c.name).toBeGreaterThan(0)
  })

  it.each(CASES)('$name', ({ name, expected, pages }) => {
    const { items } = extract(pages)
    const report = items
      .map((i) => `  [${i.kind} ${i.published} ${i.eventDate}] ${i.title}`)
      .join('\n')
    expect(items.length, `${expected.description}\nextracted:\n${report}`).toBe(
      expected.items.length
    )
    const unused = new Set(items)
    for (const e of expected.items) {
      const match = [...unused].find((item) => mismatches(item, e).length === 0)
      if (!match) {
        const closest = [...unused]
          .map((item) => mismatches(item, e))
          .sort((a, b) => a.length - b.length)[0]
        expect.fail(
          `${name}: no item matches ${JSON.stringify(e).slice(0, 300)}\nclosest differs in: ${closest?.join('; ')}\nextracted:\n${report}`
        )
      }
      unused.delete(match)
    }
  })
})
