import { describe, expect, it } from 'vitest'
import { cleanXmlText, escapeXml, xmlElement } from '../../src/feeds/xml'

describe('escapeXml', () => {
  it('escapes the five XML special characters', () => {
    expect(escapeXml(`<a href="x">AT&T's</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;AT&amp;T&#39;s&lt;/a&gt;'
    )
  })

  it('escapes an existing entity once more, so it stays literal', () => {
    expect(escapeXml('&amp;')).toBe('&amp;amp;')
  })
})

describe('cleanXmlText', () => {
  it('removes C0 controls but keeps tab, line feed and carriage return', () => {
    expect(cleanXmlText('a\u0000b\u0001c\u0008d\u000Be\u000Cf\u001Fg\th\ni\rj')).toBe(
      'abcdefg\th\ni\rj'
    )
  })

  it('removes U+FFFE and U+FFFF', () => {
    expect(cleanXmlText('a\uFFFEb\uFFFFc')).toBe('abc')
  })

  it('removes lone surrogates and keeps paired ones (emoji)', () => {
    expect(cleanXmlText('a\uD800b\uDC00c 🚀')).toBe('abc 🚀')
  })

  it('keeps right-to-left text, Cyrillic and C1-free Unicode as is', () => {
    const text = 'مكافحة — מאבק — ОДКБ «Взаимодействие» \u00A0'
    expect(cleanXmlText(text)).toBe(text)
  })
})

describe('xmlElement', () => {
  it('cleans and escapes text and attributes, and leaves out null attributes', () => {
    expect(xmlElement('a', { href: 'x?a=1&b=<2>', rel: null }, 'A & B\u0001')).toBe(
      '<a href="x?a=1&amp;b=&lt;2&gt;">A &amp; B</a>'
    )
  })

  it('closes an element without text on itself', () => {
    expect(xmlElement('fh:archive', {}, null)).toBe('<fh:archive/>')
  })
})
