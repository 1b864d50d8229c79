/**
 * Import: a README in either format → data, a template (its prose with
 * markers where the entries were) and a report of every difference that
 * regenerating it will make. Pure: text in, values out.
 */
import type { ListItem, Nodes, Root, RootContent, Table, TableRow } from 'mdast'
import { toString } from 'mdast-util-to-string'
import { stringify as toYaml } from 'yaml'
import { UsageError } from '../core/errors.ts'
import { fromDataText, parseMarkdown } from '../core/markdown.ts'
import type { PapersFile } from '../core/model.ts'
import { renderOutput } from '../core/render.ts'
import { parseTemplate } from '../core/template.ts'
import { formats } from '../formats/index.ts'
import { importCategorized, looksCategorized } from './categorized.ts'
import { alignUnits, comparable } from './compare.ts'
import { leftovers, type Leftover } from './leftovers.ts'
import { entryBlocks, importLines } from './line-list.ts'
import { columnRole, entryTables, importTables } from './tables.ts'
import type { ImportedList, Repair } from './types.ts'
import { findVenueTable, importVenueTable } from './venue-table.ts'

export interface ImportResult {
  format: string
  data: PapersFile
  /** The template file's text, front matter included. */
  template: string
  /** Sorted by line. */
  repairs: Repair[]
  /** Blocks that look like entries but were left as prose, sorted by line. */
  leftovers: Leftover[]
}

export interface ImportOptions {
  /** Name of the generated file the template writes. */
  output: string
  /** `venue-table` or `categorized`; detected when absent. */
  format?: string
  /** Shown in messages. */
  file: string
}

export function importMarkdown(rawText: string, options: ImportOptions): ImportResult {
  const source = rawText.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n')
  const tree = parseMarkdown(source)
  const format = options.format ?? detectFormat(tree, options.file)
  if (!formats[format]) throw new UsageError(`Unknown format \`${format}\`, expected one of ${Object.keys(formats).map((name) => `\`${name}\``).join(', ')}`)
  const imported: ImportedList = format === 'venue-table' ? importVenueTable(tree) : format === 'categorized' ? importCategorized(tree) : format === 'table' ? importTables(tree, source) : importLines(tree, source)
  imported.data = withoutJoiners(imported.data)
  const template = buildTemplate(source, imported, format, options.output)
  const all = [...imported.repairs, ...unexplainedDifferences(tree, source, template, imported, options)]
  // An entry-like block in the entries that could not be read as an entry is left behind, like one outside them.
  const unread = all.filter((repair) => repair.kind === 'import/not-read')
  const repairs = all.filter((repair) => repair.kind !== 'import/not-read')
  repairs.sort((a, b) => a.line - b.line || a.column - b.column)
  const lines = source.split('\n')
  const left = [...leftovers(tree, imported.regions), ...unread.map((repair) => ({ line: repair.line, column: repair.column, what: 'list item or paragraph', text: excerptLine(lines[repair.line - 1] ?? ''), why: 'among the entries, but no title could be read from it' }))]
  left.sort((a, b) => a.line - b.line || a.column - b.column)
  return { format, data: { $schema: './schema/papers.schema.json', ...imported.data }, template, repairs, leftovers: left }
}

/** The data with the word joiners the formats put after `@` taken out again. */
function withoutJoiners<T>(value: T): T {
  if (typeof value === 'string') return fromDataText(value) as T
  if (Array.isArray(value)) return value.map(withoutJoiners) as T
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, inner]) => [fromDataText(key), withoutJoiners(inner)])) as T
  return value
}

/**
 * The format a README is written in: the venue table when its only entry
 * table has that header; any other table list; the categorized list; a list
 * of one-line entries. A README with none of them is refused, saying what it
 * holds.
 */
function detectFormat(tree: Root, file: string): string {
  const tables = entryTables(tree)
  const venue = findVenueTable(tree)
  if (venue && tables.length <= 1 && isVenueTableHeader(venue)) return 'venue-table'
  if (tables.length > 0) return 'table'
  if (looksCategorized(tree)) return 'categorized'
  if (entryBlocks(tree).length > 0) return 'lines'
  throw new UsageError(refusal(tree, file))
}

function isVenueTableHeader(table: Table): boolean {
  const roles = table.children[0]!.children.map((cell) => columnRole(toString(cell)))
  return roles.join(',') === 'venue,key,title,code'
}

/** What the README holds, and the shapes the importer reads. */
function refusal(tree: Root, file: string): string {
  const counts = { tables: 0, lists: 0, items: 0, paragraphs: 0, links: 0 }
  const visit = (node: Nodes) => {
    if (node.type === 'table') counts.tables++
    if (node.type === 'list') counts.lists++
    if (node.type === 'listItem') counts.items++
    if (node.type === 'paragraph') counts.paragraphs++
    if (node.type === 'link' && /^https?:/i.test(node.url)) counts.links++
    if ('children' in node) (node.children as Nodes[]).forEach(visit)
  }
  visit(tree)
  const tableHeaders = tree.children.filter((node): node is Table => node.type === 'table').map((node) => `\`| ${node.children[0]!.children.map((cell) => toString(cell)).join(' | ')} |\``)
  const saw = [
    `${counts.tables} table${counts.tables === 1 ? '' : 's'}${tableHeaders.length > 0 ? ` (${tableHeaders.slice(0, 3).join(', ')}${tableHeaders.length > 3 ? ', …' : ''}: none has a title, paper or name column)` : ''}`,
    `${counts.lists} list${counts.lists === 1 ? '' : 's'} with ${counts.items} item${counts.items === 1 ? '' : 's'}`,
    `${counts.paragraphs} paragraph${counts.paragraphs === 1 ? '' : 's'}`,
    `${counts.links} web link${counts.links === 1 ? '' : 's'}, ${counts.links === 0 ? 'none' : 'none of them'} to a paper in a list item or paragraph`
  ]
  const hint = tableHeaders.length > 0 ? '; if a table holds the entries, name its title column `Title` (or `Paper`, `Name`) and run again' : ''
  return `Cannot read entries from \`${file}\`: it has ${saw.join(', ')}. The importer reads tables with a title column (any order of title, venue, date, code, key, authors, links and other columns), lists and paragraphs with one entry per line (a title, its links, venue, date, authors), and the categorized format (a bold title line, then authors, venue and links)${hint}`
}

