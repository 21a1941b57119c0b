import { describe, expect, it } from 'vitest'
import { textToHtml } from '../../src/feeds/html'

describe('textToHtml', () => {
  it('makes a paragraph of each block between blank lines', () => {
    expect(textToHtml('One.\n\nTwo.\n \nThree.')).toBe('<p>One.</p>\n<p>Two.</p>\n<p>Three.</p>')
  })

  it('escapes every character of the text: markup in the corpus is data', () => {
    expect(textToHtml('<script>alert(1)</script> & AT&T "q" \'s')).toBe(
      '<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; AT&amp;T &quot;q&quot; &#39;s</p>'
    )
  })

  it('keeps single line breaks inside a paragraph as <br>', () => {
    expect(textToHtml('Line one\nLine two')).toBe('<p>Line one<br>Line two</p>')
  })

  it('reads Windows line ends and drops empty paragraphs', () => {
    expect(textToHtml('\r\n\r\nOne.\r\n\r\n\r\n\r\nTwo.\r\n')).toBe('<p>One.</p>\n<p>Two.</p>')
  })

  it('gives nothing for empty text', () => {
    expect(textToHtml('')).toBe('')
  })
})
