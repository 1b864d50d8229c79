/** Spellings of venues: the registry key another spelling means. */
import { splitVenue } from './venues.ts'

const normal = (text: string) => text.toLowerCase().replace(/\s+/g, ' ').trim()

/**
 * The one way a short venue with a year is written, `Series YYYY`: `2024 ICLR`,
 * `ICLR2024`, `ICLR-2024` and `ICLR'2024` are all `ICLR 2024`. A long name
 * (`2024 IEEE International Conference on …`) is an official title and stays.
 */
export function seriesFirst(name: string): string {
  const spaced = name.trim().replace(/\s+/g, ' ')
  const leading = /^((?:19|20)\d{2}) (\S*\p{L}\S*)$/u.exec(spaced)
  if (leading) return `${leading[2]} ${leading[1]}`
  const glued = /^(\S*\p{L})[-_'’]?((?:19|20)\d{2})$/u.exec(spaced)
  if (glued) return `${glued[1]} ${glued[2]}`
  return spaced
}

/** The canonical spelling of a venue name by the alias table (`NIPS 2022` → `NeurIPS 2022`), or the name. */
export function canonicalSpelling(name: string, aliases: Record<string, string>): string {
  const { series, year } = splitVenue(seriesFirst(name))
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
