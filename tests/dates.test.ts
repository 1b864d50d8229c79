import { expect, test } from 'vitest'
import { dateSortKey, formatDate, isRealDate, parseDisplayDate } from '../scripts/core/dates.ts'

test.each([
  ['8 Jan 2024', '2024-01-08', '8 Jan 2024'],
  ['16 Feb 2023', '2023-02-16', '16 Feb 2023'],
  ['March 2024', '2024-03', 'March 2024'],
  ['Winter 2022', '2022-winter', 'Winter 2022'],
  ['1993', '1993', '1993'],
  ['Jan 8, 2024', '2024-01-08', '8 Jan 2024'],
  ['8 September 2023', '2023-09-08', '8 Sep 2023'],
  ['Sept 2023', '2023-09', 'September 2023'],
  ['2024-01-08', '2024-01-08', '8 Jan 2024'],
  ['Fall 2021', '2021-fall', 'Fall 2021']
])('%s is read as %s and shown as %s', (shown, value, canonical) => {
  expect(parseDisplayDate(shown)).toBe(value)
  expect(formatDate(value)).toBe(canonical)
})

test.each(['30 Feb 2024', 'Smarch 2024', '2024-13', 'soon', '15 Nov'])('%s is not a date', (shown) => {
  expect(parseDisplayDate(shown)).toBeUndefined()
})

test('dates order newest first, a coarser date before the finer dates of its period', () => {
  const values = ['1993', '2024', '2024-01-08', '2024-03', '2022-winter', '2022-06-16']
  const ordered = [...values].sort((a, b) => dateSortKey(b) - dateSortKey(a))
  expect(ordered).toEqual(['2024-03', '2024-01-08', '2024', '2022-06-16', '2022-winter', '1993'])
  expect(isRealDate('2024-02-29')).toBe(true)
  expect(isRealDate('2023-02-29')).toBe(false)
})
