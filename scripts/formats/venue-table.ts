/**
 * The venue table: one row per entry, `| Venue | Key Name | Title | Code |`,
 * venues newest first by event date, `papers.json` order within a venue.
 * An instance of the table format (`asTable`), with options of its own.
 */
import { defaultLinkLabels } from './labels.ts'
import { escape } from './pattern.ts'
import { groupDefaults } from './sections.ts'
import { table, type TableOptions } from './table.ts'
import type { Format } from './types.ts'

export interface VenueTableOptions {
  /** How the venue is shown: `{venue}`, `{series}`, `{year}` (`{year} {series}` gives `2024 CVPR`). */
  venueLabel: string
  /** Header of each column. */
  columns: { venue: string; key: string; title: string; code: string }
  /** Shown in an empty cell. */
  missing: string
  /** Label of a code link without a label of its own. */
  codeLabel: string
  /** A fifth column linking each entry to its entry in the BibTeX output generated with it. */
  bibtexLink: boolean
}

export const venueTable: Format<VenueTableOptions> = {
  name: 'venue-table',
  description: 'One table row per entry: venue, key name, linked title, code link; newest venue first.',
  defaults: {
    venueLabel: '{venue}',
    columns: { venue: 'Venue', key: 'Key Name', title: 'Title', code: 'Code' },
    missing: 'N/A',
    codeLabel: 'Link',
    bibtexLink: false
  },
  optionsSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      venueLabel: { description: 'Venue label pattern with `{venue}`, `{series}`, `{year}`.', type: 'string', minLength: 1 },
      columns: {
        description: 'Column headers.',
        type: 'object',
        additionalProperties: false,
        properties: Object.fromEntries(['venue', 'key', 'title', 'code'].map((name) => [name, { type: 'string', minLength: 1 }]))
      },
      missing: { description: 'Text of an empty cell.', type: 'string', minLength: 1 },
      codeLabel: { description: 'Label of a code link without its own label.', type: 'string', minLength: 1 },
      bibtexLink: { description: 'A fifth column, `BibTeX`, linking each entry to its entry in the BibTeX output.', type: 'boolean' }
    }
  },
  render(input) {
    return table.render({ ...input, options: asTable(input.options) })
  }
}

/**
 * The venue table is the table format with four columns, all entries in
 * one table, newest venue first (`order: venue`), the venue by its label.
 */
export function asTable(options: VenueTableOptions): TableOptions {
  return {
    columns: [
      { header: options.columns.venue, pattern: venueCell(options.venueLabel) },
      { header: options.columns.key, pattern: '{key}' },
      { header: options.columns.title, pattern: '[{title}]({paper})' },
      { header: options.columns.code, pattern: `[${escape(options.codeLabel)}]({code.*})` },
      ...(options.bibtexLink ? [{ header: 'BibTeX', pattern: '[BibTeX]({bibtex})' }] : [])
    ],
    columnsByCategory: {},
    ...groupDefaults,
    group: 'none',
    order: 'venue',
    missing: options.missing,
    emphasis: '_',
    labels: defaultLinkLabels
  }
}

/** A venue label (`{year} {series}`) as a cell pattern; a venue without a year is shown by its name. */
function venueCell(label: string): string {
  const pattern = label
    .split(/(\{(?:venue|series|year)\})/)
    .map((part) => (/^\{(?:venue|series|year)\}$/.test(part) ? part.replace('{year}', '{vyear}') : part === '' ? '' : escape(part)))
    .join('')
  return pattern.includes('{vyear}') ? `${pattern} || {venue}` : pattern
}
