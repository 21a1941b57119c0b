import { describe, expect, it } from 'vitest'
import siteJson from '../content/site.json'
import { site, topics } from '../src/content'
import { ConfigError, parseSite, parseTopics } from '../src/site'

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
  ])('rejects %s', (_, json, message) => {
    expect(() => parseTopics(json)).toThrow(message)
  })
})
