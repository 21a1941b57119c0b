import { describe, expect, it } from 'vitest'
import type { Item } from '../../src/model'
import { emptyRegistry } from '../../src/pipeline'
import { applyUpdate, assignIds, registryLedger } from '../../src/pipeline/identity'
import type { MergedItem } from '../../src/pipeline/merge'
import { corpusPages, extract, itemTitled, page } from '../helpers'

/** Title → id, to compare runs item by item. */
function idsByTitle(items: readonly Item[]): Record<string, string> {
  return Object.fromEntries(items.map((i) => [i.title, i.id]))
}

const ARTICLE = [
  'The CSTO Secretary General met the Ambassador of Armenia',
  '',
  'The CSTO Secretary General met the Ambassador of Armenia 14.02.2025',
  '',
  'On 14 February 2025, the CSTO Secretary General Imangali Tasmagambetov met with the Ambassador of the Republic of Armenia to discuss the preparations for the next session of the Council.',
  '',
  'The parties discussed cooperation between the Secretariat and the permanent representatives, the schedule of joint events for the year and the state of the statutory documents.',
  '',
  'Go back',
]
const TEASER =
  'On 14 February 2025, the CSTO Secretary General Imangali Tasmagambetov met with the Ambassador of the Republic of Armenia to discuss the preparations for the next session of the Council.'

describe('stable ids', () => {
  const pages = corpusPages()
  const first = extract(pages)

  it('gives every item a distinct id', () => {
    expect(new Set(first.items.map((i) => i.id)).size).toBe(first.items.length)
  })

  it('gives the same ids when the pipeline runs again, with or without the registry', () => {
    expect(idsByTitle(extract(pages).items)).toEqual(idsByTitle(first.items))
    expect(idsByTitle(extract(pages, first.registry).items)).toEqual(idsByTitle(first.items))
  })

  it('gives the same ids on the pages in another order', () => {
    expect(idsByTitle(extract([...pages].reverse()).items)).toEqual(idsByTitle(first.items))
    const shuffled = [pages[3], pages[0], pages[4], pages[2], pages[1]].filter(
      (p) => p !== undefined
    )
    expect(idsByTitle(extract(shuffled).items)).toEqual(idsByTitle(first.items))
  })

  it('keeps the ids when an extra page repeats an item and adds its missing date', () => {
    const extra = page(
      '005_extra.txt',
      '12.01.2025',
      '',
      'Imangali Tasmagambetov, the Collective Security Treaty Organization Secretary General, told BELTA news agency correspondent whether the CSTO sought to become a counterweight to NATO, the situation in the East European region of collective security, the role of Belarus in the organization, and what initiative of the President of Belarus had become important and timely for the CSTO.'
    )
    const second = extract([...pages, extra], first.registry)
    expect(idsByTitle(second.items)).toEqual(idsByTitle(first.items))
    expect(itemTitled(second.items, 'Imangali Tasmagambetov, the Collective')).toMatchObject({
      published: '2025-01-12',
      dateSource: 'teaser-date-line',
    })
  })

  it('keeps a teaser id when the teaser is later merged into its article', () => {
    const teaserOnly = extract([page('a.txt', TEASER)])
    const teaserId = teaserOnly.items[0]?.id
    const both = extract([page('a.txt', TEASER), page('b.txt', ...ARTICLE)], teaserOnly.registry)
    expect(both.items).toHaveLength(1)
    expect(both.items[0]).toMatchObject({
      id: teaserId,
      kind: 'article',
      published: '2025-02-14',
      sources: ['a.txt', 'b.txt'],
    })
  })

  it('keeps the older id when an article seen first is later joined by its teaser', () => {
    const articleOnly = extract([page('b.txt', ...ARTICLE)])
    const both = extract([page('a.txt', TEASER), page('b.txt', ...ARTICLE)], articleOnly.registry)
    expect(both.items.map((i) => i.id)).toEqual([articleOnly.items[0]?.id])
  })

  it('keeps ids under whitespace-only edits', () => {
    const edited = pages.map((p) => ({
      ...p,
      text: p.text
        .replace(/ /g, '  ')
        .replace(/\. /g, '.\u00A0 ')
        .replace(/\n\n/g, '\n\u00A0\t\n')
        .replace(/\n/g, ' \r\n'),
    }))
    expect(idsByTitle(extract(edited).items)).toEqual(idsByTitle(first.items))
  })

  it('does not change the registry it is given', () => {
    const registry = emptyRegistry()
    extract(pages, registry)
    expect(registry).toEqual(emptyRegistry())
  })

  it('keeps the ids of two items that share a copy fingerprint, at every later build', () => {
    // Two texts whose words are the same and whose marks differ have one fingerprint: a copy
    // of each can stand in two items, and a fingerprint names one id.
    const item = (paragraphs: string[], fingerprints: string[]) =>
      ({ title: paragraphs[0], paragraphs, fingerprints }) as unknown as MergedItem
    const plain = item(['On 4 July 2025, a delegation visited the park.'], ['f-shared', 'f-plain'])
    const marked = item(
      ['\uFFFD07.07.2025', 'On 4 July 2025, a delegation visited the park.'],
      ['f-shared']
    )
    let registry = emptyRegistry()
    const served: string[][] = []
    for (const order of [
      [plain, marked],
      [marked, plain],
      [plain, marked],
      [marked, plain],
    ]) {
      const { ids, update } = assignIds(order, registryLedger(registry), registry.generation + 1)
      registry = applyUpdate(registry, update)
      // Ids in the order [plain, marked], whatever order the items came in.
      served.push(order[0] === plain ? ids : [...ids].reverse())
    }
    for (const ids of served) expect(ids).toEqual(served[0])
  })
  it('gives an item the id of its first part, which an earlier segmentation made an item', () => {
    const item = (paragraphs: string[], fingerprints: string[]) =>
      ({ title: paragraphs[0], paragraphs, fingerprints }) as unknown as MergedItem
    const lead = 'On 4 March 2025, a ceremony was held in Minsk.'
    const more = 'Also the celebrations were attended by the ambassadors.'
    const first = assignIds(
      [item([lead], ['f-lead']), item([more], ['f-more'])],
      registryLedger(emptyRegistry()),
      1
    )
    const registry = applyUpdate(emptyRegistry(), first.update)
    const joined = assignIds([item([lead, more], ['f-joined'])], registryLedger(registry), 2)
    expect(joined.ids).toEqual([first.ids[0]])
    expect(joined.update.minted).toEqual([])
  })
})
