/**
 * Dates as lists write them, by a small format language: `YYYY` `YY` year,
 * `MMMM` `MMM` `MM` `M` month (name, short name, padded, number), `DD` `D`
 * day; anything else literal. `D MMM YYYY` is `4 Sep 2022`, `YY.MM` is
 * `24.10`. Data dates keep their precision (`YYYY`, `YYYY-MM`,
 * `YYYY-MM-DD`), so a format that needs a day gives nothing for a month.
 * Hand-written because date libraries model instants, not partial dates.
 */
const monthNames = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']

const tokenPattern = /YYYY|YY|MMMM|MMM|MM|M|DD|D/g

export function formatDatePattern(value: string, format: string): string | undefined {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value)
  if (!match) return undefined
  const [, year, month, day] = match
  // A coarser date than the format shows drops the parts it lacks, with their separators: `YYYY-M-D` of `2023-12` is `2023-12`.
  let shape = format
  if (day === undefined) shape = shape.replace(/[\s.,/-]*\bD{1,2}\b,?/g, '')
  if (month === undefined) shape = shape.replace(/[\s.,/-]*\bM{1,4}\b[\s.,/-]*(?=\bY)|[\s.,/-]*\bM{1,4}\b/g, '')
  if (!/Y/.test(shape)) return undefined
  return shape.replace(tokenPattern, (token) => {
    switch (token) {
      case 'YYYY':
        return year!
      case 'YY':
        return year!.slice(2)
      case 'MMMM':
        return monthNames[Number(month) - 1]!
      case 'MMM':
        return monthNames[Number(month) - 1]!.slice(0, 3)
      case 'MM':
        return month!
      case 'M':
        return String(Number(month))
      case 'DD':
        return day!
      default:
        return String(Number(day))
    }
  })
}

export interface DateToken {
  /** Offset in the text searched. */
  index: number
  text: string
  /** The data date, `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. */
  value: string
  format: string
}

const monthWord = '(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)'

/** Each recognized shape: its expression (groups: year, month, day by name) and how to name its format. */
const shapes: Array<{ expression: RegExp; format: (groups: Record<string, string>) => string }> = [
  { expression: new RegExp(`\\b(?<day>\\d{1,2}) (?<month>${monthWord}) (?<year>\\d{4})\\b`, 'g'), format: (g) => `${g.day!.length === 2 && g.day!.startsWith('0') ? 'DD' : 'D'} ${monthFormat(g.month!)} YYYY` },
  { expression: new RegExp(`\\b(?<month>${monthWord}) (?<day>\\d{1,2}), (?<year>\\d{4})\\b`, 'g'), format: (g) => `${monthFormat(g.month!)} ${g.day!.startsWith('0') ? 'DD' : 'D'}, YYYY` },
  { expression: new RegExp(`\\b(?<month>${monthWord}),? (?<year>\\d{4})\\b`, 'g'), format: (g) => `${monthFormat(g.month!)}${/,/.test(g.whole ?? '') ? ',' : ''} YYYY` },
  { expression: /\b(?<year>(?:19|20)\d{2})(?<sep>[-/.])(?<month>\d{1,2})\k<sep>(?<day>\d{1,2})\b/g, format: (g) => `YYYY${g.sep}${g.month!.startsWith('0') ? 'MM' : 'M'}${g.sep}${g.day!.startsWith('0') ? 'DD' : 'D'}` },
  { expression: /\b(?<year>(?:19|20)\d{2})(?<sep>[-/.])(?<month>\d{1,2})\b(?![-/.]\d)/g, format: (g) => `YYYY${g.sep}${g.month!.startsWith('0') ? 'MM' : 'M'}` },
  { expression: /\b(?<month>\d{1,2})(?<sep>[/.-])(?<year>(?:19|20)\d{2})\b/g, format: (g) => `${g.month!.startsWith('0') ? 'MM' : 'M'}${g.sep}YYYY` },
  { expression: /(?<=['’])(?<yy>\d{2})\.(?<month>\d{1,2})\b/g, format: (g) => (g.month!.startsWith('0') ? 'YY.MM' : 'YY.M') },
  { expression: /(?<=[A-Za-z]['’])(?<yy>\d{2})(?![\d.])/g, format: () => 'YY' },
  { expression: /\b(?<year>(?:19|20)\d{2})\b/g, format: () => 'YYYY' }
]

function monthFormat(word: string): string {
  return word.length <= 3 ? 'MMM' : word === 'Sept' ? 'MMM' : 'MMMM'
}

/** Every date in `text`, longest shapes first, not overlapping. */
export function findDates(text: string): DateToken[] {
  const found: DateToken[] = []
  const taken = (start: number, end: number) => found.some((token) => start < token.index + token.text.length && end > token.index)
  for (const shape of shapes) {
    for (const match of text.matchAll(shape.expression)) {
      const start = match.index!
      const end = start + match[0].length
      if (taken(start, end)) continue
      const groups = { ...(match.groups ?? {}), whole: match[0] } as Record<string, string>
      const year = groups.year ?? (groups.yy ? `20${groups.yy}` : undefined)
      if (!year) continue
      const month = groups.month === undefined ? undefined : /^\d+$/.test(groups.month) ? Number(groups.month) : monthNumber(groups.month)
      const day = groups.day === undefined ? undefined : Number(groups.day)
      if (month !== undefined && (month < 1 || month > 12)) continue
      if (day !== undefined && (day < 1 || day > 31 || month === undefined)) continue
      const value = `${year}${month !== undefined ? `-${String(month).padStart(2, '0')}` : ''}${day !== undefined ? `-${String(day).padStart(2, '0')}` : ''}`
      const format = shape.format(groups)
      // Only what reads back the same is a date of this format.
      if (formatDatePattern(value, format) !== match[0]) continue
      found.push({ index: start, text: match[0], value, format })
    }
  }
  return found.sort((a, b) => a.index - b.index)
}

function monthNumber(word: string): number {
  const lower = word.toLowerCase().slice(0, 3)
  return monthNames.findIndex((name) => name.toLowerCase().startsWith(lower)) + 1
}
