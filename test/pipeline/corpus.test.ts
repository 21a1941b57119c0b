/**
 * The five corpus pages, item by item. Every expectation here was written by reading the pages,
 * not copied from the pipeline's output: 14 distinct teasers (19 occurrences) and 4 articles.
 */
import { describe, expect, it } from 'vitest'
import type { DateSource, Item } from '../../src/model'
import { corpusPages, extract, itemTitled } from '../helpers'

type Expected = {
  title: string
  kind: 'teaser' | 'article'
  sources: string[]
  published: string | null
  dateSource: DateSource
  eventDate: string | null
  eventEndDate?: string | null
  /** Topics a careful editor gives this item. */
  topics: string[]
  /** Topics a careful editor would not give it. */
  notTopics?: string[]
}

const P = [
  '000_ac7f478acc74c8f6.txt',
  '001_c2e8cfa5729cf83d.txt',
  '002_2543e49a042f5581.txt',
  '003_0ed0ae22f2c68011.txt',
  '004_64a2724dbb24db04.txt',
] as const
const [P0, P1, P2, P3, P4] = P

const EXPECTED: Expected[] = [
  // Teasers of pages 000 and 003 (the same block of four); the BELTA one is on 004 too.
  {
    title:
      'Imangali Tasmagambetov, the Collective Security Treaty Organization Secretary General, told BELTA',
    kind: 'teaser',
    sources: [P0, P3, P4],
    published: null,
    dateSource: 'none',
    eventDate: null,
    topics: ['belarus'],
    notTopics: ['ai'],
  },
  {
    title:
      'From 17 to 28 June 2024, at the Academy of Management of the Ministry of Internal Affairs',
    kind: 'teaser',
    sources: [P0, P3],
    published: null,
    dateSource: 'none',
    eventDate: '2024-06-17',
    eventEndDate: '2024-06-28',
    topics: [],
    notTopics: ['military-exercises'],
  },
  {
    title:
      'The Chairman of the Coordination Council of Heads of Competent Authorities for Countering Illicit Drug',
    kind: 'teaser',
    sources: [P0, P3],
    published: null,
    dateSource: 'none',
    eventDate: null,
    topics: ['drug-trafficking'],
  },
  {
    title: 'From 25 to 27 June, the Republic of Kazakhstan hosted the second staff talks',
    kind: 'teaser',
    sources: [P0, P3],
    published: null,
    dateSource: 'none',
    eventDate: '2024-06-25',
    eventEndDate: '2024-06-27',
    topics: ['peacekeeping', 'military-exercises', 'kazakhstan'],
  },
  // Teasers of page 001: one per line, no blank lines at all.
  {
    title:
      'On December 5, 2024, at the CSTO Secretariat, the CSTO Secretary General Imangali Tasmagambetov met',
    kind: 'teaser',
    sources: [P1],
    published: null,
    dateSource: 'none',
    eventDate: '2024-12-05',
    topics: [],
  },
  {
    title: 'On 3 December 2024, the 27th meeting of the Coordination Council',
    kind: 'teaser',
    sources: [P1],
    published: null,
    dateSource: 'none',
    eventDate: '2024-12-03',
    topics: ['illegal-migration'],
    notTopics: ['drug-trafficking'],
  },
  {
    title: 'On 2 December 2024, the 26th meeting of the Coordination Council',
    kind: 'teaser',
    sources: [P1],
    published: null,
    dateSource: 'none',
    eventDate: '2024-12-02',
    topics: ['drug-trafficking'],
    notTopics: ['illegal-migration'],
  },
  // Teasers of page 002, each after its date line.
  {
    title:
      'On July 4, 2025, a delegation of the CSTO Secretariat visited the Central Military-Patriotic Park',
    kind: 'teaser',
    sources: [P2],
    published: '2025-07-07',
    dateSource: 'teaser-date-line',
    eventDate: '2025-07-04',
    topics: [],
  },
  {
    title: 'The Kyrgyz President Sadyr Japarov received the Ministers of Foreign Affairs',
    kind: 'teaser',
    sources: [P2],
    published: '2025-06-30',
    dateSource: 'teaser-date-line',
    eventDate: '2025-06-30',
    topics: ['kyrgyzstan'],
  },
  {
    title:
      'On June 30, 2025, a regular meeting of the CSTO Council of Foreign Ministers was held in Cholpon-Ata',
    kind: 'teaser',
    sources: [P2],
    published: '2025-06-30',
    dateSource: 'teaser-date-line',
    eventDate: '2025-06-30',
    topics: ['kyrgyzstan'],
  },
  {
    title: 'Safar Umarzoda, Head of the Department for Countering Challenges and Threats',
    kind: 'teaser',
    sources: [P2],
    published: '2025-06-26',
    dateSource: 'teaser-date-line',
    eventDate: null,
    topics: ['terrorism'],
  },
  // Teasers of page 004, one of them two paragraphs long.
  {
    title:
      'On 25 July 2024, staff of the CSTO Secretariat met with graduates of Central Asian universities',
    kind: 'teaser',
    sources: [P4],
    published: null,
    dateSource: 'none',
    eventDate: '2024-07-25',
    topics: [],
  },
  {
    title: 'Allow me to thank the Russian presidency of the United Nations Security Council',
    kind: 'teaser',
    sources: [P4],
    published: null,
    dateSource: 'none',
    eventDate: null,
    topics: ['un-cooperation'],
  },
  {
    title:
      'The CSTO Secretary General Imangali Tasmagambetov took part in the debate on “UN cooperation',
    kind: 'teaser',
    sources: [P4],
    published: null,
    dateSource: 'none',
    eventDate: '2024-07-19',
    topics: ['un-cooperation'],
  },
  // The main articles.
  {
    title:
      'The CSTO PA Council has adopted a Statement on the Development of Artificial Intelligence Technologies',
    kind: 'article',
    sources: [P0, P1],
    published: '2024-06-03',
    dateSource: 'article-date-line',
    eventDate: null,
    topics: ['ai', 'parliamentary'],
  },
  {
    title: 'Interview of the CSTO Secretary General Imangali Tasmagambetov to the TASS agency',
    kind: 'article',
    sources: [P2],
    published: null,
    dateSource: 'none',
    eventDate: null,
    topics: ['terrorism'],
    notTopics: ['ai'],
  },
  {
    title:
      'Abstracts of the speech of the CSTO Secretary General at a meeting of the Council of the CSTO Parliamentary Assembly',
    kind: 'article',
    sources: [P3],
    published: '2024-06-03',
    dateSource: 'article-title',
    eventDate: null,
    topics: ['parliamentary', 'afghanistan', 'un-cooperation'],
    notTopics: ['ai', 'emergencies'],
  },
  {
    title:
      'On June 20, 2019, issues of development of information and communication cooperation in the CSTO space will be discussed',
    kind: 'article',
    sources: [P4],
    published: '2019-06-19',
    dateSource: 'article-title',
    eventDate: '2019-06-20',
    topics: ['information-security', 'parliamentary', 'russia'],
  },
]

