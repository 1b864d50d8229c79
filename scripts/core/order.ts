/**
 * The registry in the venue table's order, newest first, with ties (the same
 * year without dates, or no year at all) by name, so the order does not
 * depend on how the file was written.
 */
export function canonicalVenueOrder(venues: PapersFile['venues']): PapersFile['venues'] {
  const byName = Object.keys(venues).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  return Object.fromEntries(orderVenues(byName, venues).map((name) => [name, venues[name]!]))
}

/**
 * The canonical order of entries in `papers.json`: the venue table's order
 * (venues newest first), keeping the file's order within a venue; entries
 * without a venue last. Stable, so applying it twice changes nothing.
 */
import type { Entry, PapersFile } from './model.ts'
import { orderVenues } from './venues.ts'

export function canonicalEntryOrder(data: PapersFile): Entry[] {
  const appearance: string[] = []
  const seen = new Set<string>()
  for (const entry of data.entries) {
    if (typeof entry.venue === 'string' && !seen.has(entry.venue)) {
      seen.add(entry.venue)
      appearance.push(entry.venue)
    }
  }
  const rank = new Map(orderVenues(appearance, data.venues).map((name, index) => [name, index]))
  const rankOf = (entry: Entry) => (typeof entry.venue === 'string' ? rank.get(entry.venue)! : Number.POSITIVE_INFINITY)
  return [...data.entries].sort((a, b) => rankOf(a) - rankOf(b))
}
