/**
 * `npm run bench:import-shapes`: imports every fixture list of
 * `tests/fixtures/import-shapes/` and prints, per fixture, its shape, the
 * entries present (by a person's count) and imported, how many units (table
 * rows, list items, other blocks) regenerate the same, and the time. A
 * BibTeX fixture has no README to regenerate: its round trip is blank.
 */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { renderOutput } from '../core/render.ts'
import { parseTemplate } from '../core/template.ts'
import { compareDocuments } from '../import/compare.ts'
import { importBibtex } from '../import/bibtex.ts'
import { importMarkdown } from '../import/index.ts'

const folder = path.join(import.meta.dirname, '../../tests/fixtures/import-shapes')
const rows: string[][] = [['fixture', 'format', 'present', 'imported', 'units equal / total', 'lines same bytes', 'import ms']]
for (const name of readdirSync(folder).filter((candidate) => readdirSync(path.join(folder, candidate)).includes('README.md'))) {
  const source = readFileSync(path.join(folder, name, 'README.md'), 'utf8')
  const expected = JSON.parse(readFileSync(path.join(folder, name, 'expected.json'), 'utf8')) as { entries: number }
  const started = performance.now()
  const result = importMarkdown(source, { output: 'README.md', file: name })
  const elapsed = performance.now() - started
  const template = parseTemplate(result.template, 'template.md')
  const generated = renderOutput(template, result.data, [template.config]).content
  const comparison = compareDocuments(source, generated)
  const merged = result.repairs.filter((repair) => repair.kind === 'import/same-paper' || repair.kind === 'import/duplicate-row').length
  rows.push([name, result.format, String(expected.entries), `${result.data.entries.length + merged}${merged > 0 ? ` (${merged} listed twice)` : ''}`, `${comparison.equal} / ${comparison.total}`, sameLines(source, generated), elapsed.toFixed(0)])
}
for (const name of readdirSync(folder).filter((candidate) => readdirSync(path.join(folder, candidate)).some((file) => file.endsWith('.bib')))) {
  const files = readdirSync(path.join(folder, name)).filter((file) => file.endsWith('.bib')).sort()
  const expected = JSON.parse(readFileSync(path.join(folder, name, 'expected.json'), 'utf8')) as { entries: number }
  const started = performance.now()
  const result = importBibtex(files.map((file) => ({ file, text: readFileSync(path.join(folder, name, file), 'utf8') })), { output: 'README.md' })
  const elapsed = performance.now() - started
  rows.push([name, result.format, String(expected.entries), String(result.data.entries.length), '(no README)', '', elapsed.toFixed(0)])
}
/** Of the source's non-blank lines, how many the regenerated document has byte for byte (as a multiset). */
function sameLines(source: string, generated: string): string {
  const lines = (text: string) => text.replace(/\r\n?/g, '\n').split('\n').filter((line) => line.trim() !== '')
  const left = new Map<string, number>()
  for (const line of lines(generated)) left.set(line, (left.get(line) ?? 0) + 1)
  const all = lines(source)
  let same = 0
  for (const line of all) {
    const count = left.get(line) ?? 0
    if (count > 0) {
      same++
      left.set(line, count - 1)
    }
  }
  return `${same} / ${all.length}`
}

const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)))
for (const row of rows) console.log(`| ${row.map((cell, column) => cell.padEnd(widths[column]!)).join(' | ')} |`)
