/**
 * The gazetteer of `content/gazetteer.json`: per member state the places where its events happen,
 * its institutions, and the forms of its name that official titles and venues are built on. It is
 * data for the country topics: `src/site.ts` adds its terms to each country's include terms when
 * the configuration is loaded, so `pipeline/topics.ts` stays one classifier with one lexicon.
 *
 * Why templates: a country named on its own counts little (weight 1 in topics.json: the CSTO lists
 * its member states all the time, and `of the Russian Federation` is even excluded, so a list does
 * not tag six countries), but named as the holder of an office (`President of the Russian
 * Federation`, `Посол Республики Беларусь`) or as the venue (`in Tajikistan`, `в Казахстане`) it
 * says the event is that country's. Writing every office for every form of every name by hand
 * would be hundreds of lines; the gazetteer writes each office once.
 */

export type Bilingual = { en: string[]; ru: string[] }

/** One member state: the slug of its topic is the key in `countries`. */
export type GazetteerCountry = {
  /**
   * The forms of the state's name that `{state}` stands for in the templates: English as after
   * `of`/`in` (`the Russian Federation`, `Russia`), Russian as stems covering the genitive and
   * the locative (`Российск* Федераци*`, `Росси*`).
   */
  state: Bilingual
  /** Cities, regions, training grounds, border sections. */
  places: string[]
  /** Parliaments, agencies, news agencies, the country's chairmanship and delegation. */
  institutions: string[]
}

/** The kinds of gazetteer term, each with its weight. */
export const GAZETTEER_KINDS = ['places', 'institutions', 'officials', 'venues'] as const

export type GazetteerWeights = Record<(typeof GAZETTEER_KINDS)[number], number>

export type Gazetteer = {
  weights: GazetteerWeights
  /** Offices held for a state: `President of {state}`, `Посол* {state}`. */
  officials: Bilingual
  /** The state as the place or the party of an event: `in {state}`, `в {state}`. */
  venues: Bilingual
  countries: Record<string, GazetteerCountry>
}

/** What stands for a state's name in a template. */
export const STATE = '{state}'

/** A gazetteer term and its kind, for error messages. */
type GazetteerTerm = { term: string; weight: number; kind: keyof GazetteerWeights }

/** Every term the gazetteer gives one country, in the order written. */
export function gazetteerTerms(gazetteer: Gazetteer, country: GazetteerCountry): GazetteerTerm[] {
  const { weights, officials, venues } = gazetteer
  const { state } = country
  const fill = (templates: Bilingual) => [
    ...templates.en.flatMap((t) => state.en.map((name) => t.replace(STATE, name))),
    ...templates.ru.flatMap((t) => state.ru.map((name) => t.replace(STATE, name))),
  ]
  const kind = (k: keyof GazetteerWeights, terms: string[]) =>
    terms.map((term) => ({ term, weight: weights[k], kind: k }))
  return [
    ...kind('places', country.places),
    ...kind('institutions', country.institutions),
    ...kind('officials', fill(officials)),
    ...kind('venues', fill(venues)),
  ]
}
