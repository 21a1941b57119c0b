/**
 * A synthetic corpus of a given number of pages for the worker bench, made the way
 * `pipeline.bench.ts` makes its 5 MB one (that file runs on import, so the idea is copied, not
 * imported): the teasers and articles of the real pages in `content/pages`, shuffled between
 * pages, with dates shifted, numbers and names changed, paragraphs shortened and whitespace and
 * line endings varied. Each story comes in a number of variants, each variant on several pages, so
 * merging has exact copies, near copies and look-alikes that must stay apart. Deterministic.
 */
import { contentPages } from '../src/cli/local-worker'
import { pipelineConfig } from '../src/content'
import type { RawDoc } from '../src/model'
import { extractPage } from '../src/pipeline'
import { compileBoilerplate } from '../src/pipeline/boilerplate'
import { mulberry32, type Random } from './random'

/** Variants of each story: variant 0 is the original, the others changed in names, numbers or length. */
const VARIANTS = 30
const SEED = 20240603

type Teaser = { date: string | null; title: string | null; paragraphs: string[] }
/** An article as the page shows it, from its title line to the end of the page. */
type Article = { raw: string }

const int = (random: Random, n: number) => Math.floor(random() * n)

function choose<T>(random: Random, list: readonly T[]): T {
  const item = list[int(random, list.length)]
  if (item === undefined) throw new Error('choose from an empty list')
  return item
}

