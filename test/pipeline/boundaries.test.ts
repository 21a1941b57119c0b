import { describe, expect, it } from 'vitest'
import {
  type Boundary,
  FEATURES,
  openingDate,
  PRIOR,
  type RunShape,
  runShape,
  scoreBoundary,
} from '../../src/pipeline/boundaries'

const PLAIN_RUN: RunShape = { dated: false, gapsVary: false }
const LEAD =
  'On 3 March 2025, the CSTO Secretary General met with the Minister of Defence in Minsk.'

/** A boundary between the lead above and `text`, one blank line apart, in a plain run. */
function boundary(text: string, over: Partial<Boundary> = {}): Boundary {
  return {
    previous: { text: LEAD, gapBefore: 0 },
    block: { text, gapBefore: 1 },
    opening: openingDate(text, null),
    day: '2025-03-03',
    run: PLAIN_RUN,
    ...over,
  }
}

const fired = (b: Boundary) => scoreBoundary(b).fired

describe('the boundary features, each on its own', () => {
  it.each([
    'On 4 March 2025, the council of the ministers met in Astana.',
    'From 17 to 28 June 2025, the exercise was held in Belarus.',
    'Москва, 4 марта 2025 года. Генеральный секретарь провел встречу.',
    'С 17 по 20 мая 2025 года прошло учение.',
  ])('opens-with-new-date: %j', (text) => {
    expect(fired(boundary(text))).toContain('opens-with-new-date')
  })

  it('opens-with-same-date: a paragraph opening with the day of the item before', () => {
    const b = boundary('On 3 March 2025, the Secretary General also laid flowers at the memorial.')
    expect(fired(b)).toContain('opens-with-same-date')
    expect(fired(b)).not.toContain('opens-with-new-date')
  })

  it('a date deep in the paragraph opens nothing', () => {
    const text = 'The parties agreed to meet again in Minsk on 4 March 2025.'
    expect(openingDate(text, null)).toBeNull()
  })

  it.each([
    ['The CSTO Deputy Secretary General met with the Ambassador of Kazakhstan.', true],
    ['Генеральный секретарь ОДКБ встретился с Послом Армении.', true],
    ['The delegation told the students about the Organization.', false],
    ['The CSTO has seven bodies and a secretariat of seventy officials.', false],
  ])('actor-and-verb: %j → %s', (text, expected) => {
    expect(fired(boundary(text)).includes('actor-and-verb')).toBe(expected)
  })

  it.each([
    'He also added that the chairmanship had given a new impulse.',
    'Also the celebrations were attended by the ambassadors.',
    'The participants discussed the draft documents.',
    'The ceremonies were attended by the ambassadors of the member states.',
    'The theme of the exercise: "Preparation of a joint operation".',
    'During the meeting, the parties discussed the situation on the border.',
    'Он также отметил важность совместной работы.',
    'По итогам встречи стороны договорились о консультациях.',
    'В заседании приняли участие представители министерств.',
    'В работе конференции приняли участие представители уполномоченных органов.',
    'Кроме того, участники учения отработали вопросы взаимодействия.',
  ])('refers-back: %j', (text) => {
    expect(fired(boundary(text))).toContain('refers-back')
  })

  it.each([
    'Hebrew and Russian versions of the statement were published.',
    'The meeting of the Military Committee of the CSTO took place in Moscow.',
    'Онлайн-курс для сотрудников стартовал в Бишкеке.',
  ])('refers-back does not fire on an opening that only starts alike: %j', (text) => {
    expect(fired(boundary(text))).not.toContain('refers-back')
  })

  it.each([
    ['More than 2,000 servicemen were involved in the exercise.', true],
    ['Подготовка этого учения заняла полгода.', true],
    ['A new exercise of the rapid reaction forces opens in Armenia.', false],
    ['On 3 May 2025, the conference "Security" organized by the Secretariat was held.', false],
    ['On 3 May 2025, the meeting of the Council of Defence Ministers was held in Minsk.', false],
    ['The meeting was attended by the ambassadors.', true],
  ])('names-event-before: %j → %s', (text, expected) => {
    expect(fired(boundary(text)).includes('names-event-before')).toBe(expected)
  })

  it('opens-with-quote', () => {
    expect(fired(boundary('«We value cooperation», the minister said.'))).toContain(
      'opens-with-quote'
    )
  })

  it('opens-lowercase', () => {
    expect(fired(boundary('representatives of the Eurasian Economic Commission;'))).toContain(
      'opens-lowercase'
    )
  })

  it('after-colon', () => {
    const previous = { text: 'The meeting was attended by:', gapBefore: 0 }
    expect(fired(boundary('Heads of the migration services.', { previous }))).toContain(
      'after-colon'
    )
  })

  it('title-line', () => {
    expect(fired(boundary('Press briefing at the Secretariat'))).toContain('title-line')
  })

  it('wide-gap fires in a dated run, whose date lines stand after wide gaps', () => {
    const text = 'The working group held its first meeting in the new year.'
    const wide = { text, gapBefore: 2 }
    expect(fired(boundary(text, { run: { dated: true, gapsVary: false }, block: wide }))).toContain(
      'wide-gap'
    )
  })

  it('wide-gap and narrow-gap fire only where the run varies its gaps', () => {
    const text = 'The working group held its first meeting in the new year.'
    const varying: RunShape = { dated: false, gapsVary: true }
    const wide = { text, gapBefore: 2 }
    expect(fired(boundary(text, { run: varying, block: wide }))).toContain('wide-gap')
    expect(fired(boundary(text, { run: varying }))).toContain('narrow-gap')
    expect(fired(boundary(text, { block: wide }))).not.toContain('wide-gap')
    expect(fired(boundary(text))).not.toContain('narrow-gap')
  })

  it('dated-run', () => {
    const text = 'The working group held its first meeting in the new year.'
    expect(fired(boundary(text, { run: { dated: true, gapsVary: false } }))).toContain('dated-run')
  })
})

