import { describe, expect, it } from 'vitest'
import { pipelineConfig } from '../../src/content'
import { toBlocks } from '../../src/pipeline/blocks'
import { compileBoilerplate } from '../../src/pipeline/boilerplate'
import { normalizeText } from '../../src/pipeline/normalize'
import { segmentPage } from '../../src/pipeline/segment'
import { isTitleLike } from '../../src/pipeline/titles'

const isBoilerplate = compileBoilerplate(pipelineConfig.boilerplate)

function segments(...lines: string[]) {
  return segmentPage(toBlocks(normalizeText(lines.join('\n'))).blocks, isBoilerplate)
}

const T1 = 'On 3 March 2025, the council met in Minsk to review the operation.'
const T2 = 'On 4 March 2025, the secretariat held a briefing for the press.'
const BODY = 'The meeting discussed the results of the year and the plans for the next one.'
/** A paragraph with no sign of either continuing or opening a story. */
const PLAIN = 'A new edition of the CSTO yearbook of security studies has been published online.'

describe('isTitleLike', () => {
  it.each([
    [
      'The CSTO PA Council has adopted a Statement on the Development of Artificial Intelligence Technologies',
      true,
    ],
    ['Interview of the CSTO Secretary General to the TASS agency', true],
    ['of the Council of the Parliamentary Assembly', false],
    ['Dear Chairman,', false],
    ['The meeting was held by videoconferencing.', false],
    ['- about the situation in Afghanistan;', false],
    ['03.06.2024', false],
  ])('%j → %s', (line, expected) => {
    expect(isTitleLike(line)).toBe(expected)
  })
})

