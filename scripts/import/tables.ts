/**
 * Reads every table of a list by its header: columns by what their header
 * means (title, venue, date, code, key, authors, links; anything else kept
 * as a named extra field), in any order, two columns or more; a table per
 * section becomes a category. Learns each column's cell pattern, so the
 * `table` format writes the list back in its own shape. Pure.
 */
import type { Root, Table, TableCell } from 'mdast'
import { toString } from 'mdast-util-to-string'
import type { TableColumn } from '../formats/table.ts'
import { buildEntries, type ReadEntry } from './entries.ts'
import { choosePattern } from './patterns.ts'
import { isPlaceholder, readPhrasing, type ColumnRole, type EntryParts } from './reader.ts'
import { readSections } from './sections.ts'
import { readStyle } from './style.ts'
import { mostCommon } from './most-common.ts'
import type { ImportedList, Repair } from './types.ts'

const headerRoles: Array<[RegExp, ColumnRole]> = [
  [/^(title|titles|paper|papers|paper title|name|title\s*&\s*authors?|article|work)$/i, 'title'],
  [/^(venue|venues|conference|conf\.?|publication|published|pub\.?|source|journal|publisher|where)$/i, 'venue'],
  [/^(date|year|month|time|published date|release|release date|pub\.? date)$/i, 'date'],
  [/^(code|codes|github|repo|repository|implementation|official code|source code)$/i, 'code'],
  [/^(key|keys|key name|abbr\.?|abbreviation|model|models|method|methods|short name|acronym|alias|nickname)$/i, 'key'],
  [/^(authors?|author\(s\)|by)$/i, 'authors'],
  [/^(links?|link\(s\)|pdf|url|resources?|materials?|paper link)$/i, 'links']
]