function buildTemplate(source: string, imported: ImportedList, format: string, output: string): string {
  let body = source
  for (const region of [...imported.regions].sort((a, b) => b.start - a.start)) {
    body = body.slice(0, region.start) + `<!-- generate:${region.marker} -->` + body.slice(region.end)
  }
  const config: Record<string, unknown> = { output, format }
  if (Object.keys(imported.options).length > 0) config.options = imported.options
  return `---\n${toYaml(config).trimEnd()}\n---\n${body}`
}

/**
 * Renders the imported list and compares it with the source entry by entry
 * (a table row, a list item, any other block), so that every difference
 * regenerating makes is reported on its own, whatever was repaired beside it.
 */
function unexplainedDifferences(tree: Root, source: string, templateText: string, imported: ImportedList, options: ImportOptions): Repair[] {
  const template = parseTemplate(templateText, options.file)
  const rendered = renderOutput(template, imported.data, [template.config]).content
  const before = comparable(tree.children)
  const after = comparable(parseMarkdown(rendered).children)
  const repairs: Repair[] = []
  for (const [old, fresh] of alignUnits(before, after)) {
    if (old && fresh && old.key === fresh.key) continue
    const explainedToc = old && fresh && old.node.type === 'list' && fresh.node.type === 'list' ? describeChange(old.node, fresh.node) : undefined
    const line = old?.node.position!.start.line ?? fresh?.after ?? 1
    const message = explainedToc ?? (old && fresh ? `Regenerating writes this ${old.what} as \`${excerpt(rendered, fresh.node)}\`; it reads \`${excerpt(source, old.node)}\`` : old ? `Regenerating drops this ${old.what}: \`${excerpt(source, old.node)}\`` : `Regenerating adds a ${fresh!.what} here: \`${excerpt(rendered, fresh!.node)}\``)
    repairs.push({ line, column: old?.node.position!.start.column ?? 1, kind: 'import/changed', message })
  }
  return repairs
}

function excerptLine(line: string): string {
  const value = line.trim()
  return value.length > 80 ? `${value.slice(0, 79)}…` : value
}

/** The start of a unit's text, on one line. */
function excerpt(text: string, node: { position?: { start: { offset?: number }; end: { offset?: number } } }): string {
  const value = text.slice(node.position?.start.offset ?? 0, node.position?.end.offset ?? 0).replace(/\s+/g, ' ').trim()
  return value.length > 160 ? `${value.slice(0, 159)}…` : value
}

/** For a table of contents, which headings it gains or loses. */
function describeChange(node: RootContent | TableRow | ListItem, other: RootContent | TableRow | ListItem | undefined): string | undefined {
  if (node.type === 'list' && other?.type === 'list') {
    const texts = (list: RootContent) => {
      const found: string[] = []
      const visit = (item: { type: string; children?: unknown[] }) => {
        if (item.type === 'link') found.push(toString(item as never))
        else for (const child of (item.children ?? []) as Array<{ type: string }>) visit(child)
      }
      visit(list)
      return found
    }
    const old = texts(node)
    const fresh = texts(other)
    const added = fresh.filter((text) => !old.includes(text))
    const dropped = old.filter((text) => !fresh.includes(text))
    if (added.length > 0 || dropped.length > 0) {
      const parts = [added.length > 0 ? `adds ${added.map((text) => `\`${text}\``).join(', ')}` : '', dropped.length > 0 ? `drops ${dropped.map((text) => `\`${text}\``).join(', ')}` : '']
      return `The table of contents is regenerated from the headings: it ${parts.filter(Boolean).join(' and ')}`
    }
  }
  return undefined
}
