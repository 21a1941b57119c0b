/**
 * Segmentation: one page's blocks into items. A page holds a run of teasers (each one or more
 * paragraphs, often after a date line) and then, usually, one main article: its title, the same
 * title again with the date (or a lone date line, or nothing), then the body.
 */
import type { DateSource, ItemKind } from '../model'
import type { Block } from './blocks'
import type { BoilerplateMatcher } from './boilerplate'
import { openingDate, type RunShape, runShape, scoreBoundary } from './boundaries'
import { isTruncatedDate, parseDateLine, splitTitleDate } from './dates'
import { detectLang } from './language'
import { isLearnedLine, NO_NAVIGATION } from './navigation'
import { isHeadingLike, isTitleLike } from './titles'
import { textKey } from './tokens'

export type Segment = {
  kind: ItemKind
  title: string | null
  /** The title in the other language, when the page gives one on its own line. */
  altTitle: string | null
  published: string | null
  dateSource: DateSource
  paragraphs: string[]
}

export type SegmentedPage = {
  segments: Segment[]
  /** Boilerplate lines left out. */
  dropped: string[]
  /** Lines of navigation learned across pages, left out. */
  navigation: string[]
  /** Section headings left out of the teaser run. */
  headings: string[]
  /** Every paragraph boundary the model decided. */
  decisions: Decision[]
}

type Header = {
  titleIndex: number
  title: string
  altTitle: string | null
  date: string | null
  dateSource: DateSource
  bodyStart: number
}

/** In a real article body title-like lines are rare; in a listing of title + summary they are most. */
const LISTING_TITLE_SHARE = 0.25

/**
 * Drops boilerplate blocks, configured and learned (`navigation.ts`), and truncated dates; the
 * blank-line gap before a dropped block carries to the next one.
 */
function dropBoilerplate(
  blocks: readonly Block[],
  isBoilerplate: BoilerplateMatcher,
  learned: ReadonlySet<string>
) {
  const kept: Block[] = []
  const dropped: string[] = []
  const navigation: string[] = []
  let carriedGap = 0
  for (const block of blocks) {
    const isLearned = isLearnedLine(learned, block.text)
    if (isLearned || isBoilerplate(block.text) || isTruncatedDate(block.text)) {
      ;(isLearned ? navigation : dropped).push(block.text)
      carriedGap = Math.max(carriedGap, block.gapBefore)
      continue
    }
    kept.push({ text: block.text, gapBefore: Math.max(block.gapBefore, carriedGap) })
    carriedGap = 0
  }
  return { kept, dropped, navigation }
}

/** An optional line in the other language right after the title (a Russian title line). */
function altTitleAt(blocks: readonly Block[], titleIndex: number): number | null {
  const title = blocks[titleIndex]?.text ?? ''
  const next = blocks[titleIndex + 1]?.text
  if (next === undefined || !isTitleLike(next)) return null
  const a = detectLang(title)
  const b = detectLang(next)
  return a !== b && a !== 'und' && b !== 'und' ? titleIndex + 1 : null
}

/** `Title` then `Title 03.06.2024` (or the title repeated without a date). */
function repeatedTitleHeader(blocks: readonly Block[]): Header | null {
  for (let i = 0; i < blocks.length - 1; i++) {
    const title = blocks[i]?.text ?? ''
    if (!isTitleLike(title)) continue
    const alt = altTitleAt(blocks, i)
    const j = (alt ?? i) + 1
    const repeat = blocks[j]?.text ?? ''
    const split = splitTitleDate(repeat)
    const altTitle = alt === null ? null : (blocks[alt]?.text ?? null)
    if (split && textKey(split.title) === textKey(title)) {
      return {
        titleIndex: i,
        title,
        altTitle,
        date: split.date,
        dateSource: 'article-title',
        bodyStart: j + 1,
      }
    }
    if (textKey(repeat) === textKey(title)) {
      const date = parseDateLine(blocks[j + 1]?.text ?? '')
      if (date)
        return {
          titleIndex: i,
          title,
          altTitle,
          date,
          dateSource: 'article-date-line',
          bodyStart: j + 2,
        }
      return { titleIndex: i, title, altTitle, date: null, dateSource: 'none', bodyStart: j + 1 }
    }
  }
  return null
}

/**
 * `Title` then a lone date line, then the body, with an optional Russian title line between.
 * Only when the page shows the shape once: a page where it repeats is a listing of dated titles,
 * each a teaser.
 */
function titleDateLineHeader(blocks: readonly Block[]): Header | null {
  const found: Header[] = []
  for (let i = 0; i < blocks.length - 2; i++) {
    const title = blocks[i]?.text ?? ''
    if (!isTitleLike(title) || parseDateLine(blocks[i - 1]?.text ?? '')) continue
    const alt = altTitleAt(blocks, i)
    const j = (alt ?? i) + 1
    const date = parseDateLine(blocks[j]?.text ?? '')
    if (!date || blocks[j + 1] === undefined || parseDateLine(blocks[j + 1]?.text ?? '')) continue
    // A section's name over dated teasers (`News of the Secretariat`, a date, a teaser, a date…),
    // or over the one teaser of a sub-site page (`News of the Council`, a date, a teaser): the
    // headlines of these sites name an actor and an event, in more than four words.
    if (isHeadingLike(title)) continue
    // The Russian title line is itself a title before that date: the same header read again,
    // not a second one.
    if (found.at(-1)?.bodyStart === j + 1) continue
    const altTitle = alt === null ? null : (blocks[alt]?.text ?? null)
    found.push({
      titleIndex: i,
      title,
      altTitle,
      date,
      dateSource: 'article-date-line',
      bodyStart: j + 1,
    })
  }
  return found.length === 1 ? (found[0] ?? null) : null
}