/** A header's meaning; `extra` for a column the model has no name for. */
export function columnRole(header: string): ColumnRole {
  const text = header.replace(/[*_`:]/g, '').replace(/\s+/g, ' ').trim()
  for (const [expression, role] of headerRoles) if (expression.test(text)) return role
  return 'extra'
}

/** Tables that hold entries: a title column, or a column of links with long labels. */
export function entryTables(tree: Root): number[] {
  return tree.children.flatMap((node, index) => (node.type === 'table' && isEntryTable(node) ? [index] : []))
}

function isEntryTable(table: Table): boolean {
  const header = table.children[0]
  if (!header || header.children.length < 2 || table.children.length < 2) return false
  return header.children.some((cell) => columnRole(toString(cell)) === 'title')
}

/** Order in which a row's cells are read: the title first, so a badge in it and a code column share their link. */
const readOrder: ColumnRole[] = ['title', 'key', 'venue', 'date', 'authors', 'code', 'links', 'extra']

export function importTables(tree: Root, source: string): ImportedList {
  const blocks = entryTables(tree)
  const sections = readSections(tree, source, blocks)
  const repairs: Repair[] = [...sections.repairs]
  const read: ReadEntry[] = []
  // Tables with the same header and alignment share their columns.
  const pending: Array<{ signature: string; patterns: string[][]; rows: ReadEntry[]; missing: string[]; categories: string[] }> = []

  for (const blockIndex of blocks) {
    const table = tree.children[blockIndex] as Table
    const [header, ...rows] = table.children
    const headers = header!.children.map((cell) => toString(cell).replace(/\s+/g, ' ').trim())
    const roles = headers.map(columnRole)
    const signature = JSON.stringify([headers, table.align])
    let group = pending.find((item) => item.signature === signature)
    if (!group) {
      group = { signature, patterns: headers.map(() => []), rows: [], missing: [], categories: [] }
      pending.push(group)
    }
    const category = sections.categoryOf.get(blockIndex)
    for (const row of rows) {
      const line = row.position!.start.line
      const parts: EntryParts = { links: [], tags: [], extra: {} }
      const links: NonNullable<Parameters<typeof readPhrasing>[4]>['links'] = []
      const cellPatterns: string[] = headers.map(() => '')
      const order = headers.map((_, index) => index).sort((a, b) => readOrder.indexOf(roles[a]!) - readOrder.indexOf(roles[b]!))
      for (const index of order) {
        const cell: TableCell | undefined = row.children[index]
        if (!cell || !cell.position) continue
        // The cell's text, without its pipes and padding.
        const from = cell.children[0]?.position?.start.offset ?? cell.position.start.offset!
        const to = cell.children.at(-1)?.position?.end.offset ?? from
        const text = source.slice(from, to)
        const inner = from
        if (isPlaceholder(toString(cell)) && cell.children.every((node) => node.type === 'text')) {
          group.missing.push(toString(cell).trim())
          cellPatterns[index] = ''
          continue
        }
        const reading = readPhrasing(cell.children, source, inner, inner + text.length, { role: roles[index], column: headers[index], links })
        merge(parts, reading.parts)
        cellPatterns[index] = reading.pattern
      }
      withRepositories(cellPatterns, links)
      cellPatterns.forEach((pattern, index) => group.patterns[index]!.push(pattern))
      const entry: ReadEntry = { parts: { ...parts, links }, line, ...(category !== undefined ? { category } : {}), pattern: '' }
      group.rows.push(entry)
      read.push(entry)
    }
    if (category !== undefined) group.categories.push(category)
  }

  // Each layout's columns: the header, its alignment, the cell pattern most rows fit.
  const columnSets: Array<{ columns: TableColumn[]; categories: string[]; rows: number }> = []
  for (const group of pending) {
    const [headers, align] = JSON.parse(group.signature) as [string[], Array<string | null>]
    const columns: TableColumn[] = headers.map((headerText, index) => {
      const written = group.patterns[index]!
      const chosen = choosePattern(written.filter((pattern) => pattern !== ''))
      let fit = 0
      written.forEach((pattern, rowIndex) => {
        if (pattern === '') return
        if (!chosen.fits[fit++]) repairs.push({ line: group.rows[rowIndex]!.line, column: 1, kind: 'import/reshaped', message: `Its \`${headerText}\` cell is written back as \`${chosen.pattern}\`, the shape of the column; it reads \`${pattern}\`` })
      })
      return { header: headerText, pattern: chosen.pattern, ...(align?.[index] ? { align: align[index] as TableColumn['align'] } : {}) }
    })
    for (const row of group.rows) row.pattern = columns.map((column) => column.pattern).join(' ')
    columnSets.push({ columns, categories: group.categories, rows: group.rows.length })
  }

  const built = buildEntries(read, repairs)
  const main = [...columnSets].sort((a, b) => b.rows - a.rows)[0]!
  const { emphasis } = readStyle(tree.children.filter((node) => node.type === 'table'), source)
  const options: Record<string, unknown> = { columns: main.columns, group: sections.categories.length > 0 ? 'category' : 'none', headingDepth: sections.headingDepth, ...(emphasis ? { emphasis } : {}) }
  const missing = mostCommon(pending.flatMap((group) => group.missing))
  if (missing !== undefined) options.missing = missing
  const others = columnSets.filter((set) => set !== main && set.categories.length > 0)
  if (others.length > 0) options.columnsByCategory = Object.fromEntries(others.flatMap((set) => set.categories.map((id) => [id, set.columns])))
  return {
    data: { venues: built.venues, categories: sections.categories, entries: built.entries },
    regions: [sections.region],
    options,
    repairs
  }
}

function merge(into: EntryParts, from: EntryParts): void {
  into.title ??= from.title
  into.key ??= from.key
  into.authors ??= from.authors
  into.venue ??= from.venue
  into.date ??= from.date
  into.tags.push(...from.tags)
  Object.assign(into.extra, from.extra)
  if (from.withdrawn) into.withdrawn = true
}

/** A code repository's `owner/name` in an image address (a stars badge) becomes `{repo}`. */
export function withRepositories(patterns: string[], links: ReadonlyArray<{ type: string; url: string; placeholder: string }>): void {
  for (const link of links) {
    if (link.type !== 'code') continue
    const repository = /^https?:\/\/(?:www\.)?github\.com\/([^/]+\/[^/#?]+)/i.exec(link.url)?.[1]?.replace(/\.git$/, '')
    if (!repository) continue
    const name = link.placeholder.includes('.') ? `repo.${link.placeholder.split('.')[1]}` : 'repo'
    patterns.forEach((pattern, index) => {
      patterns[index] = pattern.replace(/!\[[^\]]*\]\([^)]*\)/g, (image) => image.split(repository).join(`{${name}}`))
    })
  }
}
