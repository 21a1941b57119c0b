import { describe, expect, it } from 'vitest'
import { normalizeText } from '../../src/pipeline/normalize'

describe('normalizeText', () => {
  it.each([
    ['drops a byte-order mark', '\uFEFFText', 'Text'],
    ['turns CRLF and lone CR into LF', 'a\r\nb\rc', 'a\nb\nc'],
    ['turns NEL and line separators into LF', 'a\u0085b\u2028c', 'a\nb\nc'],
    ['composes to NFC', 'Cafe\u0301', 'Café'],
    ['turns NBSP and odd spaces into one space', 'a\u00A0\u2009\u202Fb', 'a b'],
    [
      'removes zero-width characters and soft hyphens',
      'in\u200Bfor\u00ADma\u2060tion',
      'information',
    ],
    ['replaces control characters with a space', 'a\u0000b\u0007c\u009Fd', 'a b c d'],
    ['drops lone surrogates and keeps pairs', 'a\uD800b\uDC00c😀', 'abc😀'],
    ['trims lines and collapses space runs', '  a   b  \t \n', 'a b\n'],
    ['empties a line of only a non-breaking space', 'a\n\u00A0\nb', 'a\n\nb'],
  ])('%s', (_, raw, expected) => {
    expect(normalizeText(raw)).toBe(expected)
  })

  it('is idempotent', () => {
    const raw = '\uFEFF a\r\n\u00A0b\u200B  c \r'
    expect(normalizeText(normalizeText(raw))).toBe(normalizeText(raw))
  })
})
