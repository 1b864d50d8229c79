/**
 * Entries from what the reader found: venues registered once (`ICLR 2022`,
 * however the list writes it), the same paper met twice kept once with both
 * memberships, link labels kept only where they differ from the pattern's.
 * Pure.
 */
import { EntryIndex, normalizeTitle } from '../core/identity.ts'
import type { Entry, Link, PapersFile } from '../core/model.ts'
import { patternLabel } from './patterns.ts'
import type { EntryParts } from './reader.ts'
import type { Repair } from './types.ts'
import { guessVenueType } from './venues.ts'

export interface ReadEntry {
  parts: EntryParts & { links: Array<Link & { placeholder?: string }> }
  line: number
  category?: string
  /** The pattern the entry is written back with, for its link labels. */
  pattern: string
}

export function buildEntries(read: readonly ReadEntry[], repairs: Repair[]): Pick<PapersFile, 'venues' | 'entries'> {
  const venues: PapersFile['venues'] = {}
  const entries: Entry[] = []
  const index = new EntryIndex()
  for (const item of read) {
    const { parts } = item
    if (parts.title === undefined || parts.title.trim() === '') {
      repairs.push({ line: item.line, column: 1, kind: 'import/not-read', message: 'No title found in this entry; it is not imported' })
      continue
    }
    const venue = parts.venue ? (parts.venue.year ? `${parts.venue.series} ${parts.venue.year}` : parts.venue.series) : undefined
    if (venue !== undefined && !venues[venue]) venues[venue] = { type: guessVenueType(venue) }
    const links = (parts.links as Array<Link & { placeholder?: string }>).map(({ placeholder, ...link }) => {
      const written = placeholder ? patternLabel(item.pattern, placeholder) : undefined
      return link.label !== undefined && written === link.label ? { type: link.type, url: link.url } : link
    })
    const entry: Entry = {
      kind: /\bsurvey\b|\breview\b/i.test(parts.title) ? 'survey' : 'paper',
      ...(parts.key !== undefined ? { key: parts.key } : {}),
      title: parts.title.replace(/\s+/g, ' ').trim(),
      ...(parts.authors && parts.authors.length > 0 ? { authors: parts.authors } : {}),
      ...(venue !== undefined ? { venue } : {}),
      ...(parts.date !== undefined ? { date: parts.date } : {}),
      ...(links.length > 0 ? { links } : {}),
      ...(parts.tags.length > 0 ? { tags: parts.tags } : {}),
      ...(parts.withdrawn ? { withdrawn: true as const } : {}),
      ...(Object.keys(parts.extra).length > 0 ? { extra: parts.extra } : {}),
      ...(item.category !== undefined ? { categories: [{ category: item.category }] } : {})
    }
    const found = index.find(entry)
    // One link shared by two titles is a slip of the list, not one paper: both are kept, and lint names the pair.
    const earlier = found && normalizeTitle(found.title) === normalizeTitle(entry.title) ? found : undefined
    if (earlier) {
      // The same paper in another section: one entry, listed in both.
      if (item.category !== undefined && !earlier.categories?.some((membership) => membership.category === item.category)) {
        ;(earlier.categories ??= []).push({ category: item.category })
        repairs.push({ line: item.line, column: 1, kind: 'import/same-paper', message: `\`${entry.title}\` is listed earlier too: one entry, shown in both sections, as the earlier one reads` })
      } else {
        repairs.push({ line: item.line, column: 1, kind: 'import/duplicate-row', message: `\`${entry.title}\` repeats an entry listed earlier; the repeat is dropped` })
      }
      continue
    }
    index.add(entry)
    entries.push(entry)
  }
  return { venues, entries }
}

