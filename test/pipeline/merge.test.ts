import { describe, expect, it } from 'vitest'
import {
  CANDIDATE_DF_MAX,
  FALLBACK_SHINGLES,
  LOOKUP_SHINGLES,
  lookupShingles,
  namesOf,
} from '../../src/pipeline/merge'
import { extract, page } from '../helpers'

const MIGRATION =
  'On 3 December 2024, the 27th meeting of the Coordination Council of the Heads of the Competent Authorities for Countering the Illegal Migration of the Member States of the Collective Security Treaty Organization was held by videoconferencing.'
const DRUGS =
  'On 2 December 2024, the 26th meeting of the Coordination Council of the Heads of Competent Authorities for Countering the Illicit Drug Trafficking of the Member States of the Collective Security Treaty Organization was held via videoconferencing.'
const LEAD =
  'On 12 March 2025, the CSTO Secretary General held a working meeting with the heads of the departments of the Secretariat on the preparation of the events of the year.'

describe('merging across pages', () => {
  it('merges exact copies that differ only in whitespace and case of spacing', () => {
    const { items } = extract([
      page('a.txt', LEAD),
      page('b.txt', `  ${LEAD.replace(/ /g, '   ')}  `),
    ])
    expect(items).toHaveLength(1)
    expect(items[0]?.sources).toEqual(['a.txt', 'b.txt'])
  })

  it('never merges the 27th meeting of one council with the 26th of another', () => {
    const { items } = extract([page('a.txt', MIGRATION), page('b.txt', DRUGS)])
    expect(items).toHaveLength(2)
  })

  it('never merges copies whose dates conflict', () => {
    const { items } = extract([
      page('a.txt', '12.03.2025', '', LEAD),
      page('b.txt', '20.03.2025', '', LEAD),
    ])
    expect(items).toHaveLength(2)
  })

  it('merges copies whose page dates are a day apart and keeps the article-side evidence', () => {
    const { items } = extract([
      page('a.txt', '12.03.2025', '', LEAD),
      page('b.txt', '13.03.2025', '', LEAD),
    ])
    expect(items).toHaveLength(1)
    expect(items[0]?.published).toBe('2025-03-12')
  })

  it('never merges a Russian item with an English one', () => {
    const ru =
      '12 марта 2025 года Генеральный секретарь ОДКБ провел рабочее совещание с руководителями отделов Секретариата по подготовке мероприятий года.'
    const { items } = extract([page('a.txt', LEAD), page('b.txt', ru)])
    expect(items.map((i) => i.lang).sort()).toEqual(['en', 'ru'])
  })

  it('folds a teaser into the article it summarizes, by containment', () => {
    const article = [
      'Working meeting at the Secretariat',
      'Working meeting at the Secretariat 12.03.2025',
      LEAD,
      'The heads of departments reported on the progress of the preparations and on the plans for the second quarter.',
    ]
    const { items, stats } = extract([page('a.txt', LEAD), page('b.txt', ...article)])
    expect(items).toHaveLength(1)
    expect(items[0]).toMatchObject({
      kind: 'article',
      title: 'Working meeting at the Secretariat',
      published: '2025-03-12',
    })
    expect(stats.merges).toBe(1)
  })

  it('does not fold an article into a short teaser that shares only formulaic words', () => {
    const other =
      'On 12 March 2025, the CSTO Secretary General received the Ambassador of Kazakhstan.'
    const { items } = extract([page('a.txt', other), page('b.txt', LEAD)])
    expect(items).toHaveLength(2)
  })
})

describe('merging short texts', () => {
  it('does not fold a short line into an article that holds its words only scattered', () => {
    const line = 'in connection with the development of artificial intelligence technologies'
    const article = [
      'Interview of the Secretary General',
      'Interview of the Secretary General 01.07.2024',
      'He spoke about assistance in connection with the terrorist attacks in the region and other matters.',
      'The ministers adopted statements on space and on the development of artificial intelligence technologies.',
    ]
    const { items } = extract([page('a.txt', ...article), page('b.txt', line)])
    expect(items).toHaveLength(2)
    expect(items.some((i) => i.contentText === line)).toBe(true)
  })
})

/** The lead of one national stage of an operation: stages held the same day differ in little else. */
const stage = (city: string, country: string) =>
  `On 4 January 2017, the national stage of the international anti-drug operation "Channel - Far Eastern Raid" was held in ${city} and other regions of ${country} under the coordination of the Ministry of Internal Affairs of ${country}.`
const stageRu = (city: string, country: string) =>
  `4 января 2017 года в ${city} и других регионах ${country} под координацией Министерства внутренних дел ${country} прошел национальный этап международной антинаркотической операции «Канал – Дальневосточный рубеж». В операции участвовали органы внутренних дел и государственной безопасности, пограничные и таможенные службы, подразделения финансовой разведки государств – членов ОДКБ. Итоги этапа будут рассмотрены на очередном заседании Координационного совета руководителей компетентных органов по противодействию незаконному обороту наркотиков.`

