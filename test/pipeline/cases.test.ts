/**
 * The hand-made pages of `cases/`: one per phenomenon of the wider site, each with the items a
 * careful editor expects (format in `cases/README.md`).
 */
import { describe, expect, it } from 'vitest'
import type { Item } from '../../src/model'
import { extract } from '../helpers'

type ExpectedItem = Partial<
  Pick<
    Item,
    | 'kind'
    | 'title'
    | 'published'
    | 'dateSource'
    | 'eventDate'
    | 'eventEndDate'
    | 'lang'
    | 'sources'
  >
> & {
  titleStartsWith?: string
  textIncludes?: string[]
  textExcludes?: string[]
  alternateIncludes?: string[]
}
type Case = { description: string; items: ExpectedItem[] }

const PAGES = import.meta.glob<string>('./cases/*.txt', {
  query: '?raw',
  import: 'default',
  eager: true,
})
const EXPECTED = import.meta.glob<Case>('./cases/*.expected.json', {
  import: 'default',
  eager: true,
})

const baseName = (path: string) => path.split('/').pop() ?? path

/** A case's pages: `<name>.txt` and every `<name>.<part>.txt`. */
function pagesOf(name: string) {
  return Object.entries(PAGES)
    .map(([path, text]) => ({ name: baseName(path), text }))
    .filter(
      (p) =>
        p.name === `${name}.txt` ||
        new RegExp(`^${name.replace(/[.-]/g, '\\$&')}\\.[^.]+\\.txt$`).test(p.name)
    )
    .sort((a, b) => a.name.localeCompare(b.name))
}

/** What in `item` differs from the expectation; empty when it matches. */
function mismatches(item: Item, e: ExpectedItem): string[] {
  const out: string[] = []
  for (const key of [
    'kind',
    'published',
    'dateSource',
    'eventDate',
    'eventEndDate',
    'lang',
  ] as const) {
    if (e[key] !== undefined && item[key] !== e[key]) out.push(`${key}: ${item[key]} ≠ ${e[key]}`)
  }
  if (e.title !== undefined && item.title.trim() !== e.title.trim())
    out.push(`title: ${item.title}`)
  if (e.titleStartsWith !== undefined && !item.title.startsWith(e.titleStartsWith))
    out.push(`title: ${item.title}`)
  if (e.sources !== undefined && JSON.stringify(item.sources) !== JSON.stringify(e.sources))
    out.push(`sources: ${item.sources}`)
  for (const s of e.textIncludes ?? [])
    if (!item.contentText.includes(s)) out.push(`text lacks ${JSON.stringify(s)}`)
  for (const s of e.textExcludes ?? [])
    if (item.contentText.includes(s)) out.push(`text has ${JSON.stringify(s)}`)
  for (const s of e.alternateIncludes ?? [])
    if (!item.alternate?.text.includes(s)) out.push(`alternate lacks ${JSON.stringify(s)}`)
  return out
}

const CASES = Object.entries(EXPECTED).map(([path, expected]) => ({
  name: baseName(path).replace(/\.expected\.json$/, ''),
  expected,
}))

describe('hand-made pages of the wider site', () => {
  it('has a case for every phenomenon, each with at least one page', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(20)
    for (const c of CASES) expect(pagesOf(c.name).length, c.name).toBeGreaterThan(0)
  })

  it.each(CASES)('$name', ({ name, expected }) => {
    const { items } = extract(pagesOf(name))
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
