import { describe, expect, it } from 'vitest'
import { topics } from '../../src/content'
import { compileTerm, compileTopics, type TopicRule } from '../../src/pipeline/topics'

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

describe('compileTerm', () => {
  it('matches a stem on word boundaries', () => {
    const re = compileTerm('terror*')
    expect('counter-terrorism and terrorists'.match(re)).toEqual(['terrorism', 'terrorists'])
    expect('bioterror'.match(compileTerm('terror*'))).toBeNull()
  })
  it('matches Cyrillic words on word boundaries', () => {
    expect('борьба с наркотиками'.match(compileTerm('наркот*'))).toEqual(['наркотиками'])
  })
  it('matches an acronym case-sensitively and a word case-insensitively', () => {
    expect('AI and ai and said'.match(compileTerm('AI'))).toEqual(['AI'])
    expect('Drug Trafficking'.match(compileTerm('drug traffick*'))).toEqual(['Drug Trafficking'])
  })
  it('lets spaces in a term match hyphens and quotes', () => {
    expect(
      'operation "Channel - Far Eastern Raid"'.match(compileTerm('Channel Far Eastern Raid'))
    ).toHaveLength(1)
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