describe('scoreBoundary', () => {
  it('adds the weights of the features that fire to the prior', () => {
    const b = boundary('He also added that the council would meet in June.', {
      run: { dated: true, gapsVary: false },
    })
    const weight = (name: string) => FEATURES.find((f) => f.name === name)?.weight ?? Number.NaN
    expect(scoreBoundary(b)).toEqual({
      score: PRIOR + weight('refers-back') + weight('dated-run'),
      fired: ['refers-back', 'dated-run'],
    })
  })

  it('starts an item at a paragraph with no signal at all', () => {
    const b = boundary('The working group held its first meeting in the new year.')
    expect(scoreBoundary(b)).toEqual({ score: PRIOR, fired: [] })
  })

  it('names every feature once, with a weight other than zero', () => {
    const names = FEATURES.map((f) => f.name)
    expect(new Set(names).size).toBe(names.length)
    for (const f of FEATURES) expect(f.weight, f.name).not.toBe(0)
  })
})

describe('runShape', () => {
  const block = (text: string, gapBefore: number) => ({ text, gapBefore })

  it('is dated when a date line stands in the run', () => {
    expect(runShape([block('03.03.2025', 0), block(LEAD, 0)]).dated).toBe(true)
    expect(runShape([block(LEAD, 0)]).dated).toBe(false)
  })

  it('varies its gaps when paragraphs stand one and two blank lines apart', () => {
    expect(runShape([block(LEAD, 3), block(LEAD, 1), block(LEAD, 2)]).gapsVary).toBe(true)
    expect(runShape([block(LEAD, 3), block(LEAD, 1), block(LEAD, 1)]).gapsVary).toBe(false)
  })

  it('does not count the gaps around date lines, which tie to the paragraph after them', () => {
    const blocks = [block(LEAD, 0), block('04.03.2025', 2), block(LEAD, 0), block(LEAD, 1)]
    expect(runShape(blocks).gapsVary).toBe(false)
  })
})
