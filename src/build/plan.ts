/**
 * Pure planning of an incremental build: where an item sits in the feeds, which documents a
 * change of items touches, and, per feed, the new subscription window and the archive documents
 * to render or remove. No I/O: the orchestrator reads the store and applies the plan.
 */

import type { Place } from '../feeds'
import { type ArchivePeriod, archiveOf, bucketOf, orderBuckets } from '../feeds/archives'
import { feedDateOf, weightOf, windowSize } from '../feeds/select'
import type { Item } from '../model'
import { EXTRACTION_VERSION } from '../pipeline'
import { digest } from '../pipeline/fingerprint'
import { ALL, type ItemRow, SUBSCRIPTION } from '../store/derived'
import type { BuildConfig } from './job'

/** Where an item sits: its feed date, archive bucket, weight against the byte cap, topics. */
export function itemRow(item: Item): ItemRow {
  return {
    id: item.id,
    sortDate: feedDateOf(item) ?? '',
    bucket: bucketOf(item),
    weight: weightOf(item),
    topics: item.topics,
  }
}

export type Touch = { feed: string; bucket: string }

/**
 * Whether two versions of an item read the same in every prebuilt document: the pages that
 * carried it (`sources`) are shown only by its own page, made on request. A teaser found on
 * one more page changes its item's sources, and then no feed needs writing again.
 */
export function sameInFeeds(before: Item, after: Item): boolean {
  const { sources: _before, ...a } = before
  const { sources: _after, ...b } = after
  return JSON.stringify(a) === JSON.stringify(b)
}

/**
 * The documents an item change touches: in every feed it was or is in, the subscription
 * document (settled later, which may move other items between window and archive) and the
 * archive of its bucket, before and after.
 */
export function touched(before: ItemRow | null, after: ItemRow | null): Touch[] {
  const out = new Map<string, Touch>()
  for (const row of [before, after]) {
    if (!row) continue
    for (const feed of [ALL, ...row.topics]) {
      out.set(`${feed}\n`, { feed, bucket: SUBSCRIPTION })
      out.set(`${feed}\n${row.bucket}`, { feed, bucket: row.bucket })
    }
  }
  return [...out.values()]
}

/**
 * What a feed looked like when last settled: its window (id and month), its archives and their
 * period (none in a store made before periods: its archives are monthly, and its next settle
 * picks the period that fits).
 */
export type FeedWindow = {
  window: Array<[id: string, bucket: string]>
  buckets: string[]
  period?: ArchivePeriod
}

/** The buckets an archive document links to as prev-archive (older) and next-archive (newer). */
export function neighbours(
  buckets: readonly string[],
  bucket: string
): { prev: string | null; next: string | null } {
  const i = buckets.indexOf(bucket)
  return i === -1
    ? { prev: null, next: null }
    : { prev: buckets[i + 1] ?? null, next: buckets[i - 1] ?? null }
}

/**
 * Settles one feed after its items changed: the new window from the newest items, the archives
 * (of `period`, holding months with items beyond the window), the archives to render (touched,
 * new, gaining or losing an item across the window's edge, or with a new neighbour) and those
 * to remove. `counts` and `touchedBuckets` are by month (touched marks may name archives too).
 */
export function settle(
  before: FeedWindow | null,
  head: ReadonlyArray<{ id: string; bucket: string; weight: number }>,
  counts: ReadonlyMap<string, number>,
  limits: { limit: number; maxBytes: number },
  touchedBuckets: ReadonlySet<string>,
  period: ArchivePeriod
): { after: FeedWindow; render: string[]; remove: string[] } {
  const archive = (month: string) => archiveOf(period, month)
  const cut = windowSize(
    head.map((h) => h.weight),
    limits.limit,
    limits.maxBytes
  )
  const window = head.slice(0, cut).map((h): [string, string] => [h.id, h.bucket])
  const beyond = new Map<string, number>()
  for (const [month, n] of counts) beyond.set(archive(month), (beyond.get(archive(month)) ?? 0) + n)
  for (const [, month] of window) beyond.set(archive(month), (beyond.get(archive(month)) ?? 0) - 1)
  const buckets = orderBuckets([...beyond].filter(([, n]) => n > 0).map(([b]) => b))
  const oldIds = new Map(before?.window ?? [])
  const newIds = new Map(window)
  const crossed = new Set<string>()
  for (const [id, month] of oldIds) if (!newIds.has(id)) crossed.add(archive(month))
  for (const [id, month] of newIds) if (!oldIds.has(id)) crossed.add(archive(month))
  const touchedArchives = new Set([...touchedBuckets].map(archive))
  const oldBuckets = before?.buckets ?? []
  const oldSet = new Set(oldBuckets)
  const render = buckets.filter((b) => {
    if (touchedArchives.has(b) || crossed.has(b) || !oldSet.has(b)) return true
    const now = neighbours(buckets, b)
    const then = neighbours(oldBuckets, b)
    return now.prev !== then.prev || now.next !== then.next
  })
  const kept = new Set(buckets)
  const remove = oldBuckets.filter((b) => !kept.has(b))
  return { after: { window, buckets, period }, render, remove }
}

/** Digests of what shapes each step: a change re-extracts, reclassifies or re-renders all. */
export type Settings = { extract: string; topics: string; render: string }

export function settingsOf(config: BuildConfig, place: Place): Settings {
  return {
    extract: digest(JSON.stringify([EXTRACTION_VERSION, config.pipeline.boilerplate])),
    topics: digest(JSON.stringify(config.topics)),
    render: digest(JSON.stringify([config.site, config.topics, place])),
  }
}
