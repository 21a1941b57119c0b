import { describe, expect, it } from 'vitest'
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
