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
