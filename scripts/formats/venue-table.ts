/**
 * The venue table: one row per entry, `| Venue | Key Name | Title | Code |`,
 * venues newest first by event date, `papers.json` order within a venue.
 */
import type { PhrasingContent, TableCell, TableRow } from 'mdast'
import { dataText, linkNode as link, textNode as text } from '../core/markdown.ts'
import type { Entry } from '../core/model.ts'
import { orderVenues, venueLabel } from '../core/venues.ts'
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
}

export const venueTable: Format<VenueTableOptions> = {
  name: 'venue-table',
  description: 'One table row per entry: venue, key name, linked title, code link; newest venue first.',
  defaults: {
    venueLabel: '{venue}',
    columns: { venue: 'Venue', key: 'Key Name', title: 'Title', code: 'Code' },
    missing: 'N/A',
    codeLabel: 'Link'
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
      codeLabel: { description: 'Label of a code link without its own label.', type: 'string', minLength: 1 }
    }
  },
  render({ data, entries, options }) {
    const byVenue = new Map<string, Entry[]>()
    const unplaced: Entry[] = []
    for (const entry of entries) {
      if (entry.venue === undefined) {
        unplaced.push(entry)
        continue
      }
      const rows = byVenue.get(entry.venue) ?? []
      rows.push(entry)
      byVenue.set(entry.venue, rows)
    }
    const rows: TableRow[] = [row([text(options.columns.venue)], [text(options.columns.key)], [text(options.columns.title)], [text(options.columns.code)])]
    for (const venue of orderVenues([...byVenue.keys()], data.venues)) {
      for (const entry of byVenue.get(venue)!) rows.push(entryRow(entry, venueLabel(venue, options.venueLabel), options))
    }
    for (const entry of unplaced) rows.push(entryRow(entry, options.missing, options))
    return { blocks: [{ type: 'table', align: [null, null, null, null], children: rows }], headings: [], problems: [] }
  }
}

function entryRow(entry: Entry, venue: string, options: VenueTableOptions): TableRow {
  const paper = entry.links?.find((item) => item.type === 'paper')
  const code: PhrasingContent[] = []
  for (const item of entry.links ?? []) {
    if (item.type !== 'code') continue
    if (code.length > 0) code.push(text(' '))
    code.push(link(item.url, item.label ?? options.codeLabel))
  }
  return row(
    [dataText(venue)],
    [entry.key !== undefined ? dataText(entry.key) : text(options.missing)],
    [paper ? { type: 'link', url: paper.url, children: [dataText(entry.title)] } : dataText(entry.title)],
    code.length > 0 ? code : [text(options.missing)]
  )
}

function row(...cells: PhrasingContent[][]): TableRow {
  return { type: 'tableRow', children: cells.map((children): TableCell => ({ type: 'tableCell', children })) }
}
