/**
 * The table format: one row per entry, columns configured by header and
 * cell pattern (`formats/pattern.ts`), grouped under category headings or
 * in one table. `import` writes its options for a table list it reads.
 */
import type { PhrasingContent, RootContent, TableCell, TableRow } from 'mdast'
import { keepBrackets, parseMarkdown, textNode as text } from '../core/markdown.ts'
import type { Entry } from '../core/model.ts'
import { defaultLinkLabels, emphasisSchema, linkLabelsSchema } from './labels.ts'
import { parsePattern, placeholderHint, renderPatternNodes, unknownPlaceholders, type Pattern } from './pattern.ts'
import { groupDefaults, groupingSchema, renderGroups, type Grouped } from './sections.ts'
import type { Format } from './types.ts'

export interface TableColumn {
  header: string
  /** The cell, e.g. `[{title}]({paper})` or `{series} {vyear}`. */
  pattern: string
  align?: 'left' | 'right' | 'center'
}

export interface TableOptions extends Grouped {
  columns: TableColumn[]
  /** Columns of the tables of particular categories, by category id. */
  columnsByCategory: Record<string, TableColumn[]>
  /** Shown in a cell without a value. */
  missing: string
  /** The emphasis marker: `_` or `*`. */
  emphasis: '_' | '*'
  labels: Record<string, string>
}

const columnSchema = {
  type: 'array',
  minItems: 1,
  items: {
    type: 'object',
    additionalProperties: false,
    required: ['header', 'pattern'],
    properties: {
      header: { type: 'string' },
      pattern: { type: 'string', minLength: 1 },
      align: { enum: ['left', 'right', 'center'] }
    }
  }
}

export const table: Format<TableOptions> = {
  name: 'table',
  description: 'One table row per entry with configurable columns (each a cell pattern), under category headings or in one table.',
  defaults: {
    columns: [
      { header: 'Title', pattern: '[{title}]({paper})' },
      { header: 'Venue', pattern: '{venue}' },
      { header: 'Date', pattern: '{date|YYYY-MM}' },
      { header: 'Code', pattern: '[Code]({code})' }
    ],
    columnsByCategory: {},
    ...groupDefaults,
    missing: '-',
    emphasis: '_',
    labels: defaultLinkLabels
  },
  optionsSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      columns: { description: 'The columns: header, cell pattern, alignment.', ...columnSchema },
      columnsByCategory: { description: 'Other columns for the tables of some categories, by category id.', type: 'object', additionalProperties: columnSchema },
      ...groupingSchema,
      missing: { description: 'Text of a cell without a value.', type: 'string' },
      emphasis: emphasisSchema,
      labels: linkLabelsSchema
    }
  },
  check(options) {
    const sets: Array<[string, TableColumn[]]> = [['/columns', options.columns], ...Object.entries(options.columnsByCategory).map(([id, columns]): [string, TableColumn[]] => [`/columnsByCategory/${id}`, columns])]
    return sets.flatMap(([at, columns]) =>
      columns.flatMap((column, index) => unknownPlaceholders(column.pattern).map((found) => ({ pointer: `${at}/${index}/pattern`, message: `Unexpected placeholder \`${found}\` in the \`${column.header}\` column`, hint: placeholderHint })))
    )
  },
  render({ data, entries, options, links }) {
    const compiled = new Map<TableColumn[], Pattern[]>()
    const patterns = (columns: TableColumn[]) => {
      if (!compiled.has(columns)) compiled.set(columns, columns.map((column) => parsePattern(column.pattern)))
      return compiled.get(columns)!
    }
    const result = renderGroups(data, entries, options, (members, categoryId) => {
      const columns = (categoryId !== undefined ? options.columnsByCategory[categoryId] : undefined) ?? options.columns
      return [tableOf(members, columns, patterns(columns), options, links?.bibtex)]
    })
    return { ...result, style: { emphasis: options.emphasis } }
  }
}

function tableOf(entries: readonly Entry[], columns: readonly TableColumn[], patterns: readonly Pattern[], options: TableOptions, bibtex?: (entry: Entry) => string | undefined): RootContent {
  const header: TableRow = { type: 'tableRow', children: columns.map((column) => cell(column.header === '' ? [] : inline(column.header))) }
  const rows = entries.map(
    (entry): TableRow => ({
      type: 'tableRow',
      children: patterns.map((pattern) => {
        const nodes = renderPatternNodes(pattern, entry, { labels: options.labels, ...(bibtex ? { bibtex } : {}) })
        return cell(nodes === undefined ? (options.missing === '' ? [] : [text(options.missing)]) : phrasing(nodes))
      })
    })
  )
  return { type: 'table', align: columns.map((column) => column.align ?? null), children: [header, ...rows] }
}

/** Inline Markdown of a cell as phrasing nodes; line breaks are not cells' to have. */
export function inline(markdown: string): PhrasingContent[] {
  return phrasing(keepBrackets(parseMarkdown(markdown)).children)
}

/** A cell's content: its paragraphs' phrasing, one line (a break between paragraphs is a space). */
function phrasing(nodes: readonly RootContent[]): PhrasingContent[] {
  const paragraphs = nodes.filter((node) => node.type === 'paragraph')
  const joined = paragraphs.flatMap((node, index) => (index === 0 ? node.children : [text(' '), ...node.children]))
  const flat = joined.map((node): PhrasingContent => (node.type === 'break' ? text(' ') : node))
  return flat.length > 0 ? flat : nodes.length > 0 ? [text(nodes.map((node) => ('value' in node ? String(node.value) : '')).join(' ').trim())] : []
}

function cell(children: PhrasingContent[]): TableCell {
  return { type: 'tableCell', children }
}
