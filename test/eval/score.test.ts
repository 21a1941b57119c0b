import { describe, expect, it } from 'vitest'
import { topics } from '../../src/content'
import { halfOf, microTopics, pagesOfCase, prf, scoreCase, total } from '../../src/eval/score'
import type { Item } from '../../src/model'
import { labelledSet } from '../helpers'

/** An extracted item with the fields the scorer reads. */
const item = (title: string, fields: Partial<Item> = {}): Item =>
  ({
    id: title,
    kind: 'teaser',
    title,
    contentText: `${title}. The text of the item.`,
    published: null,
    lang: 'en',
    topics: [],
    ...fields,
  }) as Item

describe('scoring a labelled page', () => {
  it('counts items found, missed and extra by their title and text, whatever their dates', () => {
    const score = scoreCase(
      'case',
      {
        description: 'two expected',
        items: [
          { titleStartsWith: 'The Council met', published: '2024-12-03' },
          { textIncludes: ['exercise Rubezh'] },
        ],
      },
      [item('The Council met in Minsk', { published: '2024-03-12' }), item('A stray paragraph')]
    )
    expect(score.items).toEqual({ tp: 1, fp: 1, fn: 1 })
    expect(score.misses).toEqual(['case: [? undefined] exercise Rubezh'])
    expect(score.extras).toEqual(['case: [teaser null] A stray paragraph'])
    expect(prf(score.items)).toEqual({ p: 0.5, r: 0.5, f1: 0.5 })
  })

  it('finds an item whose text still holds junk, and counts the junk apart', () => {
    const score = scoreCase(
      'case',
      { description: '', items: [{ title: 'T', textExcludes: ['IMG-0001.jpg'] }] },
      [item('T', { contentText: 'IMG-0001.jpgThe text.' })]
    )
    expect(score.items).toEqual({ tp: 1, fp: 0, fn: 0 })
    expect(score.clean).toEqual({ total: 1, right: 0 })
    expect(score.misses).toEqual(['case: [teaser null] T holds ["IMG-0001.jpg"]'])
  })

  it('finds an item of the wrong kind, and counts its kind apart', () => {
    const score = scoreCase('case', { description: '', items: [{ title: 'T', kind: 'teaser' }] }, [
      item('T', { kind: 'article' }),
    ])
    expect(score.items).toEqual({ tp: 1, fp: 0, fn: 0 })
    expect(score.kind).toEqual({ total: 1, right: 0 })
    expect(score.misses).toEqual(['case: [article null] T is not a teaser'])
  })

  it('tells a day-month swap, an invented date and a missed one apart', () => {
    const dates = (got: string | null, want: string | null) =>
      scoreCase('c', { description: '', items: [{ title: 'T', published: want }] }, [
        item('T', { published: got }),
      ]).dates
    expect(dates('2024-12-03', '2024-12-03')).toMatchObject({ exact: 1, total: 1 })
    expect(dates('2024-03-12', '2024-12-03')).toMatchObject({ swapped: 1, exact: 0 })
    expect(dates('2024-12-03', null)).toMatchObject({ invented: 1 })
    expect(dates(null, '2024-12-03')).toMatchObject({ missed: 1 })
    expect(dates('2024-12-13', '2024-12-03')).toMatchObject({ missed: 1, swapped: 0 })
  })

  it('scores topics per topic and micro-averaged, on the items found whose topics are labelled', () => {
    const scores = [
      scoreCase(
        'a',
        { description: '', items: [{ title: 'A', topics: ['belarus', 'exercises'] }] },
        [item('A', { topics: ['belarus', 'terrorism'] })]
      ),
      scoreCase('b', { description: '', items: [{ title: 'B' }] }, [item('B', { topics: ['ai'] })]),
    ]
    const sum = total(scores)
    expect(sum.topics).toEqual({
      belarus: { tp: 1, fp: 0, fn: 0 },
      exercises: { tp: 0, fp: 0, fn: 1 },
      terrorism: { tp: 0, fp: 1, fn: 0 },
    })
    expect(microTopics(sum)).toEqual({ tp: 1, fp: 1, fn: 1 })
    expect(sum.topicMisses).toEqual(['a: [teaser null] A missed [exercises] excess [terrorism]'])
  })
})

describe('the labelled set', () => {
  it('is split in two halves by the case name alone, the same at every run', () => {
    const names = Array.from({ length: 200 }, (_, i) => `case-${i}`)
    const held = names.filter((n) => halfOf(n) === 'held-out')
    expect(held.length).toBeGreaterThan(60)
    expect(held.length).toBeLessThan(140)
    expect(names.map(halfOf)).toEqual(names.map(halfOf))
  })

  it("takes a case's own pages, not those of another case whose name starts with its name", () => {
    const files = ['a.txt', 'a.b.txt', 'a.a.txt', 'a-long.txt', 'ab.txt'].map((name) => ({ name }))
    expect(pagesOfCase(files, 'a').map((f) => f.name)).toEqual(['a.a.txt', 'a.b.txt', 'a.txt'])
  })
})

const SET = labelledSet(
  import.meta.glob<string>('./pages/*', { query: '?raw', import: 'default', eager: true })
)

describe('the labelled set of npm run eval (test/eval/pages)', () => {
  it('gives every case its pages, and labels only configured topics', () => {
    const slugs = new Set(topics.topics.map((t) => t.slug))
    expect(SET.length).toBeGreaterThan(0)
    for (const { name, expected, pages } of SET) {
      expect(pages.length, name).toBeGreaterThan(0)
      expect(expected.items.length, name).toBeGreaterThan(0)
      for (const item of expected.items)
        for (const topic of item.topics ?? [])
          expect(slugs.has(topic), `${name}: ${topic}`).toBe(true)
    }
  })
})
