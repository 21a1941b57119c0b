/**
 * Dates of two kinds. A publication date comes only from a page's date lines; an event date
 * comes from the prose of an item's title and lead. Both are `YYYY-MM-DD` strings.
 *
 * Day-first (`03.06.2024` is 3 June) is parsed by our own rules: `new Date('03.06.2024')` is
 * 6 March, and general date parsers read it month-first too (chrono-node does, unless told the
 * text is British English).
 */

export type DateRange = { start: string; end: string | null }

/**
 * The month words of the site's dates, English and Russian (nominative and genitive), January
 * first: one table, which both finds a month word in a text (MONTH_WORD) and reads its number.
 */
const MONTHS: readonly string[] = [
  'jan(?:uary)?|январ[ья]',
  'feb(?:ruary)?|феврал[ья]',
  'mar(?:ch)?|марта?',
  'apr(?:il)?|апрел[ья]',
  'may|ма[йя]',
  'june?|июн[ья]',
  'july?|июл[ья]',
  'aug(?:ust)?|августа?',
  'sep(?:tember|t)?|сентябр[ья]',
  'oct(?:ober)?|октябр[ья]',
  'nov(?:ember)?|ноябр[ья]',
  'dec(?:ember)?|декабр[ья]',
]
const MONTH_WORD = `(?:${MONTHS.join('|')})`
const MONTH_RES = MONTHS.map((month) => new RegExp(`^(?:${month})$`))
const YEAR_WORD = '(?:19|20)\\d\\d'
/** "года", "г." after a year: Russian, and found as a stray word in English datelines too. */
const YEAR_TAIL = '(?:\\s+(?:года|год|г\\.?))?'

const DAY_FIRST_LINE = /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$/
/** `MM/DD/YYYY hh:mm` timestamps of some sub-sites are month-first. */
const MONTH_FIRST_LINE =
  /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:,?\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AP]M)?)?$/i
const ISO_LINE = /^(\d{4})-(\d{2})-(\d{2})$/
const LONG_DAY_MONTH_LINE = new RegExp(
  `^(\\d{1,2})\\s+(${MONTH_WORD})\\.?,?\\s+(${YEAR_WORD})${YEAR_TAIL}$`,
  'iu'
)
const LONG_MONTH_DAY_LINE = new RegExp(
  `^(${MONTH_WORD})\\.?\\s+(\\d{1,2}),?\\s+(${YEAR_WORD})${YEAR_TAIL}$`,
  'iu'
)
/** `Title 03.06.2024`: the repeated title of an article followed by its date. */
const TITLE_DATE_SUFFIX = /^(.*\S)\s+(\d{1,2}\.\d{1,2}\.\d{4})$/
/**
 * A date line at the start of a line glued to the text after it: `03.12.2024On 3 December`, or
 * to the same date written out, as Russian pages open: `20.11.202020 ноября 2020 года`.
 */
