import { describe, expect, it } from 'vitest'
import { compileTerm, countTerms } from '../../src/pipeline/lexicon'

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
  it('are each counted where they share their first words and part later', () => {
    const terms = [
      'Minister of Defence of Belarus',
      'Minister of Foreign Affairs of Belarus',
      'Minist* of Defen*',
      'Minister',
    ].map(compileTerm)
    const text =
      'The Minister of Defence of Belarus met the Minister of Foreign Affairs of Belarus.'
    expect(countTerms(terms, text)).toEqual([1, 1, 1, 2])
    expect(countTerms(terms, 'the Ministers of Defense of the member states')).toEqual([0, 0, 1, 0])
  })
})
