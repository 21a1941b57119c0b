/**
 * Site and topic configuration from `content/`, validated once into typed values. Everything
 * specific to one news site lives in those files; the code only interprets them.
 */
import {
  type Bilingual,
  GAZETTEER_KINDS,
  type Gazetteer,
  type GazetteerWeights,
  gazetteerTerms,
  STATE,
} from './gazetteer'
import type { BoilerplateRules } from './pipeline/boilerplate'
import { compileTerm } from './pipeline/lexicon'
import type { TopicRule } from './pipeline/topics'

export type SiteConfig = {
  name: string
  title: string
  description: string
  language: string
  sourceUrl: string
  /** Source time zone: a date without a time is noon there (feeds/time.ts). */
  timeZone: string
  /** RFC 4151 tagging entity of item and feed ids (`example.org,2026`): set once, never change. */
  tagAuthority: string
  author: { name: string; url: string }
  feeds: FeedLimits
  boilerplate: BoilerplateRules
}

export type FeedLimits = {
  /** Items in a subscription feed and the default `limit`. */
  limit: number
  /** The largest `limit` a request may ask for; larger values are clamped. */
  maxLimit: number
  /** About the largest subscription feed in bytes; older items go to archives. */
  maxBytes: number
  /** Polling hint: RSS `ttl` and Cache-Control max-age of feeds. */
  ttlMinutes: number
}

/**
 * An IPTC Media Topic (https://iptc.org/standards/media-topics/): its code within the vocabulary
 * (`20000096`, QCode `medtop:20000096`, URI `http://cv.iptc.org/newscodes/mediatopic/20000096`)
 * and its en-GB label in the release `topics.json` names.
 */
export type MediaTopic = { code: string; label: string }

/** A topic as the feeds and pages use it: its rule, and its IPTC Media Topics with their labels. */
export type Topic = TopicRule & { mediaTopics: MediaTopic[] }

export type TopicsConfig = { vocabulary: string; topics: Topic[] }

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/
/** A Media Topic QCode: the `medtop` alias and the eight-digit code. */
const MEDTOP_QCODE = /^medtop:(\d{8})$/

/** A configuration error names the file and the field, so the fix is obvious. */
export class ConfigError extends Error {
  override name = 'ConfigError'
}

type Json = Record<string, unknown>

function obj(value: unknown, where: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new ConfigError(`${where}: expected an object`)
  return value as Json
}

function str(o: Json, key: string, where: string): string {
  const v = o[key]
  if (typeof v !== 'string' || v.trim() === '')
    throw new ConfigError(`${where}.${key}: expected a non-empty string`)
  return v
}

function strings(o: Json, key: string, where: string): string[] {
  const v = o[key] ?? []
  if (!Array.isArray(v) || v.some((s) => typeof s !== 'string'))
    throw new ConfigError(`${where}.${key}: expected an array of strings`)
  return v as string[]
}

function weights(o: Json, key: string, where: string): Record<string, number> {
  const v = obj(o[key] ?? {}, `${where}.${key}`)
  for (const [term, w] of Object.entries(v)) {
    if (typeof w !== 'number' || !Number.isFinite(w))
      throw new ConfigError(`${where}.${key}["${term}"]: expected a number`)
  }
  return v as Record<string, number>
}

function positive(o: Json, key: string, where: string): number {
  const v = o[key]
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1)
    throw new ConfigError(`${where}.${key}: expected a positive integer`)
  return v
}

const TAG_AUTHORITY = /^[a-z0-9.-]+\.[a-z]{2,},\d{4}(-\d{2}(-\d{2})?)?$/

function regexes(list: string[], where: string): string[] {
  for (const p of list) {
    try {
      new RegExp(p, 'u')
    } catch (e) {
      throw new ConfigError(
        `${where}: invalid pattern ${JSON.stringify(p)}: ${(e as Error).message}`
      )
    }
  }
  return list
}

function timeZone(zone: string): string {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone })
  } catch {
    throw new ConfigError(`site.json.timeZone: "${zone}" is not an IANA time zone`)
  }
  return zone
}

