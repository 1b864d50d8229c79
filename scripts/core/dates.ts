/**
 * Entry dates keep the precision the list shows: a year (`1993`), a month
 * (`2024-03`, shown `March 2024`), a day (`2024-01-08`, shown `8 Jan 2024`)
 * or a season (`2022-winter`, shown `Winter 2022`).
 */
const monthNames = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']
const seasons = ['spring', 'summer', 'fall', 'autumn', 'winter'] as const
/** The month a season starts in, for ordering (a winter term starts in January). */
const seasonMonth: Record<(typeof seasons)[number], number> = { winter: 1, spring: 4, summer: 7, fall: 10, autumn: 10 }

const datePattern = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?|-(spring|summer|fall|autumn|winter))?$/

interface DateParts {
  year: number
  month?: number
  day?: number
  season?: (typeof seasons)[number]
}

function parts(value: string): DateParts | undefined {
  const match = datePattern.exec(value)
  if (!match) return undefined
  const [, year, month, day, season] = match
  return {
    year: Number(year),
    ...(month ? { month: Number(month) } : {}),
    ...(day ? { day: Number(day) } : {}),
    ...(season ? { season: season as DateParts['season'] } : {})
  }
}

/** `2024-01-08` → `8 Jan 2024`, `2024-03` → `March 2024`, `2022-winter` → `Winter 2022`. */
export function formatDate(value: string): string {
  const date = parts(value)
  if (!date) return value
  if (date.season) return `${capitalize(date.season)} ${date.year}`
  if (date.month === undefined) return String(date.year)
  const name = monthNames[date.month - 1]!
  if (date.day === undefined) return `${name} ${date.year}`
  return `${date.day} ${name.slice(0, 3)} ${date.year}`
}

/** A number that orders dates; a coarser date sorts before the finer dates of its period. */
export function dateSortKey(value: string | undefined): number {
  const date = value === undefined ? undefined : parts(value)
  if (!date) return -1
  const month = date.season ? seasonMonth[date.season] : (date.month ?? 0)
  return date.year * 10000 + month * 100 + (date.day ?? 0)
}

/** Whether `value` is a date that exists (no 30 February). */
export function isRealDate(value: string): boolean {
  const date = parts(value)
  if (!date) return false
  if (date.month === undefined || date.day === undefined) return true
  const probe = new Date(Date.UTC(date.year, date.month - 1, date.day))
  return probe.getUTCMonth() === date.month - 1 && probe.getUTCDate() === date.day
}

/**
 * Reads a date as lists write it (`8 Jan 2024`, `Jan 8, 2024`, `March 2024`,
 * `Winter 2022`, `2024-01-08`, `1993`); `undefined` when it is not one.
 */
export function parseDisplayDate(text: string): string | undefined {
  const value = text.trim().replace(/\s+/g, ' ')
  const iso = /^(\d{4})(?:[-/](\d{1,2})(?:[-/](\d{1,2}))?)?$/.exec(value)
  if (iso) return build(Number(iso[1]), iso[2] ? Number(iso[2]) : undefined, iso[3] ? Number(iso[3]) : undefined)
  const dayFirst = /^(\d{1,2}) ([A-Za-z]+)\.? (\d{4})$/.exec(value)
  if (dayFirst) return build(Number(dayFirst[3]), month(dayFirst[2]!), Number(dayFirst[1]))
  const monthFirst = /^([A-Za-z]+)\.? (\d{1,2}),? (\d{4})$/.exec(value)
  if (monthFirst) return build(Number(monthFirst[3]), month(monthFirst[1]!), Number(monthFirst[2]))
  const monthYear = /^([A-Za-z]+)\.?,? (\d{4})$/.exec(value)
  if (monthYear) {
    const season = monthYear[1]!.toLowerCase()
    if ((seasons as readonly string[]).includes(season)) return `${monthYear[2]}-${season}`
    return build(Number(monthYear[2]), month(monthYear[1]!))
  }
  return undefined
}

function build(year: number, month?: number, day?: number): string | undefined {
  if (month === undefined) return day === undefined ? String(year) : undefined
  if (!Number.isInteger(month) || month < 1 || month > 12) return undefined
  const value = `${year}-${pad(month)}${day === undefined ? '' : `-${pad(day)}`}`
  return isRealDate(value) ? value : undefined
}

function month(name: string): number {
  const lower = name.toLowerCase()
  if (lower.length < 3) return Number.NaN
  // `Sept` is a common abbreviation that is not a prefix of three letters.
  const index = monthNames.findIndex((full) => full.toLowerCase().startsWith(lower === 'sept' ? 'sep' : lower))
  return index === -1 ? Number.NaN : index + 1
}

function pad(value: number): string {
  return String(value).padStart(2, '0')
}

function capitalize(value: string): string {
  return value.charAt(0).toUpperCase() + value.slice(1)
}
