/**
 * Reads the venue table format: the first four-column table of the README,
 * `| Venue | Key Name | Title | Code |`.
 */
import type { PhrasingContent, Root, Table } from 'mdast'
import { toString } from 'mdast-util-to-string'
import { UsageError } from '../core/errors.ts'
import type { Entry, Link, PapersFile } from '../core/model.ts'
import { venueTable } from '../formats/venue-table.ts'
import { EntryIndex } from '../core/identity.ts'
import { mostCommon } from './most-common.ts'
import type { ImportedList, Repair } from './types.ts'
import { guessVenueType } from './venues.ts'

const missingMarkers = ['N/A', 'n/a', 'NA', '-', '—', '–', 'None', 'TBD']

export function findVenueTable(tree: Root): Table | undefined {
  return tree.children.find((node): node is Table => node.type === 'table' && (node.children[0]?.children.length ?? 0) === 4)
}

export function importVenueTable(tree: Root): ImportedList {
  const table = findVenueTable(tree)
  if (!table) throw new UsageError('No table with four columns (`| Venue | Key Name | Title | Code |`) found')
  const repairs: Repair[] = []
  const [header, ...rows] = table.children
  const defaults = venueTable.defaults
  const options: Record<string, unknown> = {}

  const columnNames = ['venue', 'key', 'title', 'code'] as const
  const labels = header!.children.map((cell) => toString(cell).trim())
  if (labels.some((label, index) => label !== defaults.columns[columnNames[index]!])) {
    options.columns = Object.fromEntries(columnNames.map((name, index) => [name, labels[index]!]))
  }

  const cellText = (children: PhrasingContent[]) => children.map((node) => toString(node)).join('').trim()
  const plainCells = rows.flatMap((row) => [row.children[1], row.children[3]]).filter((cell) => cell && !cell.children.some((node) => node.type === 'link'))
  const missing = mostCommon(plainCells.map((cell) => cellText(cell!.children)).filter((value) => missingMarkers.includes(value))) ?? defaults.missing
  if (missing !== defaults.missing) options.missing = missing

  const codeLabels = rows.flatMap((row) => (row.children[3]?.children ?? []).filter((node) => node.type === 'link').map((node) => toString(node).trim()))
  const codeLabel = mostCommon(codeLabels) ?? defaults.codeLabel
  if (codeLabel !== defaults.codeLabel) options.codeLabel = codeLabel

  const venueCells = rows.map((row) => cellText(row.children[0]?.children ?? [])).filter((value) => value !== missing && value !== '')
  const yearFirst = venueCells.length > 0 && venueCells.every((value) => /^\d{4}\s+\S/.test(value))
  if (yearFirst) options.venueLabel = '{year} {series}'

  const venues: PapersFile['venues'] = {}
  const entries: Entry[] = []
  const index = new EntryIndex()
  for (const row of rows) {
    const line = row.position!.start.line
    const [venueCell, keyCell, titleCell, codeCell] = row.children
    const venueText = cellText(venueCell?.children ?? [])
    const venue = venueText === missing || venueText === '' ? undefined : yearFirst ? venueText.replace(/^(\d{4})\s+(.*)$/, '$2 $1') : venueText
    if (venue !== undefined && !venues[venue]) venues[venue] = { type: guessVenueType(venue) }

    const keyText = cellText(keyCell?.children ?? [])
    const titleNodes = titleCell?.children ?? []
    const titleLink = titleNodes.find((node) => node.type === 'link')
    const title = (titleLink ? toString(titleLink) : cellText(titleNodes)).trim()
    if (!title) {
      repairs.push({ line, column: 1, kind: 'import/empty-title', message: 'Row without a title skipped' })
      continue
    }
    const links: Link[] = []
    if (titleLink) links.push({ type: 'paper', url: titleLink.url })
    for (const node of codeCell?.children ?? []) {
      if (node.type !== 'link') continue
      const label = toString(node).trim()
      links.push({ type: 'code', url: node.url, ...(label !== codeLabel ? { label } : {}) })
    }
    const entry: Entry = {
      kind: 'paper',
      ...(keyText !== '' && keyText !== missing ? { key: keyText } : {}),
      title,
      ...(venue !== undefined ? { venue } : {}),
      ...(links.length > 0 ? { links } : {})
    }
    const earlier = index.find(entry)
    if (earlier) {
      repairs.push({ line, column: 1, kind: 'import/duplicate-row', message: `Row repeats \`${title}\`, listed earlier; the repeat is dropped` })
      continue
    }
    index.add(entry)
    entries.push(entry)
  }
  return {
    data: { venues, categories: [], entries },
    regions: [{ marker: 'entries', start: table.position!.start.offset!, end: table.position!.end.offset! }],
    options,
    repairs
  }
}
