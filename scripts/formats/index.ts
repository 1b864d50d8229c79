/** The registry of README formats, by the name templates use in `format:`. */
import { atom } from './atom.ts'
import { bibtex } from './bibtex.ts'
import { categorized } from './categorized.ts'
import { cslJson } from './csl-json.ts'
import type { Format } from './types.ts'
import { lines } from './lines.ts'
import { table } from './table.ts'
import { venueTable } from './venue-table.ts'

export const formats: Record<string, Format<any>> = {
  [venueTable.name]: venueTable,
  [categorized.name]: categorized,
  [table.name]: table,
  [lines.name]: lines,
  [bibtex.name]: bibtex,
  [cslJson.name]: cslJson,
  [atom.name]: atom
}

export type FormatName = 'venue-table' | 'categorized' | 'table' | 'lines' | 'bibtex' | 'csl-json' | 'atom'