/**
 * A page whose article has no date: the first title-like line that is not a dated teaser's
 * title, with no date line after it, and followed by a body that is not itself a listing.
 */
function undatedTitleHeader(blocks: readonly Block[]): Header | null {
  for (let i = 0; i < blocks.length - 1; i++) {
    const title = blocks[i]?.text ?? ''
    if (!isTitleLike(title) || parseDateLine(blocks[i - 1]?.text ?? '')) continue
    const rest = blocks.slice(i + 1)
    if (rest.some((b) => parseDateLine(b.text))) return null
    const titles = rest.filter((b) => isTitleLike(b.text)).length
    if (titles >= 2 && titles / rest.length >= LISTING_TITLE_SHARE) return null
    const alt = altTitleAt(blocks, i)
    const altTitle = alt === null ? null : (blocks[alt]?.text ?? null)
    return {
      titleIndex: i,
      title,
      altTitle,
      date: null,
      dateSource: 'none',
      bodyStart: (alt ?? i) + 1,
    }
  }
  return null
}

/** A teaser being built: its date line's date, its paragraphs, the day it is about. */
type Group = { date: string | null; blocks: Block[]; day: string | null }

/** A boundary the model decided, with its score: the page's confidence is its closest call. */
export type Decision = { text: string; score: number; fired: string[] }

/**
 * Splits the teaser run into teasers. A date line always starts one (a date right after a lone
 * title belongs to that title, unless the title is a section heading); a paragraph after a lone
 * title is that title's summary; elsewhere the boundary model decides.
 */
function splitTeasers(blocks: readonly Block[]): { groups: Group[]; decisions: Decision[] } {
  const run: RunShape = runShape(blocks)
  const groups: Group[] = []
  const decisions: Decision[] = []
  const isLoneTitle = (g: Group | undefined) =>
    g !== undefined && g.blocks.length === 1 && isTitleLike(g.blocks[0]?.text ?? '')
  for (const block of blocks) {
    const current = groups.at(-1)
    const date = parseDateLine(block.text)
    if (date) {
      const title = current?.blocks[0]?.text ?? ''
      if (current?.date === null && isLoneTitle(current) && !isHeadingLike(title)) {
        current.date = date
        current.day = date
      } else groups.push({ date, blocks: [], day: date })
      continue
    }
    // Read only where needed: most paragraphs follow their date line.
    const dayOpened = () => openingDate(block.text, current?.date ?? null)?.day ?? null
    if (current === undefined) {
      groups.push({ date: null, blocks: [block], day: dayOpened() })
      continue
    }
    const previous = current.blocks.at(-1)
    // The paragraph after a date line, or after a lone title, is that teaser's own.
    if (previous === undefined || isLoneTitle(current)) {
      current.blocks.push(block)
      current.day ??= dayOpened()
      continue
    }
    const opening = openingDate(block.text, current.date)
    const { score, fired } = scoreBoundary({ previous, block, opening, day: current.day, run })
    decisions.push({ text: block.text, score, fired })
    if (score > 0) groups.push({ date: null, blocks: [block], day: opening?.day ?? null })
    else current.blocks.push(block)
  }
  return { groups: groups.filter((g) => g.blocks.length > 0), decisions }
}

/** An undated teaser of one short line is the name of a section, not news. */
const isHeading = (g: Group) =>
  g.date === null && g.blocks.length === 1 && isHeadingLike(g.blocks[0]?.text ?? '')

function toTeaser(group: Group): Segment {
  const texts = group.blocks.map((b) => b.text)
  const first = texts[0] ?? ''
  const titled = texts.length > 1 && isTitleLike(first)
  return {
    kind: 'teaser',
    title: titled ? first : null,
    altTitle: null,
    published: group.date,
    dateSource: group.date ? 'teaser-date-line' : 'none',
    paragraphs: titled ? texts.slice(1) : texts,
  }
}

/** Segments one page: its teasers in page order, then its main article when it has one. */
export function segmentPage(
  blocks: readonly Block[],
  isBoilerplate: BoilerplateMatcher,
  learned: ReadonlySet<string> = NO_NAVIGATION
): SegmentedPage {
  const { kept, dropped, navigation } = dropBoilerplate(blocks, isBoilerplate, learned)
  const header = repeatedTitleHeader(kept) ?? titleDateLineHeader(kept) ?? undatedTitleHeader(kept)
  const titleIndex = header?.titleIndex ?? kept.length
  const { groups, decisions } = splitTeasers(kept.slice(0, titleIndex))
  const headings = groups.filter(isHeading).map((g) => g.blocks[0]?.text ?? '')
  const teasers = groups.filter((g) => !isHeading(g)).map(toTeaser)
  const page = { dropped, navigation, headings, decisions }
  if (!header) return { segments: teasers, ...page }
  const article: Segment = {
    kind: 'article',
    title: header.title,
    altTitle: header.altTitle,
    published: header.date,
    dateSource: header.dateSource,
    paragraphs: kept.slice(header.bodyStart).map((b) => b.text),
  }
  return { segments: [...teasers, article], ...page }
}
