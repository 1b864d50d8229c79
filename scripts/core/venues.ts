/** Venue names, labels and the venue table's order. */
import type { PapersFile } from './model.ts'

/** `CVPR 2024` → `{series: 'CVPR', year: 2024}`; `TMLR` → `{series: 'TMLR'}`. */
export function splitVenue(name: string): { series: string; year?: number } {
  const match = /^(.*\S)\s+(\d{4})$/.exec(name)
  return match ? { series: match[1]!, year: Number(match[2]) } : { series: name }
}

/**
 * Renders a venue through a label pattern with `{venue}`, `{series}` and
 * `{year}`; a venue without a year is shown by its name.
 */
export function venueLabel(name: string, pattern: string): string {
  const { series, year } = splitVenue(name)
  if (year === undefined && pattern.includes('{year}')) return name
  return pattern
    .replaceAll('{venue}', name)
    .replaceAll('{series}', series)
    .replaceAll('{year}', year === undefined ? '' : String(year))
}

/**
 * Orders venue names newest first: by year, then by event date (a venue
 * without a date comes first within its year), then by first appearance.
 * A total order, so the output never depends on the sort algorithm.
 */
export function orderVenues(names: readonly string[], venues: PapersFile['venues']): string[] {
  const keyed = names.map((name, appearance) => {
    const date = venues[name]?.date
    const year = date ? Number(date.slice(0, 4)) : (splitVenue(name).year ?? Number.NEGATIVE_INFINITY)
    return { name, appearance, year, date: date ?? '9999-99-99' }
  })
  keyed.sort((a, b) => b.year - a.year || (a.date < b.date ? 1 : a.date > b.date ? -1 : 0) || a.appearance - b.appearance)
  return keyed.map((item) => item.name)
}
