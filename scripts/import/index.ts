/**
 * Import: a README in either format → data, a template (its prose with
 * markers where the entries were) and a report of every difference that
 * regenerating it will make. Pure: text in, values out.
 */
import type { Root, RootContent } from 'mdast'
import { toString } from 'mdast-util-to-string'
import { removePosition } from 'unist-util-remove-position'
import { stringify as toYaml } from 'yaml'
import { UsageError } from '../core/errors.ts'
import { fromDataText, parseMarkdown } from '../core/markdown.ts'
import type { PapersFile } from '../core/model.ts'
import { renderOutput } from '../core/render.ts'
import { parseTemplate } from '../core/template.ts'
import { formats } from '../formats/index.ts'
import { importCategorized, looksCategorized } from './categorized.ts'
import { leftovers, type Leftover } from './leftovers.ts'
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
  const imported: ImportedList = format === 'venue-table' ? importVenueTable(tree) : importCategorized(tree)
  imported.data = withoutJoiners(imported.data)
  const template = buildTemplate(source, imported, format, options.output)
  const repairs = [...imported.repairs, ...unexplainedDifferences(tree, template, imported, options)]
  repairs.sort((a, b) => a.line - b.line || a.column - b.column)
  return { format, data: { $schema: './schema/papers.schema.json', ...imported.data }, template, repairs, leftovers: leftovers(tree, imported.regions) }
}

/** The data with the word joiners the formats put after `@` taken out again. */
function withoutJoiners<T>(value: T): T {
  if (typeof value === 'string') return fromDataText(value) as T
  if (Array.isArray(value)) return value.map(withoutJoiners) as T
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, inner]) => [fromDataText(key), withoutJoiners(inner)])) as T
  return value
}

function detectFormat(tree: Root, file: string): string {
  if (findVenueTable(tree)) return 'venue-table'
  if (looksCategorized(tree)) return 'categorized'
  throw new UsageError(`Cannot tell the format of \`${file}\`: it has neither a four-column venue table nor entries that start with a bold title line; name it with \`--format\``)
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
 * Renders the imported list and compares it with the source, block by block;
 * a block that changes without a repair that explains it is reported too, so
 * the report lists every difference.
 */
function unexplainedDifferences(tree: Root, templateText: string, imported: ImportedList, options: ImportOptions): Repair[] {
  const template = parseTemplate(templateText, options.file)
  const rendered = renderOutput(template, imported.data, [template.config])
  const before = tree.children
  const after = parseMarkdown(rendered.content).children
  const key = (node: RootContent) => {
    const copy = structuredClone(node)
    removePosition(copy, { force: true })
    return JSON.stringify(copy)
  }
  let head = 0
  while (head < before.length && head < after.length && key(before[head]!) === key(after[head]!)) head++
  let tail = 0
  while (tail < before.length - head && tail < after.length - head && key(before[before.length - 1 - tail]!) === key(after[after.length - 1 - tail]!)) tail++
  const changed: Array<[RootContent, RootContent | undefined]> = []
  const middleBefore = before.slice(head, before.length - tail)
  const middleAfter = after.slice(head, after.length - tail)
  middleBefore.forEach((node, index) => {
    const other = middleAfter[index]
    if (other === undefined || key(node) !== key(other)) changed.push([node, other])
  })
  const explained = (node: RootContent) =>
    imported.repairs.some((repair) => repair.line >= node.position!.start.line && repair.line <= node.position!.end.line)
  const repairs: Repair[] = changed
    .filter(([node]) => !explained(node))
    .map(([node, other]) => ({
      line: node.position!.start.line,
      column: node.position!.start.column,
      kind: 'import/changed',
      message: describeChange(node, other)
    }))
  if (middleAfter.length > middleBefore.length) {
    repairs.push({ line: middleBefore.at(-1)?.position?.end.line ?? 1, column: 1, kind: 'import/changed', message: `Regenerating adds ${middleAfter.length - middleBefore.length} block(s) here` })
  }
  return repairs
}

/** What changes in a block; for a table of contents, which headings it gains or loses. */
function describeChange(node: RootContent, other: RootContent | undefined): string {
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
  return `This ${node.type} is regenerated differently`
}
