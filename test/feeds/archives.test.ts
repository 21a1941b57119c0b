/**
 * Archives by density: each feed files its months into archives of one period, the longest that
 * keeps an archive near ARCHIVE_ITEMS items, and keeps that period until it is clearly wrong.
 */
import { describe, expect, it } from 'vitest'
import {
  ARCHIVE_ITEMS,
  archiveOf,
  monthsOf,
  orderBuckets,
  periodFor,
  shardOf,
} from '../../src/feeds/archives'

/** Month counts: `perMonth` items in every month from January 2010 for `months` months. */
function steady(perMonth: number, months = 48): Map<string, number> {
  return new Map(
    Array.from({ length: months }, (_, i) => {
      const month = `${2010 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`
      return [month, perMonth]
    })
  )
}

describe('archive addresses', () => {
  it('are listed by year, whatever their period, and the undated archive on its own', () => {
    for (const archive of ['2024', '2024-Q2', '2024-06']) expect(shardOf(archive)).toBe('2024')
    expect(shardOf('undated')).toBe('undated')
  })

  it('name a year, a quarter or a month, and say which months they hold', () => {
    expect(archiveOf('year', '2024-06')).toBe('2024')
    expect(archiveOf('quarter', '2024-06')).toBe('2024-Q2')
    expect(archiveOf('quarter', '2024-10')).toBe('2024-Q4')
    expect(archiveOf('month', '2024-06')).toBe('2024-06')
    expect(monthsOf('2024')).toEqual(['2024-01', '2024-12'])
    expect(monthsOf('2024-Q2')).toEqual(['2024-04', '2024-06'])
    expect(monthsOf('2024-06')).toEqual(['2024-06', '2024-06'])
  })

  it('keep undated items in their own archive whatever the period', () => {
    for (const period of ['year', 'quarter', 'month'] as const)
      expect(archiveOf(period, 'undated')).toBe('undated')
    expect(monthsOf('undated')).toEqual(['undated', 'undated'])
  })

  it('map an archive of another period by its first month (a mark left from before a change)', () => {
    expect(archiveOf('month', '2024-Q3')).toBe('2024-07')
    expect(archiveOf('quarter', '2024')).toBe('2024-Q1')
    expect(archiveOf('year', '2024-Q3')).toBe('2024')
  })

  it('link newest first and undated last', () => {
    expect(orderBuckets(['2023', 'undated', '2025', '2024'])).toEqual([
      '2025',
      '2024',
      '2023',
      'undated',
    ])
  })
})

describe('the archive period of a feed', () => {
  it('is the longest whose archives hold about ARCHIVE_ITEMS items at most', () => {
    expect(ARCHIVE_ITEMS).toBe(30)
    expect(periodFor(steady(2), undefined)).toBe('year')
    expect(periodFor(steady(6), undefined)).toBe('quarter')
    expect(periodFor(steady(40), undefined)).toBe('month')
  })

  it('averages over the months from the first dated one to the last, gaps included', () => {
    const sparse = new Map([
      ['2010-01', 30],
      ['2013-12', 30],
    ])
    expect(periodFor(sparse, undefined)).toBe('year')
  })

  it('stays as it is near a boundary, so addresses do not flip as a feed grows', () => {
    // 3 a month: quarters fit (9), a year would hold 36; but yearly archives of 36 are not too full.
    expect(periodFor(steady(3), undefined)).toBe('quarter')
    expect(periodFor(steady(3), 'year')).toBe('year')
    // A year of 6 a month holds 72, more than twice the aim: it changes.
    expect(periodFor(steady(6), 'year')).toBe('quarter')
    // Monthly archives of 6 stay; of 1 a month a quarter would hold 3, a thin archive: it changes.
    expect(periodFor(steady(6), 'month')).toBe('month')
    expect(periodFor(steady(1), 'month')).toBe('year')
  })

  it('keeps its period while the feed has no dated item', () => {
    expect(periodFor(new Map([['undated', 12]]), 'year')).toBe('year')
    expect(periodFor(new Map(), undefined)).toBe('month')
  })
})