describe('segmentPage', () => {
  it('finds the article after its repeated title with the date', () => {
    const { segments: s } = segments(
      T1,
      '',
      '',
      'The Council of Foreign Ministers met in Minsk',
      '',
      'The Council of Foreign Ministers met in Minsk 03.03.2025',
      '',
      BODY
    )
    expect(s.map((x) => [x.kind, x.title, x.published, x.dateSource])).toEqual([
      ['teaser', null, null, 'none'],
      ['article', 'The Council of Foreign Ministers met in Minsk', '2025-03-03', 'article-title'],
    ])
    expect(s[1]?.paragraphs).toEqual([BODY])
  })

  it('finds the article after its title and a lone date line', () => {
    const { segments: s } = segments(
      T1,
      'The Council of Foreign Ministers met in Minsk',
      '03.03.2025',
      BODY
    )
    expect(s.at(-1)).toMatchObject({
      kind: 'article',
      published: '2025-03-03',
      dateSource: 'article-date-line',
      paragraphs: [BODY],
    })
  })

  it('finds an undated article after the teasers', () => {
    const { segments: s } = segments(
      T1,
      '',
      '',
      T2,
      '',
      'The Council of Foreign Ministers met in Minsk',
      '',
      '',
      BODY,
      '',
      BODY.replace('year', 'month')
    )
    expect(s.map((x) => x.kind)).toEqual(['teaser', 'teaser', 'article'])
    expect(s[2]).toMatchObject({
      title: 'The Council of Foreign Ministers met in Minsk',
      published: null,
      dateSource: 'none',
    })
  })

  it('finds the article after its title, a Russian title line and a lone date line', () => {
    const { segments: s } = segments(
      T1,
      '',
      '',
      'The Council of Foreign Ministers met in Minsk',
      '',
      'Заседание Совета в Минске',
      '',
      '03.03.2025',
      '',
      BODY
    )
    expect(s.map((x) => x.kind)).toEqual(['teaser', 'article'])
    expect(s[1]).toMatchObject({
      title: 'The Council of Foreign Ministers met in Minsk',
      altTitle: 'Заседание Совета в Минске',
      published: '2025-03-03',
      dateSource: 'article-date-line',
      paragraphs: [BODY],
    })
  })

  it('gives each teaser the date line before it', () => {
    const { segments: s } = segments('03.03.2025', '', T1, '', '', '04.03.2025', '', T2)
    expect(s.map((x) => x.published)).toEqual(['2025-03-03', '2025-03-04'])
  })

  it('keeps the paragraphs of one teaser together when teasers are two blank lines apart', () => {
    const { segments: s } = segments(T1, '', BODY, '', '', T2)
    expect(s.map((x) => x.paragraphs.length)).toEqual([2, 1])
  })

  it('keeps the paragraphs of one teaser together when the only large gaps precede date lines', () => {
    const { segments: s } = segments('03.03.2025', '', T1, '', BODY, '', '', '04.03.2025', '', T2)
    expect(s.map((x) => [x.published, x.paragraphs.length])).toEqual([
      ['2025-03-03', 2],
      ['2025-03-04', 1],
    ])
  })

  it('keeps the paragraphs of one teaser together when date lines separate the teasers', () => {
    const { segments: s } = segments('03.03.2025', T1, '', BODY, '04.03.2025', T2)
    expect(s.map((x) => [x.published, x.paragraphs.length])).toEqual([
      ['2025-03-03', 2],
      ['2025-03-04', 1],
    ])
  })

  it('makes every paragraph with no sign of continuing a teaser, on a page with single blank lines and no date line', () => {
    expect(segments(T1, '', PLAIN, '', T2).segments).toHaveLength(3)
  })

  it('makes every such line a teaser on a page without blank lines', () => {
    expect(segments(T1, T2, PLAIN).segments).toHaveLength(3)
  })

  it('leaves out an undated one-line section heading and reports it', () => {
    const page = segments(
      'Military cooperation',
      '',
      '03.03.2025',
      T1,
      '',
      '',
      'Announcements',
      '',
      '04.03.2025',
      T2,
      '',
      '05.03.2025',
      BODY
    )
    expect(page.segments.map((x) => [x.published, x.paragraphs])).toEqual([
      ['2025-03-03', [T1]],
      ['2025-03-04', [T2]],
      ['2025-03-05', [BODY]],
    ])
    expect(page.headings).toEqual(['Military cooperation', 'Announcements'])
  })

  it('does not take a short heading over dated teasers for an article title', () => {
    const page = segments('News of the Secretariat', '', '03.03.2025', T1, '', '', '04.03.2025', T2)
    expect(page.segments.map((x) => [x.kind, x.published])).toEqual([
      ['teaser', '2025-03-03'],
      ['teaser', '2025-03-04'],
    ])
  })

  it('does not take a short heading over one dated teaser for an article title', () => {
    const page = segments('News of the Council', '', '', '03.03.2025', T1)
    expect(page.segments.map((x) => [x.kind, x.published])).toEqual([['teaser', '2025-03-03']])
    expect(page.headings).toEqual(['News of the Council'])
  })

  it('keeps a continuation with its teaser and splits at a paragraph that opens another day', () => {
    const page = segments(T1, '', 'They also discussed the plans for the year.', '', T2)
    expect(page.segments.map((x) => x.paragraphs.length)).toEqual([2, 1])
    expect(page.decisions.map((d) => d.fired)).toEqual([['refers-back'], ['opens-with-new-date']])
  })

  it('drops boilerplate lines and reports them', () => {
    const { segments: s, dropped } = segments(
      T1,
      '',
      'Go back',
      'Назад',
      'email: press@example.org',
      '***'
    )
    expect(s).toHaveLength(1)
    expect(dropped).toEqual(['Go back', 'Назад', 'email: press@example.org', '***'])
  })

  it('reads a listing of title + summary pairs as titled teasers, not an article', () => {
    const { segments: s } = segments(
      'The Council of Foreign Ministers met in Minsk',
      T1,
      '',
      'Press briefing at the Secretariat',
      T2,
      '',
      'Results of the operation Channel',
      BODY
    )
    expect(s.map((x) => [x.kind, x.title])).toEqual([
      ['teaser', 'The Council of Foreign Ministers met in Minsk'],
      ['teaser', 'Press briefing at the Secretariat'],
      ['teaser', 'Results of the operation Channel'],
    ])
  })

  it('keeps a Russian title line as the alternate title', () => {
    const { segments: s } = segments(
      'The Council of Foreign Ministers met in Minsk',
      'Заседание Совета в Минске',
      'The Council of Foreign Ministers met in Minsk 03.03.2025',
      BODY
    )
    expect(s.at(-1)).toMatchObject({
      title: 'The Council of Foreign Ministers met in Minsk',
      altTitle: 'Заседание Совета в Минске',
      published: '2025-03-03',
    })
  })

  it('never takes a date inside a caption as the article date', () => {
    const { segments: s } = segments(
      'The Council of Foreign Ministers met in Minsk',
      '',
      'Photo from the meeting in Minsk, 03.03.2025',
      BODY
    )
    expect(s.at(-1)).toMatchObject({ published: null, dateSource: 'none' })
  })
})
