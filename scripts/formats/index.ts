/** The registry of README formats, by the name templates use in `format:`. */
import { categorized } from './categorized.ts'
import type { Format } from './types.ts'
import { venueTable } from './venue-table.ts'

export const formats: Record<string, Format<any>> = {
  [venueTable.name]: venueTable,
  [categorized.name]: categorized
}

export type FormatName = 'venue-table' | 'categorized'