describe('merging texts that differ in their names', () => {
  it('never merges the national stages of one operation held the same day in two countries', () => {
    const { items } = extract([
      page('a.txt', '05.01.2017', '', stage('Minsk', 'the Republic of Belarus')),
      page('b.txt', '05.01.2017', '', stage('Astana', 'the Republic of Kazakhstan')),
    ])
    expect(items).toHaveLength(2)
  })

  it('never merges them in Russian either', () => {
    const { items } = extract([
      page('a.txt', '05.01.2017', '', stageRu('Минске', 'Республики Беларусь')),
      page('b.txt', '05.01.2017', '', stageRu('Астане', 'Республики Казахстан')),
    ])
    expect(items).toHaveLength(2)
  })

  const TITLE = 'The national stage of the operation was held in the Republic of Belarus'
  const LEAD_BY = stage('Minsk', 'the Republic of Belarus')
  const MORE =
    'The law enforcement agencies of the Republic of Belarus seized 4,539 kg of narcotic drugs and opened 510 criminal cases, the Minister Viktor Kovalenko said.'
  const article = (...body: string[]) => [TITLE, '', `${TITLE} 05.01.2017`, '', ...body]

  it('still folds a teaser into its article, and a dated teaser too', () => {
    const { items } = extract([
      page('a.txt', LEAD_BY),
      page('b.txt', '05.01.2017', '', LEAD_BY),
      page('c.txt', ...article(LEAD_BY, '', MORE)),
    ])
    expect(items.map((i) => [i.kind, i.sources])).toEqual([
      ['article', ['a.txt', 'b.txt', 'c.txt']],
    ])
  })

  it('still folds a teaser that capitalises words its article writes in lower case', () => {
    const said = `${LEAD_BY} "Only together can we counter drug trafficking," the Secretary General said.`
    const { items } = extract([
      page('a.txt', said),
      page('b.txt', ...article(said.replace('Secretary General', 'secretary general'), '', MORE)),
    ])
    expect(items.map((i) => [i.kind, i.sources])).toEqual([['article', ['a.txt', 'b.txt']]])
  })

  it('still merges a copy truncated in the middle of a name', () => {
    const cut = MORE.slice(0, MORE.indexOf('Kovalenko') + 4)
    const { items } = extract([
      page('a.txt', ...article(LEAD_BY, '', cut)),
      page('b.txt', ...article(LEAD_BY, '', MORE)),
    ])
    expect(items).toHaveLength(1)
    expect(items[0]?.contentText).toContain('Viktor Kovalenko said.')
  })

  it('still merges the same page captured twice, the second time with a paragraph more', () => {
    const later = 'The results of the operation will be discussed in Moscow in February.'
    const { items } = extract([
      page('a.txt', ...article(LEAD_BY, '', MORE)),
      page('b.txt', ...article(LEAD_BY, '', `  ${MORE.replace(/ /g, '  ')}`, '', later)),
    ])
    expect(items).toHaveLength(1)
    expect(items[0]?.sources).toEqual(['a.txt', 'b.txt'])
  })
})

describe('namesOf', () => {
  it('takes capitalised words, Latin or Cyrillic, but not those that start a sentence or a line', () => {
    expect(
      namesOf(
        'On 4 May, the CSTO met in Minsk. The Council agreed: "We will meet in Астане."\nNext'
      )
    ).toEqual(['may', 'csto', 'minsk', 'council', 'астане'])
  })

  it('leaves out a last word that nothing closes, which a truncated capture may have cut', () => {
    expect(namesOf('The stage was held in Minsk and Astana')).toEqual(['minsk'])
    expect(namesOf('The stage was held in Minsk and Astana.')).toEqual(['minsk', 'astana'])
  })
})

describe('lookupShingles', () => {
  /** Shingle i held by `n(i)` texts, the text itself included. */
  const df = (count: number, n: (i: number) => number) =>
    Array.from({ length: count }, (_, i) => ({ shingle: i, n: n(i) }))

  it('looks up the least common shingles another text holds too, at most LOOKUP_SHINGLES', () => {
    // 0-9 are the text's own; 10-39 are shared by 2 to 31 texts.
    const looked = lookupShingles(df(40, (i) => (i < 10 ? 1 : i - 8)))
    expect(looked).toEqual(Array.from({ length: LOOKUP_SHINGLES }, (_, i) => i + 10))
  })

  it('never looks up a shingle held by more than the cap, unless the rare ones are few', () => {
    const common = df(20, (i) => CANDIDATE_DF_MAX + 1 + i)
    expect(lookupShingles(common)).toEqual(Array.from({ length: FALLBACK_SHINGLES }, (_, i) => i))
    const plenty = [...df(5, () => 3), ...common.map((d) => ({ ...d, shingle: d.shingle + 5 }))]
    expect(lookupShingles(plenty)).toEqual([0, 1, 2, 3, 4])
  })

  it('looks nothing up for a text no other text shares a shingle with', () => {
    expect(lookupShingles(df(30, () => 1))).toEqual([])
  })
})
