import { describe, expect, it } from 'vitest'
import { toBlocks } from '../../src/pipeline/blocks'

const blocksOf = (text: string) => toBlocks(text)

describe('toBlocks', () => {
  it('keeps each non-empty line with the number of blank lines before it', () => {
    expect(blocksOf('A\n\n\nB\nC').blocks).toEqual([
      { text: 'A', gapBefore: 0 },
      { text: 'B', gapBefore: 2 },
      { text: 'C', gapBefore: 0 },
    ])
  })

  it('takes out image file names glued to the text, and reports them', () => {
    const { blocks, removed } = blocksOf(
      'IMG-20190301-WA0012.jpgIn Minsk the council met. DSC_4960.JPG'
    )
    expect(blocks).toEqual([{ text: 'In Minsk the council met.', gapBefore: 0 }])
    expect(removed.map((r) => r.kind)).toEqual(['image-file-name', 'image-file-name'])
  })

  it('splits a date glued to its text, and keeps the date of a download line without the link', () => {
    expect(blocksOf('03.12.2024On 3 December the council met.').blocks.map((b) => b.text)).toEqual([
      '03.12.2024',
      'On 3 December the council met.',
    ])
    const download = blocksOf('10.06.2022 Download document 9f3c.docx')
    expect(download.blocks.map((b) => b.text)).toEqual(['10.06.2022'])
    expect(download.removed).toEqual([
      { kind: 'download-link', detail: 'Download document 9f3c.docx' },
    ])
  })

  it('takes out a logo token glued to the first word of a line, in either script', () => {
    const latin = blocksOf('ОДКБCSTO Secretary General visited the Forces')
    expect(latin.blocks.map((b) => b.text)).toEqual(['CSTO Secretary General visited the Forces'])
    expect(latin.removed).toEqual([{ kind: 'logo-token', detail: 'ОДКБ' }])
    expect(blocksOf('CSTOГенеральный секретарь').blocks.map((b) => b.text)).toEqual([
      'Генеральный секретарь',
    ])
    // Words of one script, and capitals followed by a space, are text.
    for (const line of ['ОДКБ CSTO', 'CSTO and ОДКБ', 'NATO', 'ОДКБ'])
      expect(blocksOf(line).blocks.map((b) => b.text)).toEqual([line])
  })
})
