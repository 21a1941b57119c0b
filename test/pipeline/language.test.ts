import { describe, expect, it } from 'vitest'
import { detectLang, isTranslationPair, separateTranslations } from '../../src/pipeline/language'

const RU =
  'Благодаря политической воле государств-членов Организации мы прошли этап согласования программы на 2024 год.'
const EN =
  'Thanks to the political will of the member states of the Organization, we have passed the stage of agreeing the 2024 program.'
const OTHER_EN =
  'The erosion of the international legal regime of arms control makes this problem particularly urgent for all our countries today.'

describe('detectLang', () => {
  it.each([
    ['Dear Chairman,', 'en'],
    ['Уважаемые члены Совета!', 'ru'],
    ['STATEMENT', 'en'],
    ['03.06.2024', 'und'],
    ['CSTO (ОДКБ) meeting', 'en'],
  ])('labels %j as %s', (text, lang) => {
    expect(detectLang(text)).toBe(lang)
  })
})

describe('translations', () => {
  it('pairs a Russian paragraph with its English translation', () => {
    expect(isTranslationPair(RU, EN)).toBe(true)
  })
  it('does not pair paragraphs whose numbers differ', () => {
    expect(isTranslationPair(RU, EN.replace('2024', '2025'))).toBe(false)
  })
  it('keeps the English as text and the Russian as the alternate', () => {
    expect(separateTranslations([OTHER_EN, RU, EN])).toEqual({
      lang: 'en',
      text: [OTHER_EN, EN],
      alternate: [RU],
    })
  })
  it('keeps a Russian paragraph without a twin in the text', () => {
    const lone = 'Заседание прошло в режиме видеоконференции.'
    expect(separateTranslations([OTHER_EN, lone]).text).toEqual([OTHER_EN, lone])
  })
  it('labels an all-Russian item ru', () => {
    expect(separateTranslations([RU, 'Заседание прошло в режиме видеоконференции.']).lang).toBe(
      'ru'
    )
  })
})
