import { describe, expect, it } from 'vitest'
import siteJson from '../content/site.json'
import { site } from '../src/content'
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
  ])('rejects %s', (_, json, message) => {
    expect(() => parseTopics(json)).toThrow(message)
  })
})