function tagAuthority(value: string): string {
  if (!TAG_AUTHORITY.test(value))
    throw new ConfigError(`site.json.tagAuthority: "${value}" is not "domain,YYYY" (RFC 4151)`)
  return value
}

/** Parses `content/site.json`. */
export function parseSite(json: unknown): SiteConfig {
  const o = obj(json, 'site.json')
  const b = obj(o.boilerplate ?? {}, 'site.json.boilerplate')
  const author = obj(o.author, 'site.json.author')
  const feeds = obj(o.feeds, 'site.json.feeds')
  return {
    name: str(o, 'name', 'site.json'),
    title: str(o, 'title', 'site.json'),
    description: str(o, 'description', 'site.json'),
    language: str(o, 'language', 'site.json'),
    sourceUrl: str(o, 'sourceUrl', 'site.json'),
    timeZone: timeZone(str(o, 'timeZone', 'site.json')),
    tagAuthority: tagAuthority(str(o, 'tagAuthority', 'site.json')),
    author: {
      name: str(author, 'name', 'site.json.author'),
      url: str(author, 'url', 'site.json.author'),
    },
    feeds: {
      limit: positive(feeds, 'limit', 'site.json.feeds'),
      maxLimit: positive(feeds, 'maxLimit', 'site.json.feeds'),
      maxBytes: positive(feeds, 'maxBytes', 'site.json.feeds'),
      ttlMinutes: positive(feeds, 'ttlMinutes', 'site.json.feeds'),
    },
    boilerplate: {
      lines: strings(b, 'lines', 'site.json.boilerplate'),
      patterns: regexes(
        strings(b, 'patterns', 'site.json.boilerplate'),
        'site.json.boilerplate.patterns'
      ),
    },
  }
}

/**
 * A topic's IPTC QCodes as Media Topics, each labelled from `topics.json.iptcLabels`: feeds carry
 * the label beside the code (Atom `label`), and IPTC relabels concepts between releases, so the
 * labels are data pinned with the vocabulary release, not looked up.
 */
function mediaTopics(qcodes: string[], labels: Json, where: string): MediaTopic[] {
  return qcodes.map((qcode) => {
    const code = MEDTOP_QCODE.exec(qcode)?.[1]
    if (!code)
      throw new ConfigError(
        `${where}.iptc: "${qcode}" is not an IPTC Media Topic QCode (medtop:NNNNNNNN)`
      )
    const label = labels[qcode]
    if (typeof label !== 'string' || label.trim() === '')
      throw new ConfigError(
        `${where}.iptc: "${qcode}" has no label; add its en-GB label from the IPTC release to topics.json.iptcLabels`
      )
    return { code, label }
  })
}

/** A list of terms, each with at least one word to match (`*` or `--` alone has none). */
function terms(o: Json, key: string, where: string): string[] {
  const list = strings(o, key, where)
  list.forEach((term, i) => {
    if (compileTerm(term).words.length === 0)
      throw new ConfigError(`${where}.${key}[${i}]: "${term}" has no word to match`)
  })
  return list
}

function bilingual(o: Json, key: string, where: string): Bilingual {
  const b = obj(o[key], `${where}.${key}`)
  return { en: terms(b, 'en', `${where}.${key}`), ru: terms(b, 'ru', `${where}.${key}`) }
}

/** Templates: terms holding `{state}` once, where each form of a country's name goes. */
function templates(o: Json, key: string, where: string): Bilingual {
  const b = bilingual(o, key, where)
  for (const lang of ['en', 'ru'] as const)
    b[lang].forEach((t, i) => {
      if (t.split(STATE).length !== 2)
        throw new ConfigError(`${where}.${key}.${lang}[${i}]: "${t}" must hold ${STATE} once`)
    })
  return b
}

