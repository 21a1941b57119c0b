/**
 * Which archive document (RFC 5005) holds an item of a feed: items are filed by month
 * (`2024-06`, or `undated`), and each feed groups its months into archives of a period chosen
 * for its density: a year (`2024`), a quarter (`2024-Q2`) or a month (`2024-06`). A sparse topic
 * would otherwise have hundreds of archives of one or two items each, which a reader walks one
 * request at a time and a build writes one document at a time; a dense feed keeps archives small
 * enough to render again when one of their items changes.
 */

import type { Item } from '../model'
import { feedDateOf } from './select'

export type ArchivePeriod = 'year' | 'quarter' | 'month'

export const UNDATED = 'undated'

/** Items an archive document is meant to hold on average: the period is the longest that keeps to it. */
export const ARCHIVE_ITEMS = 30

const MONTHS_IN: Record<ArchivePeriod, number> = { year: 12, quarter: 3, month: 1 }
const LONGEST_FIRST: ArchivePeriod[] = ['year', 'quarter', 'month']

/** The month an item is filed in: that of its feed date, or `undated`. */
export function bucketOf(item: Item): string {
  return feedDateOf(item)?.slice(0, 7) ?? UNDATED
}

/** Archives in link order: newest first, undated last. */
export function orderBuckets(buckets: Iterable<string>): string[] {
  return [...buckets].sort((a, b) => (a === UNDATED ? 1 : b === UNDATED ? -1 : b.localeCompare(a)))
}

const pad = (n: number) => String(n).padStart(2, '0')

/**
 * The months an archive holds, first and last (`2024-Q2`: `2024-04`, `2024-06`); a month
 * holds itself, and `undated` is its own.
 */
export function monthsOf(archive: string): [first: string, last: string] {
  if (archive === UNDATED) return [UNDATED, UNDATED]
  const year = archive.slice(0, 4)
  if (archive.length === 4) return [`${year}-01`, `${year}-12`]
  const quarter = /^\d{4}-Q([1-4])$/.exec(archive)?.[1]
  if (quarter) {
    const last = Number(quarter) * 3
    return [`${year}-${pad(last - 2)}`, `${year}-${pad(last)}`]
  }
  return [archive, archive]
}

/** The archive of `period` that holds a month (or the first month of another archive). */
export function archiveOf(period: ArchivePeriod, month: string): string {
  if (month === UNDATED) return UNDATED
  const [first] = monthsOf(month)
  const year = first.slice(0, 4)
  if (period === 'year') return year
  if (period === 'quarter') return `${year}-Q${Math.ceil(Number(first.slice(5, 7)) / 3)}`
  return first
}

/** The dated items a month of the feed holds on average, from its first dated month to its last. */
function perMonth(counts: ReadonlyMap<string, number>): number | null {
  const months = [...counts].filter(([m, n]) => m !== UNDATED && n > 0).map(([m]) => m)
  if (months.length === 0) return null
  const index = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7))
  const indices = months.map(index)
  const span = Math.max(...indices) - Math.min(...indices) + 1
  const dated = months.reduce((sum, m) => sum + (counts.get(m) ?? 0), 0)
  return dated / span
}

const fitting = (perMonthItems: number): ArchivePeriod =>
  LONGEST_FIRST.find((p) => perMonthItems * MONTHS_IN[p] <= ARCHIVE_ITEMS) ?? 'month'

/**
 * The archive period of a feed from its items per month: the longest whose archives hold at
 * most `ARCHIVE_ITEMS` on average. A feed keeps its current period until its archives hold
 * more than twice that, or a longer period's would hold at most half of it, so archive
 * addresses do not flip back and forth as a feed grows near a boundary. A change renders the
 * feed's archives again under their new addresses and removes the old ones.
 */
export function periodFor(
  counts: ReadonlyMap<string, number>,
  current: ArchivePeriod | undefined
): ArchivePeriod {
  const density = perMonth(counts)
  if (density === null) return current ?? 'month'
  const wanted = fitting(density)
  if (current === undefined) return wanted
  const tooFull = density * MONTHS_IN[current] > 2 * ARCHIVE_ITEMS
  const tooThin = LONGEST_FIRST.slice(0, LONGEST_FIRST.indexOf(current)).some(
    (longer) => density * MONTHS_IN[longer] <= ARCHIVE_ITEMS / 2
  )
  return tooFull || tooThin ? wanted : current
}

/** The listing an archive (`2024`, `2024-Q2`, `2024-06`, `undated`) is in: its year, or `undated`. */
export function shardOf(archive: string): string {
  return archive === UNDATED ? archive : archive.slice(0, 4)
}
