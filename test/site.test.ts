import { describe, expect, it } from 'vitest'
import gazetteerJson from '../content/gazetteer.json'
import siteJson from '../content/site.json'
import { site, topics } from '../src/content'
import { ConfigError, parseGazetteer, parseSite, parseTopics } from '../src/site'

describe('site configuration', () => {
  it('loads content/site.json', () => {
    expect(site.language).toBe('en')
    expect(site.boilerplate.lines).toContain('Go back')
  })

  it.each([
    ['a missing name', { ...siteJson, name: undefined }, /site\.json\.name/],
    [
      'an invalid boilerplate pattern',
      { ...siteJson, boilerplate: { lines: [], patterns: ['('] } },
      /invalid pattern/,
    ],
    ['an unknown time zone', { ...siteJson, timeZone: 'Mars/Olympus' }, /not an IANA time zone/],
    ['a tag authority without a date', { ...siteJson, tagAuthority: 'example.org' }, /RFC 4151/],
    [
      'a feed limit of zero',
      { ...siteJson, feeds: { ...siteJson.feeds, limit: 0 } },
      /positive integer/,
    ],
  ])('rejects %s with a clear error', (_, json, message) => {
    expect(() => parseSite(json)).toThrow(ConfigError)
    expect(() => parseSite(json)).toThrow(message)
  })
})

describe('topics configuration', () => {
  const topic = {
    slug: 'ai',
    title: 'AI',
    description: 'Artificial intelligence',
    include: { AI: 3 },
  }

  it('labels every IPTC code of content/topics.json from its iptcLabels', () => {
    const ai = topics.topics.find((t) => t.slug === 'ai')
    expect(ai?.mediaTopics).toEqual([{ code: '20001298', label: 'artificial intelligence' }])
    for (const t of topics.topics) expect(t.mediaTopics).toHaveLength(t.iptc.length)
  })

  it('takes the top-level threshold as the default', () => {
    expect(parseTopics({ threshold: 6, topics: [topic] }).topics[0]?.threshold).toBe(6)
  })

  it.each([
    ['a duplicate slug', { topics: [topic, topic] }, /appears twice/],
    [
      'a slug that is not URL-safe',
      { topics: [{ ...topic, slug: 'Big Topic' }] },
      /not a lower-case slug/,
    ],
    [
      'a weight that is not a number',
      { topics: [{ ...topic, include: { AI: 'high' } }] },
      /expected a number/,
    ],
    [
      'an IPTC code with no label',
      { topics: [{ ...topic, iptc: ['medtop:20001298'] }] },
      /"medtop:20001298" has no label; add its en-GB label .* to topics\.json\.iptcLabels/,
    ],
    [
      'an IPTC code that is not a Media Topic QCode',
      { iptcLabels: { '20001298': 'AI' }, topics: [{ ...topic, iptc: ['20001298'] }] },
      /not an IPTC Media Topic QCode/,
    ],
    ['a tail cap of zero', { topics: [{ ...topic, tailCap: 0 }] }, /tailCap: expected a positive/],
  ])('rejects %s', (_, json, message) => {
    expect(() => parseTopics(json)).toThrow(message)
  })
})

describe('gazetteer configuration', () => {
  const russia = topics.topics.find((t) => t.slug === 'russia')

  it('adds places, institutions, offices and venues to the country topics when content/ loads', () => {
    expect(russia?.include).toMatchObject({
      'Russia*': 1,
      Moscow: 2,
      'State Duma': 2,
      'President of the Russian Federation': 2,
      'Президент* Российск* Федераци*': 2,
      'in Russia': 2,
      'в Росси*': 2,
    })
    // The bare name after "of" still counts for nothing: lists of member states say it so.
    expect(russia?.exclude).toEqual({ 'of the Russian Federation': 1, 'Российской Федерации': 1 })
  })

  const country = {
    state: { en: ['Utopia'], ru: ['Утопи*'] },
    places: ['Sun City'],
    institutions: [],
  }
  const gazetteer = {
    weights: { places: 2, institutions: 2, officials: 2, venues: 2 },
    officials: { en: ['President of {state}'], ru: ['Президент* {state}'] },
    venues: { en: ['in {state}'], ru: ['в {state}'] },
    countries: { utopia: country },
  }
  const utopia = {
    slug: 'utopia',
    title: 'Utopia',
    description: 'Utopia',
    include: { 'Utopia*': 1 },
  }

  it('fills each template with each form of the state', () => {
    const parsed = parseTopics({ topics: [utopia] }, parseGazetteer(gazetteer))
    expect(parsed.topics[0]?.include).toEqual({
      'Utopia*': 1,
      'Sun City': 2,
      'President of Utopia': 2,
      'Президент* Утопи*': 2,
      'in Utopia': 2,
      'в Утопи*': 2,
    })
  })

  it('loads content/gazetteer.json', () => {
    expect(() => parseGazetteer(gazetteerJson)).not.toThrow()
  })

  it.each([
    [
      'no weights',
      { ...gazetteer, weights: undefined },
      /gazetteer\.json\.weights: expected an object/,
    ],
    [
      'a weight of zero',
      { ...gazetteer, weights: { ...gazetteer.weights, venues: 0 } },
      /weights\.venues: expected a positive number/,
    ],
    [
      'a template without {state}',
      { ...gazetteer, officials: { en: ['President'], ru: [] } },
      /officials\.en\[0\]: "President" must hold \{state\} once/,
    ],
    [
      'a term with no word',
      { ...gazetteer, countries: { utopia: { ...country, places: ['*'] } } },
      /countries\.utopia\.places\[0\]: "\*" has no word to match/,
    ],
    [
      'places that are not strings',
      { ...gazetteer, countries: { utopia: { ...country, places: 'Sun City' } } },
      /countries\.utopia\.places: expected an array of strings/,
    ],
    [
      'a country without its state names',
      { ...gazetteer, countries: { utopia: { places: [] } } },
      /countries\.utopia\.state: expected an object/,
    ],
  ])('rejects a gazetteer with %s', (_, json, message) => {
    expect(() => parseGazetteer(json)).toThrow(ConfigError)
    expect(() => parseGazetteer(json)).toThrow(message)
  })

  it.each([
    [
      'a country that is no topic',
      { ...gazetteer, countries: { atlantis: country } },
      /countries\.atlantis: topics\.json has no topic "atlantis"/,
    ],
    [
      'a place written twice',
      { ...gazetteer, countries: { utopia: { ...country, institutions: ['Sun City'] } } },
      /"Sun City" \(institutions\) appears twice/,
    ],
    [
      'a term topics.json has too',
      { ...gazetteer, countries: { utopia: { ...country, places: ['Utopia*'] } } },
      /"Utopia\*" \(places\) is also an include term of "utopia" in topics\.json/,
    ],
  ])('rejects a gazetteer with %s among the topics', (_, json, message) => {
    expect(() => parseTopics({ topics: [utopia] }, parseGazetteer(json))).toThrow(ConfigError)
    expect(() => parseTopics({ topics: [utopia] }, parseGazetteer(json))).toThrow(message)
  })
})
