import { describe, expect, it } from 'vitest'
import { site } from '../src/content'
import { ConfigError, parseSite, parseTopics } from '../src/site'

describe('site configuration', () => {
  it('loads content/site.json', () => {
    expect(site.language).toBe('en')
    expect(site.boilerplate.lines).toContain('Go back')
  })

  it.each([
    ['a missing name', { title: 't' }, /site\.json\.name/],
    [
      'an invalid boilerplate pattern',
      {
        name: 'n',
        title: 't',
        description: 'd',
        language: 'en',
        sourceUrl: 'u',
        timeZone: 'z',
        boilerplate: { patterns: ['('] },
      },
      /invalid pattern/,
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