/** Parses `content/gazetteer.json` (see `src/gazetteer.ts`); which topics it feeds is checked by `parseTopics`. */
export function parseGazetteer(json: unknown): Gazetteer {
  const where = 'gazetteer.json'
  const o = obj(json, where)
  const w = obj(o.weights, `${where}.weights`)
  const weights = Object.fromEntries(
    GAZETTEER_KINDS.map((kind) => {
      const v = w[kind]
      if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0)
        throw new ConfigError(`${where}.weights.${kind}: expected a positive number`)
      return [kind, v]
    })
  ) as GazetteerWeights
  const countries = Object.entries(obj(o.countries, `${where}.countries`)).map(([slug, raw]) => {
    const at = `${where}.countries.${slug}`
    const c = obj(raw, at)
    const country = {
      state: bilingual(c, 'state', at),
      places: terms(c, 'places', at),
      institutions: terms(c, 'institutions', at),
    }
    return [slug, country] as const
  })
  return {
    weights,
    officials: templates(o, 'officials', where),
    venues: templates(o, 'venues', where),
    countries: Object.fromEntries(countries),
  }
}

/** The group of the country topics: a sentence listing three of them counts for none. */
const COUNTRY_GROUP = 'country'

/**
 * Each country's gazetteer terms added to its topic's include terms. A term written twice (in
 * the gazetteer, or there and in topics.json) is an error: one place decides its weight.
 */
function withGazetteer<T extends TopicRule>(topics: T[], gazetteer: Gazetteer): T[] {
  const bySlug = new Map(topics.map((t) => [t.slug, t]))
  for (const [slug, country] of Object.entries(gazetteer.countries)) {
    const where = `gazetteer.json.countries.${slug}`
    const topic = bySlug.get(slug)
    if (!topic) throw new ConfigError(`${where}: topics.json has no topic "${slug}"`)
    const include = { ...topic.include }
    const seen = new Set<string>()
    for (const { term, weight, kind } of gazetteerTerms(gazetteer, country)) {
      if (seen.has(term)) throw new ConfigError(`${where}: "${term}" (${kind}) appears twice`)
      if (Object.hasOwn(include, term))
        throw new ConfigError(
          `${where}: "${term}" (${kind}) is also an include term of "${slug}" in topics.json`
        )
      seen.add(term)
      include[term] = weight
    }
    bySlug.set(slug, { ...topic, include, group: COUNTRY_GROUP })
  }
  return topics.map((t) => bySlug.get(t.slug) as T)
}

/**
 * Parses `content/topics.json`: slugs unique and URL-safe, weights numbers, IPTC codes
 * labelled; with a gazetteer, its terms join the include terms of the country topics it names.
 */
export function parseTopics(json: unknown, gazetteer?: Gazetteer): TopicsConfig {
  const o = obj(json, 'topics.json')
  const threshold = typeof o.threshold === 'number' ? o.threshold : 4
  const labels = obj(o.iptcLabels ?? {}, 'topics.json.iptcLabels')
  if (!Array.isArray(o.topics)) throw new ConfigError('topics.json.topics: expected an array')
  const seen = new Set<string>()
  const topics = o.topics.map((raw, i): Topic => {
    const where = `topics.json.topics[${i}]`
    const t = obj(raw, where)
    const slug = str(t, 'slug', where)
    if (!SLUG.test(slug)) throw new ConfigError(`${where}.slug: "${slug}" is not a lower-case slug`)
    if (seen.has(slug)) throw new ConfigError(`${where}.slug: "${slug}" appears twice`)
    seen.add(slug)
    const iptc = strings(t, 'iptc', where)
    return {
      slug,
      title: str(t, 'title', where),
      description: str(t, 'description', where),
      iptc,
      mediaTopics: mediaTopics(iptc, labels, where),
      include: weights(t, 'include', where),
      exclude: weights(t, 'exclude', where),
      threshold: typeof t.threshold === 'number' ? t.threshold : threshold,
      ...(t.tailCap === undefined ? {} : { tailCap: positive(t, 'tailCap', where) }),
    }
  })
  return {
    vocabulary: typeof o.vocabulary === 'string' ? o.vocabulary : '',
    topics: gazetteer ? withGazetteer(topics, gazetteer) : topics,
  }
}
