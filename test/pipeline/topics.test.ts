import { describe, expect, it } from 'vitest'
import { topics } from '../../src/content'
import { compileTerm, compileTopics, countTerms, type TopicRule } from '../../src/pipeline/topics'

const REQUIRED = [
  'ai',
  'drug-trafficking',
  'illegal-migration',
  'terrorism',
  'peacekeeping',
  'military-exercises',
  'afghanistan',
  'information-security',
  'biological-security',
  'emergencies',
  'arms-control',
  'un-cooperation',
  'parliamentary',
  'armenia',
  'belarus',
  'kazakhstan',
  'kyrgyzstan',
  'russia',
  'tajikistan',
]

const classify = compileTopics(topics.topics)
const item = (title: string, ...paragraphs: string[]) => ({
  title,
  titleSource: 'page' as const,
  paragraphs,
})

const count = (term: string, text: string) => countTerms([compileTerm(term)], text)[0]

describe('terms', () => {
  it('match a stem on word boundaries', () => {
    expect(count('terror*', 'counter-terrorism and terrorists')).toBe(2)
    expect(count('terror*', 'bioterror')).toBe(0)
  })
  it('match Cyrillic words on word boundaries', () => {
    expect(count('наркот*', 'борьба с наркотиками')).toBe(1)
    expect(count('наркот*', 'антинаркотический')).toBe(0)
  })
  it('match an acronym case-sensitively and a word case-insensitively', () => {
    expect(count('AI', 'AI and ai and said')).toBe(1)
    expect(count('drug traffick*', 'Drug Trafficking')).toBe(1)
  })
  it('match the words of a term as a run, whatever stands between them', () => {
    expect(count('Channel Far Eastern Raid', 'operation "Channel - Far Eastern Raid"')).toBe(1)
    expect(count('Channel Far Eastern Raid', 'Channel of the Far Eastern Raid')).toBe(0)
    expect(count('Cholpon Ata', 'in Cholpon-Ata on June 30')).toBe(1)
  })
  it('match a stem that is not the last word of its term', () => {
    expect(compileTerm('Государственн* Дум*').words.map((w) => w.text)).toEqual([
      'государственн',
      'дум',
    ])
    expect(count('Государственн* Дум*', 'в Государственной Думе')).toBe(1)
    expect(count('exercise* Search', 'the exercises "Search-2024"')).toBe(1)
  })
  it('are each counted where several start at one word: stems of any length, exact words, both cases', () => {
    const terms = ['terror*', 'terrorist*', 'terrorist', 'terrorist attack*', 'UN', 'un*'].map(
      compileTerm
    )
    expect(countTerms(terms, 'Terrorist attacks, a terrorist, terrorism at the UN; unity')).toEqual(
      [3, 2, 2, 1, 1, 2]
    )
    expect(countTerms(terms, '')).toEqual([0, 0, 0, 0, 0, 0])
  })
})

describe('topic rules in content/topics.json', () => {
  it('define every required slug with a title, a description and IPTC codes where one fits', () => {
    expect(topics.topics.map((t) => t.slug)).toEqual(expect.arrayContaining(REQUIRED))
    for (const t of topics.topics) {
      expect(t.title.length).toBeGreaterThan(0)
      expect(t.description.length).toBeGreaterThan(20)
      for (const code of t.iptc) expect(code).toMatch(/^medtop:\d{8}$/)
    }
  })

  it.each([
    [
      'emergencies',
      'Rescuers of the CSTO states trained to respond to an earthquake',
      'The Council of Ministers of Emergency Situations held joint rescue drills after the flood.',
    ],
    [
      'biological-security',
      'CSTO states discuss biological security',
      'Experts discussed the prevention of epidemics and the protection against biological threats.',
    ],
    [
      'tajikistan',
      'Secretary General visits Tajikistan',
      'In Dushanbe, the Secretary General met the President of Tajikistan and discussed the Tajik-Afghan border.',
    ],
    [
      'arms-control',
      'Consultations on disarmament and non-proliferation',
      'Experts of the member states discussed arms control.',
    ],
    [
      'information-security',
      'Operation PROXY completed',
      'During the operation against cyber crime, 200 websites were blocked.',
    ],
    [
      'ai',
      'Experts discuss artificial intelligence',
      'The use of AI in security systems was discussed.',
    ],
  ])('tag %s from the title and lead', (slug, title, lead) => {
    expect(classify(item(title, lead))).toContain(slug)
  })

  it('do not make an item that names AI once in its tail an AI item', () => {
    const tail = [
      'The council reviewed the year.',
      'It discussed peacekeeping training.',
      'Among other subjects, artificial intelligence was mentioned.',
      'The next meeting will be in Minsk.',
    ]
    expect(
      classify(
        item(
          'Council of the CSTO held in Minsk',
          'The Council of Foreign Ministers met in Minsk.',
          ...tail
        )
      )
    ).not.toContain('ai')
  })

  it('weigh the title above the tail', () => {
    const rule: TopicRule = {
      slug: 'x',
      title: 'X',
      description: 'x',
      iptc: [],
      include: { widget: 1 },
      exclude: {},
      threshold: 3,
    }
    const only = compileTopics([rule])
    expect(only(item('Widget news', 'Nothing here.'))).toEqual(['x'])
    expect(only(item('News', 'Nothing here.', 'A widget.'))).toEqual([])
  })
})
