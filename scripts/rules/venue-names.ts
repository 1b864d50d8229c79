/** Spellings of venues: the registry key another spelling means. */
import { splitVenue } from '../core/venues.ts'

const normal = (text: string) => text.toLowerCase().replace(/\s+/g, ' ').trim()

/** The canonical spelling of a venue name by the alias table (`NIPS 2022` → `NeurIPS 2022`), or the name. */
export function canonicalSpelling(name: string, aliases: Record<string, string>): string {
  const { series, year } = splitVenue(name.trim().replace(/\s+/g, ' '))
  const wanted = normal(series)
  const alias = Object.entries(aliases).find(([other]) => normal(other) === wanted)?.[1]
  const canonical = alias ?? series
  return year === undefined ? canonical : `${canonical} ${year}`
}

/** The registry key that `name` is another spelling of, if any. */
export function registryMatch(name: string, registry: readonly string[], aliases: Record<string, string>): string | undefined {
  const byNormal = new Map(registry.map((key) => [normal(key), key]))
  return byNormal.get(normal(name)) ?? byNormal.get(normal(canonicalSpelling(name, aliases)))
}