/** Lines of the pages that are navigation or signatures, never news. */
const JUNK = [
  'Go back',
  'Back to the section',
  'Back to the all news',
  'CSTO press secretary Vladimir Zainetdinov',
  'odkb-pressa@gov.ru',
]

describe('the five corpus pages', () => {
  const { items, stats } = extract(corpusPages())

  it('give each distinct news item exactly once: 14 teasers and 4 articles', () => {
    expect(stats.pageItems).toBe(24)
    expect(items.map((i) => i.kind).sort()).toEqual([
      ...Array(4).fill('article'),
      ...Array(14).fill('teaser'),
    ])
    for (const e of EXPECTED) itemTitled(items, e.title)
  })

  it.each(EXPECTED)('give "$title"', (e) => {
    const item = itemTitled(items, e.title)
    expect(item).toMatchObject({
      kind: e.kind,
      sources: e.sources,
      published: e.published,
      dateSource: e.dateSource,
      eventDate: e.eventDate,
      eventEndDate: e.eventEndDate ?? null,
      lang: 'en',
    })
    expect(item.topics).toEqual(expect.arrayContaining(e.topics))
    for (const t of e.notTopics ?? []) expect(item.topics).not.toContain(t)
  })

  it('make the BELTA teaser carried by three pages one item', () => {
    expect(items.filter((i) => i.contentText.includes('BELTA news agency'))).toHaveLength(1)
  })

  it('make the AI statement carried by two pages one item dated 2024-06-03', () => {
    const ai = items.filter((i) =>
      i.contentText.includes('artificial intelligence (hereinafter - AI)')
    )
    expect(ai).toHaveLength(1)
    expect(ai[0]).toMatchObject({ published: '2024-06-03', sources: [P0, P1] })
    // The fuller copy (page 001, with its "STATEMENT" line) is the text.
    expect(ai[0]?.contentText.startsWith('STATEMENT')).toBe(true)
  })

  it('keep the 26th and 27th council meetings apart', () => {
    const meetings = items.filter((i) =>
      /2[67]th meeting of the Coordination Council/.test(i.title)
    )
    expect(meetings.map((i) => i.eventDate).sort()).toEqual(['2024-12-02', '2024-12-03'])
  })

  it('publish no boilerplate line', () => {
    for (const item of items) {
      const paragraphs = item.contentText.split('\n\n')
      for (const junk of JUNK) {
        expect(item.title).not.toContain(junk)
        expect(paragraphs.some((p) => p.includes(junk))).toBe(false)
      }
    }
  })

  it('keep the Russian twin of an English paragraph as the alternate, not as text or an item', () => {
    const speech = itemTitled(items, 'Abstracts of the speech')
    expect(speech.alternate?.lang).toBe('ru')
    expect(speech.alternate?.text).toMatch(/^Благодаря политической воле/)
    expect(speech.contentText).not.toMatch(/\p{Script=Cyrillic}/u)
    expect(speech.contentText).toContain('Thanks to the political will of the member states')
    expect(items.every((i) => i.lang === 'en')).toBe(true)
  })

  it('start the speech summary after its salutations and keep it under 300 characters', () => {
    const speech = itemTitled(items, 'Abstracts of the speech')
    expect(speech.summary).toMatch(/^I am grateful for the invitation/)
    for (const item of items) expect(item.summary.length).toBeLessThanOrEqual(301)
  })

  it('title a two-paragraph teaser from its first sentence, cut at a word', () => {
    const teaser = itemTitled(items, 'Allow me to thank')
    expect(teaser.title.length).toBeLessThanOrEqual(121)
    expect(teaser.title.endsWith('…')).toBe(true)
    expect(teaser.contentText).toContain('\n\nI highly appreciate my participation')
  })

  it('tag every topic the corpus supports at least once', () => {
    const supported = [
      'ai',
      'drug-trafficking',
      'illegal-migration',
      'terrorism',
      'peacekeeping',
      'military-exercises',
      'afghanistan',
      'information-security',
      'arms-control',
      'un-cooperation',
      'parliamentary',
      'armenia',
      'belarus',
      'kazakhstan',
      'kyrgyzstan',
      'russia',
    ]
    const used = new Set(items.flatMap((i: Item) => i.topics))
    for (const slug of supported) expect(used, slug).toContain(slug)
  })
})
