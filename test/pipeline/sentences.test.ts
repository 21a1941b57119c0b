import { describe, expect, it } from 'vitest'
import { cutAtSentence, cutAtWord, splitSentences } from '../../src/pipeline/sentences'

describe('splitSentences', () => {
  it('splits at sentence ends', () => {
    expect(splitSentences('The council met. It adopted a plan! Was it late? No.')).toEqual([
      'The council met.',
      'It adopted a plan!',
      'Was it late?',
      'No.',
    ])
  })
  it('does not split after initials or abbreviations', () => {
    expect(
      splitSentences('He met R. Otunbaeva and Mr. Smith in St. Petersburg. Then he left.')
    ).toEqual(['He met R. Otunbaeva and Mr. Smith in St. Petersburg.', 'Then he left.'])
  })
  it('splits after a closing quote', () => {
    expect(splitSentences('The operation is called “Channel.” It started in May.')).toEqual([
      'The operation is called “Channel.”',
      'It started in May.',
    ])
  })
})

describe('cuts', () => {
  it('cuts at a word boundary and marks the cut', () => {
    expect(cutAtWord('one two three four', 12)).toBe('one two…')
  })
  it('leaves short text whole', () => {
    expect(cutAtWord('short', 12)).toBe('short')
  })
  it('keeps whole sentences that fit', () => {
    expect(cutAtSentence(['First one.', 'Second one.', 'Third one is long.'], 25)).toBe(
      'First one. Second one.'
    )
  })
  it('cuts a first sentence that alone is too long', () => {
    expect(cutAtSentence(['A very long first sentence here.'], 12)).toBe('A very long…')
  })
})
