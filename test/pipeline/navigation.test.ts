import { describe, expect, it } from 'vitest'
import { pipelineConfig } from '../../src/content'
import { compileBoilerplate } from '../../src/pipeline/boilerplate'
import { edgeLineKeys, LEARNED_MIN_PAGES, learnNavigation } from '../../src/pipeline/navigation'

const isBoilerplate = compileBoilerplate(pipelineConfig.boilerplate)
const NAV = [
  'Coordination Council of the Heads of Authorized Bodies for Emergency Situations',
  '',
  'About the Council',
  '',
  'News of the Council',
  '',
]
const teaser = (n: number) => [
  `0${n}.02.2025`,
  `On ${n} February 2025, a training of rescue units number ${n} was held in Astana.`,
]
const page = (n: number) => [...NAV, ...teaser(n), '', 'Documents of the Council'].join('\n')

describe('edgeLineKeys', () => {
  it('takes the short lines at the top and the bottom of a page, by their key, but one over a date line', () => {
    expect(edgeLineKeys(page(3), isBoilerplate)).toEqual([
      'coordination council of the heads of authorized bodies for emergency situations',
      'about the council',
      'documents of the council',
    ])
  })

  it('leaves out sentences, dates, configured boilerplate and the head of a story', () => {
    const text = [
      'Go back',
      'Council meeting in Minsk',
      'Council meeting in Minsk 03.03.2025',
      'The council met in Minsk.',
      'Meeting of the Military Committee',
      '04.03.2025',
    ].join('\n')
    expect(edgeLineKeys(text, isBoilerplate)).toEqual([])
  })
})

describe('learnNavigation', () => {
  it(`learns a line at the edge of ${LEARNED_MIN_PAGES} pages, and not of fewer`, () => {
    const pages = [1, 2, 3].map((n) => ({ text: page(n) }))
    expect(learnNavigation(pages, isBoilerplate)).toEqual(
      new Set([
        'coordination council of the heads of authorized bodies for emergency situations',
        'about the council',
        'documents of the council',
      ])
    )
    expect(learnNavigation(pages.slice(0, 2), isBoilerplate).size).toBe(0)
  })

  it('does not learn a line that stands inside the pages', () => {
    const inside = (n: number) =>
      [
        ...teaser(n),
        ...teaser(n + 1),
        ...teaser(n + 2),
        'Results of the year',
        ...teaser(n + 3),
        ...teaser(n + 4),
        ...teaser(n + 5),
      ].join('\n')
    expect(
      learnNavigation(
        [1, 2, 3].map((n) => ({ text: inside(n) })),
        isBoilerplate
      ).size
    ).toBe(0)
  })
})