function sample<T>(random: Random, list: readonly T[], count: number): T[] {
  const out = [...list]
  for (let i = out.length - 1; i > 0; i--) {
    const j = int(random, i + 1)
    ;[out[i], out[j]] = [out[j] as T, out[i] as T]
  }
  return out.slice(0, count)
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

function ddmmyyyy(iso: string): string {
  const [y, m, d] = iso.split('-')
  return `${d}.${m}.${y}`
}

function shiftDate(iso: string, days: number): string {
  return new Date(Date.parse(iso) + days * 86_400_000).toISOString().slice(0, 10)
}

/** The real pages, sorted by name. */
export function loadRealPages(): RawDoc[] {
  return contentPages()
}

/** The teasers and articles of the real pages, each once. */
function stories(pages: readonly RawDoc[]): { teasers: Teaser[]; articles: Article[] } {
  const isBoilerplate = compileBoilerplate(pipelineConfig.boilerplate)
  const teasers = new Map<string, Teaser>()
  const articles = new Map<string, Article>()
  for (const page of pages) {
    for (const item of extractPage(page, isBoilerplate).items) {
      if (item.kind === 'teaser') {
        const title = item.titleSource === 'page' ? item.title : null
        teasers.set(item.paragraphs.join('\n'), {
          date: item.published,
          title,
          paragraphs: item.paragraphs,
        })
        continue
      }
      const start = page.text.search(new RegExp(`^[ \\t]*${escapeRegExp(item.title)}`, 'm'))
      if (start >= 0) articles.set(item.title, { raw: page.text.slice(start) })
      // An article's lead is a teaser on other pages.
      const lead = item.paragraphs.find((p) => p.split(' ').length >= 20)
      if (lead) teasers.set(lead, { date: item.published, title: null, paragraphs: [lead] })
    }
  }
  return { teasers: [...teasers.values()], articles: [...articles.values()] }
}

const PEOPLE = [
  'Imangali Tasmagambetov',
  'Andrei Khrapov',
  'Sadyr Japarov',
  'Safar Umarzoda',
  'Vladimir Zainetdinov',
]
const OTHER_PEOPLE = [
  'Aliya Nurlanova',
  'Pavel Sidorenko',
  'Timur Abdullaev',
  'Olga Belskaya',
  'Ruslan Kadyrbekov',
  'Nina Grigoryan',
  'Bakhtiyor Rakhimov',
]
const PLACES = ['Cholpon-Ata', 'Minsk', 'Dushanbe', 'Yerevan', 'Astana', 'Bishkek', 'Moscow']

/** Another person, place: a look-alike story that must not merge with the original. */
function renamed(random: Random, text: string): string {
  let out = text
  for (const full of PEOPLE) {
    if (random() < 0.7) out = out.split(full).join(choose(random, OTHER_PEOPLE))
  }
  for (const place of PLACES) {
    if (random() < 0.3) out = out.split(place).join(choose(random, PLACES))
  }
  return out
}

/** Numbers changed (days, ordinals, counts), not the four-digit years of a date. */
function renumbered(random: Random, text: string): string {
  return text.replace(/(?<![\d.])\d{1,3}(?![\d.])/g, (n) =>
    random() < 0.5 ? String(Number(n) + 1 + int(random, 5)) : n
  )
}

/** The first sentences of a paragraph: a shorter copy, contained in the longer one. */
function shortened(random: Random, paragraph: string): string {
  const sentences = paragraph.split(/(?<=[.!?])\s+(?=\p{Lu})/u)
  if (sentences.length < 2) return paragraph
  return sentences.slice(0, 1 + int(random, sentences.length - 1)).join(' ')
}

/** A variant of a teaser: the same for the same (story, variant), on every page that shows it. */
function teaserVariant(story: Teaser, index: number, variant: number): Teaser {
  if (variant === 0) return story
  const random = mulberry32(SEED ^ (index * 7919) ^ (variant * 104729))
  let paragraphs = story.paragraphs
  if (random() < 0.4) paragraphs = paragraphs.map((p) => renamed(random, p))
  if (random() < 0.3) paragraphs = paragraphs.map((p) => renumbered(random, p))
  if (random() < 0.3) paragraphs = paragraphs.map((p, i) => (i === 0 ? shortened(random, p) : p))
  const base = story.date ?? '2024-06-03'
  const date = random() < 0.5 ? shiftDate(base, int(random, 3) - 1) : shiftDate(base, 30 * variant)
  const dated = story.date !== null || random() < 0.3
  return { date: dated ? date : null, title: story.title, paragraphs }
}

/** A variant of an article: names, numbers and its date changed in its raw text. */
function articleVariant(story: Article, index: number, variant: number): string {
  if (variant === 0) return story.raw
  const random = mulberry32(SEED ^ (index * 15485863) ^ (variant * 32452843))
  let raw = story.raw
  if (random() < 0.4) raw = renamed(random, raw)
  if (random() < 0.3) raw = renumbered(random, raw)
  const days = random() < 0.5 ? int(random, 3) - 1 : 30 * variant
  return raw.replace(/\b(\d{2})\.(\d{2})\.(\d{4})\b/g, (_, d: string, m: string, y: string) =>
    ddmmyyyy(shiftDate(`${y}-${m}-${d}`, days))
  )
}

/** Whitespace noise that changes no word: NBSP, tabs, trailing spaces, line endings. */
function noisy(random: Random, text: string): string {
  const lines = text.split('\n').map((line) => {
    let out = line
    if (random() < 0.05) out = out.replace(/ /, random() < 0.5 ? '\u00A0' : ' \t')
    if (random() < 0.1) out += random() < 0.5 ? ' ' : '\u00A0'
    return out
  })
  return lines.join(random() < 0.2 ? '\r\n' : '\n')
}

function renderTeaser(teaser: Teaser): string {
  const lines: string[] = []
  if (teaser.date) lines.push(ddmmyyyy(teaser.date), '')
  if (teaser.title) lines.push(teaser.title)
  lines.push(teaser.paragraphs.join('\n\n'))
  return lines.join('\n')
}

/** `count` distinct pages named `00000.txt`…, each 2-8 teasers and an article (85 %) or a footer. */
export function syntheticCorpus(pages: readonly RawDoc[], count: number): RawDoc[] {
  const { teasers, articles } = stories(pages)
  const random = mulberry32(SEED)
  const seen = new Set<string>()
  const docs: RawDoc[] = []
  while (docs.length < count) {
    const chosen = sample(
      random,
      teasers.map((_, i) => i),
      2 + int(random, 7)
    )
    const parts = chosen.map((i) =>
      renderTeaser(teaserVariant(teasers[i] as Teaser, i, int(random, VARIANTS)))
    )
    if (random() < 0.85) {
      const a = int(random, articles.length)
      parts.push(articleVariant(articles[a] as Article, a, int(random, VARIANTS)))
    } else {
      parts.push('Go back\n\nBack to the section\n\nBack to the all news')
    }
    const text = noisy(random, parts.join('\n\n\n'))
    if (seen.has(text)) continue
    seen.add(text)
    docs.push({ name: `${String(docs.length).padStart(5, '0')}.txt`, text })
  }
  return docs
}
