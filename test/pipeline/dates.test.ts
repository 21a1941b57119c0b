import { describe, expect, it } from 'vitest'
import {
  findEventDate,
  isTruncatedDate,
  parseDateLine,
  splitDownloadLine,
  splitGluedDate,
  splitTitleDate,
} from '../../src/pipeline/dates'

describe('parseDateLine', () => {
  it.each([
    ['03.06.2024', '2024-06-03'],
    ['3.6.2024', '2024-06-03'],
    ['07.07.2025 14:30', '2025-07-07'],
    ['12/03/2024 10:15', '2024-12-03'],
    ['06/30/2025', '2025-06-30'],
    ['September 2, 2020 года', '2020-09-02'],
    ['2 September 2020', '2020-09-02'],
    ['2 сентября 2020 года', '2020-09-02'],
    ['2024-06-03', '2024-06-03'],
  ])('reads %s as %s', (line, expected) => {
    expect(parseDateLine(line)).toBe(expected)
  })

  it('reads 03.06.2024 as 3 June, never 6 March', () => {
    expect(parseDateLine('03.06.2024')).toBe('2024-06-03')
  })

  it.each([
    '31.02.2024',
    '13/13/2024',
    '00.01.2024',
    'On 3 June 2024 the council met',
    '16.01.20',
    '',
  ])('finds no date line in %j', (line) => {
    expect(parseDateLine(line)).toBeNull()
  })
})

describe('splitTitleDate', () => {
  it('splits a repeated title from its date', () => {
    expect(splitTitleDate('Abstracts of the speech 03.06.2024')).toEqual({
      title: 'Abstracts of the speech',
      date: '2024-06-03',
    })
  })
  it('leaves a line without a date suffix alone', () => {
    expect(splitTitleDate('Abstracts of the speech')).toBeNull()
  })
})

describe('splitGluedDate and isTruncatedDate', () => {
  it('separates a date glued to the text after it', () => {
    expect(splitGluedDate('03.12.2024On 3 December the council met.')).toEqual([
      '03.12.2024',
      'On 3 December the council met.',
    ])
  })
  it('separates a date glued to the same date written out in words', () => {
    expect(splitGluedDate('20.11.202020 ноября 2020 года в Москве прошло заседание.')).toEqual([
      '20.11.2020',
      '20 ноября 2020 года в Москве прошло заседание.',
    ])
    // A longer number after the year is no date written out.
    expect(splitGluedDate('20.11.2020123 units')).toBeNull()
  })
  it('takes the date of a line it shares with a download link, and the link apart', () => {
    expect(splitDownloadLine('10.06.2022 Download document 9f3c2a7b41e0d5c8.docx')).toEqual({
      date: '10.06.2022',
      link: 'Download document 9f3c2a7b41e0d5c8.docx',
    })
    expect(splitDownloadLine('10.06.2022 Скачать документ')).toMatchObject({ date: '10.06.2022' })
    expect(splitDownloadLine('10.06.2022 Downloads of the report were counted')).toBeNull()
    expect(splitDownloadLine('On 10.06.2022 Download')).toBeNull()
  })
  it('does not split a date followed by a space', () => {
    expect(splitGluedDate('03.12.2024 On 3 December')).toBeNull()
  })
  it('knows a date cut short at the end of a truncated page', () => {
    expect(isTruncatedDate('16.01.20')).toBe(true)
    expect(isTruncatedDate('16.01.2024')).toBe(false)
    expect(isTruncatedDate('On 16 January')).toBe(false)
  })
})

describe('findEventDate', () => {
  it.each([
    ['On 25 July 2024, staff of the CSTO Secretariat met', null, '2024-07-25', null],
    ['From 17 to 28 June 2024, a training course was held', null, '2024-06-17', '2024-06-28'],
    ['On June 20, 2019, at 16:00, a round table', null, '2019-06-20', null],
    ['received the ministers in Cholpon-Ata on June 30.', '2025-06-30', '2025-06-30', null],
    ['On 3-5 June the exercise took place', '2024-06-10', '2024-06-03', '2024-06-05'],
    ['On September 2, 2020 года the meeting opened', null, '2020-09-02', null],
    ['С 17 по 28 июня 2024 года прошли курсы', null, '2024-06-17', '2024-06-28'],
    ['2 сентября 2020 года состоялось заседание', null, '2020-09-02', null],
    ['From 30 December 2024 to 2 January 2025 the operation ran', null, '2024-12-30', '2025-01-02'],
    ['From 30 December to 2 January 2025 the operation ran', null, '2024-12-30', '2025-01-02'],
  ])('finds the event date of %j (published %s)', (lead, published, start, end) => {
    expect(findEventDate(lead, published, lead)).toEqual({ start, end })
  })

  it('takes a missing year from the publication date, across New Year', () => {
    expect(findEventDate('On 30 December the council met', '2025-01-04', '')).toEqual({
      start: '2024-12-30',
      end: null,
    })
  })

  it('takes a missing year from a year written elsewhere in the item', () => {
    const lead = 'From 25 to 27 June, Kazakhstan hosted talks'
    expect(findEventDate(lead, null, `${lead} on "Indestructible Brotherhood-2024".`)).toEqual({
      start: '2024-06-25',
      end: '2024-06-27',
    })
  })

  it('makes up no year when nothing gives one', () => {
    expect(findEventDate('On 3 June the council met', null, 'On 3 June the council met')).toBeNull()
  })

  it('ignores ordinals, times and anniversaries', () => {
    expect(
      findEventDate('the 27th meeting, at 16:00, on the 80th anniversary', null, '')
    ).toBeNull()
  })
})