const GLUED_DATE = /^(\d{1,2}\.\d{1,2}\.\d{4})(?=[\p{L}"«“(]|\d{1,2}\s+\p{L})/u
/**
 * A date sharing its line with a download link (`10.06.2022 Download document 9f3c….docx`):
 * the date is the page's, the link is no text.
 */
const DOWNLOAD_LINE = /^(\d{1,2}\.\d{1,2}\.\d{4})\s+(?:Download|Скачать)(?:\s|$)/iu
/** What is left of a date line on a page cut short: `16.01.20`, `16.01.`, `16.0`. */
const TRUNCATED_DATE = /^\d{1,2}\.(?:\d{1,2}(?:\.\d{0,3})?)?$/

/** Month number of an English or Russian month word, or 0. */
function monthOf(word: string): number {
  const w = word.toLowerCase().replace(/\.$/, '')
  return MONTH_RES.findIndex((re) => re.test(w)) + 1
}

/** `YYYY-MM-DD` when the parts are a real calendar date in a plausible range, else null. */
export function toIsoDate(year: number, month: number, day: number): string | null {
  if (year < 1990 || year > 2100 || month < 1 || month > 12 || day < 1) return null
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate()
  if (day > daysInMonth) return null
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

/** The date of a line that holds nothing but a date, in any of the site's forms; else null. */
export function parseDateLine(line: string): string | null {
  const text = line.trim()
  let m = DAY_FIRST_LINE.exec(text)
  if (m) return toIsoDate(Number(m[3]), Number(m[2]), Number(m[1]))
  m = MONTH_FIRST_LINE.exec(text)
  if (m) return toIsoDate(Number(m[3]), Number(m[1]), Number(m[2]))
  m = ISO_LINE.exec(text)
  if (m) return toIsoDate(Number(m[1]), Number(m[2]), Number(m[3]))
  m = LONG_DAY_MONTH_LINE.exec(text)
  if (m) return toIsoDate(Number(m[3]), monthOf(m[2] ?? ''), Number(m[1]))
  m = LONG_MONTH_DAY_LINE.exec(text)
  if (m) return toIsoDate(Number(m[3]), monthOf(m[1] ?? ''), Number(m[2]))
  return null
}

/** Splits `Title 03.06.2024` into the title and its date; null when the line has no such suffix. */
export function splitTitleDate(line: string): { title: string; date: string } | null {
  const m = TITLE_DATE_SUFFIX.exec(line)
  if (!m) return null
  const date = parseDateLine(m[2] ?? '')
  return date ? { title: m[1] ?? '', date } : null
}

/** Splits a date glued to the text after it into the date and the text; null when not glued. */
export function splitGluedDate(line: string): [string, string] | null {
  const m = GLUED_DATE.exec(line)
  if (!m || !parseDateLine(m[1] ?? '')) return null
  return [m[1] ?? '', line.slice(m[0].length)]
}

/** The date of a download line, and the link it carries; null for any other line. */
export function splitDownloadLine(line: string): { date: string; link: string } | null {
  const m = DOWNLOAD_LINE.exec(line)
  if (!m || !parseDateLine(m[1] ?? '')) return null
  return { date: m[1] ?? '', link: line.slice((m[1] ?? '').length).trim() }
}

export function isTruncatedDate(line: string): boolean {
  return TRUNCATED_DATE.test(line.trim())
}

// Event dates in prose. Each pattern yields day, month, optional end day/month, optional year.
type Found = {
  index: number
  length: number
  d1: number
  m1: number
  d2?: number
  m2?: number
  year?: number
}

const D = '(\\d{1,2})'
const M = `(${MONTH_WORD})\\.?`
const Y = `(?:,?\\s+(${YEAR_WORD})${YEAR_TAIL})?`
const DASH = '\\s*(?:-|–|—|to|till|until|and|по|до|и)\\s*'
const PROSE_PATTERNS: ReadonlyArray<
  readonly [RegExp, (m: RegExpExecArray) => Omit<Found, 'index' | 'length'>]
> = [
  // 17 June to 2 July 2024 / 30 December 2024 to 2 January 2025 / с 30 мая по 2 июня 2024 года
  [
    new RegExp(`(?<![\\p{L}\\p{N}])${D}\\s+${M}${Y}${DASH}${D}\\s+${M}${Y}`, 'giu'),
    (m) => ({
      d1: +(m[1] ?? 0),
      m1: monthOf(m[2] ?? ''),
      d2: +(m[4] ?? 0),
      m2: monthOf(m[5] ?? ''),
      year: yearOf(m[6] ?? m[3]),
    }),
  ],
  // 17 to 28 June 2024 / 3-5 June / с 17 по 28 июня 2024 года
  [
    new RegExp(`(?<![\\p{L}\\p{N}.])${D}${DASH}${D}\\s+${M}${Y}`, 'giu'),
    (m) => ({
      d1: +(m[1] ?? 0),
      m1: monthOf(m[3] ?? ''),
      d2: +(m[2] ?? 0),
      m2: monthOf(m[3] ?? ''),
      year: yearOf(m[4]),
    }),
  ],
  // 25 July 2024 / 2 сентября 2020 года
  [
    new RegExp(`(?<![\\p{L}\\p{N}.])${D}\\s+${M}${Y}(?![\\p{L}])`, 'giu'),
    (m) => ({ d1: +(m[1] ?? 0), m1: monthOf(m[2] ?? ''), year: yearOf(m[3]) }),
  ],
  // June 17-28, 2024 / June 20, 2019 / June 30
  [
    new RegExp(`(?<![\\p{L}])${M}\\s+${D}(?:${DASH}${D})?(?![\\p{N}])${Y}`, 'giu'),
    (m) => ({
      d1: +(m[2] ?? 0),
      m1: monthOf(m[1] ?? ''),
      d2: m[3] ? +m[3] : undefined,
      m2: m[3] ? monthOf(m[1] ?? '') : undefined,
      year: yearOf(m[4]),
    }),
  ],
  // 03.06.2024 in prose
  [
    /(?<![\d.])(\d{1,2})\.(\d{1,2})\.((?:19|20)\d\d)(?![\d])/g,
    (m) => ({ d1: +(m[1] ?? 0), m1: +(m[2] ?? 0), year: +(m[3] ?? 0) }),
  ],
]
const YEAR_IN_TEXT = new RegExp(`(?<![\\p{N}])(${YEAR_WORD})(?![\\p{N}])`, 'u')

function yearOf(s: string | undefined): number | undefined {
  return s ? Number(s) : undefined
}

/** The earliest date expression in the text (the longest one where two start together). */
function firstDateExpression(text: string): Found | null {
  let best: Found | null = null
  for (const [re, read] of PROSE_PATTERNS) {
    re.lastIndex = 0
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const found = { index: m.index, length: m[0].length, ...read(m) }
      if (found.m1 === 0 || (found.d2 !== undefined && found.m2 === 0)) continue
      if (
        !best ||
        found.index < best.index ||
        (found.index === best.index && found.length > best.length)
      )
        best = found
      break
    }
  }
  return best
}

/**
 * The year for a date written without one: from the publication date (the year that puts the
 * event nearest to it), else from a year written elsewhere in the item, else none.
 */
function resolveYear(
  month: number,
  day: number,
  published: string | null,
  context: string
): number | null {
  if (published) {
    const pubYear = Number(published.slice(0, 4))
    const pubTime = Date.parse(published)
    const distance = (y: number) => Math.abs(Date.UTC(y, month - 1, day) - pubTime)
    return [pubYear - 1, pubYear, pubYear + 1].reduce((a, b) => (distance(b) < distance(a) ? b : a))
  }
  const m = YEAR_IN_TEXT.exec(context)
  return m ? Number(m[1]) : null
}

/**
 * The event date of an item: the first date written in its title or lead. A range gives its
 * start and end. A missing year comes from the publication date or another year in the item;
 * when there is none, there is no event date.
 */
export function findEventDate(
  lead: string,
  published: string | null,
  context: string
): DateRange | null {
  const found = firstDateExpression(lead)
  return found ? rangeOf(found, published, context) : null
}

/**
 * The first date a text writes: where it starts, and the day it names (null when its year
 * cannot be known from the text or the publication date).
 */
export function firstDate(
  text: string,
  published: string | null
): { index: number; start: string | null } | null {
  const found = firstDateExpression(text)
  return found
    ? { index: found.index, start: rangeOf(found, published, text)?.start ?? null }
    : null
}

function rangeOf(found: Found, published: string | null, context: string): DateRange | null {
  const year = found.year ?? resolveYear(found.m1, found.d1, published, context)
  if (year === null) return null
  // A range over New Year: a written year belongs to the end, a resolved one to the start.
  const crossesYear = found.m2 !== undefined && found.m2 < found.m1
  const startYear = crossesYear && found.year !== undefined ? year - 1 : year
  const start = toIsoDate(startYear, found.m1, found.d1)
  if (!start) return null
  if (found.d2 === undefined || found.m2 === undefined) return { start, end: null }
  const end = toIsoDate(crossesYear ? startYear + 1 : startYear, found.m2, found.d2)
  return { start, end: end && end > start ? end : null }
}
