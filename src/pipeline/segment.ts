/**
 * Segmentation: one page's blocks into items. A page holds a run of teasers (each one or more
 * paragraphs, often after a date line) and then, usually, one main article: its title, the same
 * title again with the date (or a lone date line, or nothing), then the body.
 */
import type { DateSource, ItemKind } from '../model'
import type { Block } from './blocks'
import type { BoilerplateMatcher } from './boilerplate'
import { isTruncatedDate, parseDateLine, splitTitleDate } from './dates'
import { detectLang } from './language'
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

export type SegmentedPage = { segments: Segment[]; dropped: string[] }

type Header = {
  titleIndex: number
  title: string
  altTitle: string | null
  date: string | null
  dateSource: DateSource
  bodyStart: number
}

const TITLE_MAX_CHARS = 250
const TITLE_MAX_WORDS = 40
/** Titles start like a sentence; body lines such as "of the Council of …" do not. */
const TITLE_START = /^[\p{Lu}\p{N}"«“„'(]/u
/** A line ending like this is prose, a salutation or a list item, not a title. */
const PROSE_END = /[.,;:!]$/
const DATE_END = /\d{1,2}[./]\d{1,2}[./]\d{2,4}(?:\s+\d{1,2}:\d{2})?$/
/** In a real article body title-like lines are rare; in a listing of title + summary they are most. */
const LISTING_TITLE_SHARE = 0.25

/** Whether a line reads as a title: short, starts like a sentence, no closing punctuation. */
export function isTitleLike(text: string): boolean {
  return (
    text.length >= 10 &&
    text.length <= TITLE_MAX_CHARS &&
    text.split(' ').length <= TITLE_MAX_WORDS &&
    TITLE_START.test(text) &&
    !PROSE_END.test(text) &&
    // A line ending in a date is a date line, a caption or a download line, never a bare title.
    !DATE_END.test(text) &&
    parseDateLine(text) === null
  )
}

/** Drops boilerplate blocks; the blank-line gap before a dropped block carries to the next one. */
function dropBoilerplate(blocks: readonly Block[], isBoilerplate: BoilerplateMatcher) {
  const kept: Block[] = []
  const dropped: string[] = []
  let carriedGap = 0
  for (const block of blocks) {
    if (isBoilerplate(block.text) || isTruncatedDate(block.text)) {
      dropped.push(block.text)
      carriedGap = Math.max(carriedGap, block.gapBefore)
      continue
    }
    kept.push({ text: block.text, gapBefore: Math.max(block.gapBefore, carriedGap) })
    carriedGap = 0
  }
  return { kept, dropped }
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

type Group = { date: string | null; blocks: Block[] }

/**
 * Whether the run separates its teasers by more than one blank line: by gaps of two or more
 * (before a date line too: on a page where every teaser is dated those are its only large gaps)
 * or by date lines. Then one blank line separates paragraphs of one teaser; a page with no such
 * separator shows nothing to tell a teaser's second paragraph from the next teaser.
 */
function hasTeaserSeparator(blocks: readonly Block[]): boolean {
  return blocks.some((b, i) => (i > 0 && b.gapBefore >= 2) || parseDateLine(b.text) !== null)
}

/**
 * Splits the teaser run into teasers. A date line always starts one (a date right after a lone
 * title belongs to that title). Where the run separates teasers by large gaps or date lines,
 * gaps of two or more blank lines separate teasers and single gaps separate paragraphs; where it
 * has neither, every paragraph is a teaser. A title-like line after text starts a new teaser
 * (listings of title + summary).
 */
function splitTeasers(blocks: readonly Block[]): Group[] {
  const byGaps = hasTeaserSeparator(blocks)
  const groups: Group[] = []
  const isLoneTitle = (g: Group | undefined) =>
    g !== undefined && g.blocks.length === 1 && isTitleLike(g.blocks[0]?.text ?? '')
  for (const block of blocks) {
    const current = groups.at(-1)
    const date = parseDateLine(block.text)
    if (date) {
      if (current && current.date === null && isLoneTitle(current)) current.date = date
      else groups.push({ date, blocks: [] })
      continue
    }
    const hasText = current !== undefined && current.blocks.length > 0
    const startsNew =
      current === undefined ||
      (hasText &&
        !isLoneTitle(current) &&
        (!byGaps || block.gapBefore >= 2 || isTitleLike(block.text)))
    if (startsNew) groups.push({ date: null, blocks: [block] })
    else current.blocks.push(block)
  }
  return groups.filter((g) => g.blocks.length > 0)
}

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
  isBoilerplate: BoilerplateMatcher
): SegmentedPage {
  const { kept, dropped } = dropBoilerplate(blocks, isBoilerplate)
  const header = repeatedTitleHeader(kept) ?? titleDateLineHeader(kept) ?? undatedTitleHeader(kept)
  const titleIndex = header?.titleIndex ?? kept.length
  const teasers = splitTeasers(kept.slice(0, titleIndex)).map(toTeaser)
  if (!header) return { segments: teasers, dropped }
  const article: Segment = {
    kind: 'article',
    title: header.title,
    altTitle: header.altTitle,
    published: header.date,
    dateSource: header.dateSource,
    paragraphs: kept.slice(header.bodyStart).map((b) => b.text),
  }
  return { segments: [...teasers, article], dropped }
}
