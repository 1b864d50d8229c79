/**
 * The formats as one family: the venue table is the table format with its
 * own options (the same bytes from either template), and the table and line
 * formats group by category, venue or year and order by file, venue or date.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { loadPapers } from '../scripts/core/load.ts'
import type { PapersFile } from '../scripts/core/model.ts'
import { renderOutput } from '../scripts/core/render.ts'
import { parseTemplate } from '../scripts/core/template.ts'
import { stringify as toYaml } from 'yaml'
import { asLines, categorized } from '../scripts/formats/categorized.ts'
import { asTable, venueTable } from '../scripts/formats/venue-table.ts'
import { importMarkdown } from '../scripts/import/index.ts'
import { root } from './helpers.ts'

const committed = loadPapers(readFileSync(path.join(root, 'papers.json'), 'utf8'), 'papers.json').data
const render = (template: string, data: PapersFile = committed, others: string[] = []) => {
  const parsed = parseTemplate(template, 'templates/LIST.md')
  // The other templates' outputs, for the views line.
  const configs = others.map((file) => parseTemplate(readFileSync(path.join(root, 'templates', file), 'utf8'), `templates/${file}`).config)
  return renderOutput(parsed, data, [parsed.config, ...configs]).content
}

describe('the venue table is an instance of the table format', () => {
  test('the README template and a table template with the same columns give the same bytes', () => {
    const readme = readFileSync(path.join(root, 'templates/README.md'), 'utf8')
    const options = asTable({ ...venueTable.defaults, venueLabel: '{year} {series}' })
    const yaml = [
      'options:',
      '  columns:',
      ...options.columns.flatMap((column) => [`    - header: ${JSON.stringify(column.header)}`, `      pattern: ${JSON.stringify(column.pattern)}`]),
      '  group: none',
      '  order: venue',
      `  missing: ${JSON.stringify(options.missing)}`
    ].join('\n')
    const asTableTemplate = readme.replace('format: venue-table', 'format: table').replace(/options:\n {2}venueLabel: .*/, yaml)
    expect(asTableTemplate).toContain('format: table')
    expect(render(asTableTemplate, committed, ['TOPICS.md', 'feed.xml.md', 'papers.bib.md', 'papers.csl.json.md'])).toBe(readFileSync(path.join(root, 'README.md'), 'utf8'))
  })

  test('a venue without a year is shown by its name; an entry without a venue comes last', () => {
    const data: PapersFile = {
      venues: { 'ICLR 2024': { type: 'conference', date: '2024-05-07' }, TMLR: { type: 'journal' } },
      categories: [],
      entries: [
        { kind: 'paper', title: 'No Venue' },
        { kind: 'paper', title: 'Journal', venue: 'TMLR' },
        { kind: 'paper', title: 'Conference', venue: 'ICLR 2024', links: [{ type: 'code', url: 'https://github.com/a/b' }, { type: 'code', url: 'https://github.com/c/d', label: 'Official' }] }
      ]
    }
    const output = render('---\noutput: LIST.md\nformat: venue-table\noptions:\n  venueLabel: "{year} {series}"\n---\n<!-- generate:entries -->\n', data)
    expect(output.split('\n').slice(2)).toEqual([
      '| 2024 ICLR | N/A | Conference | [Link](https://github.com/a/b) [Official](https://github.com/c/d) |',
      '| TMLR | N/A | Journal | N/A |',
      '| N/A | N/A | No Venue | N/A |',
      ''
    ])
  })
})

describe('the categorized list is an instance of the line format', () => {
  test('the TOPICS template and a lines template with the same pattern give the same bytes', () => {
    const topics = readFileSync(path.join(root, 'templates/TOPICS.md'), 'utf8')
    const { labels: _labels, ...options } = asLines(categorized.defaults)
    const front = toYaml({ output: 'TOPICS.md', format: 'lines', title: 'Papers by topic', options }).trimEnd()
    const asLinesTemplate = topics.replace(/^---\n[\s\S]*?\n---\n/, `---\n${front}\n---\n`)
    expect(asLinesTemplate).toContain("pattern: |-\n    **{notes} - {title}** || **{title}**")
    expect(render(asLinesTemplate, committed, ['README.md', 'feed.xml.md', 'papers.bib.md', 'papers.csl.json.md'])).toBe(readFileSync(path.join(root, 'TOPICS.md'), 'utf8'))
  })
})

describe('grouping and order of the table and line formats', () => {
  const data: PapersFile = {
    venues: { 'ICLR 2024': { type: 'conference', date: '2024-05-07' }, 'CVPR 2024': { type: 'conference', date: '2024-06-17' }, 'NeurIPS 2023': { type: 'conference', date: '2023-12-10' } },
    categories: [{ id: 'a', title: 'A' }],
    entries: [
      { kind: 'paper', title: 'One', venue: 'ICLR 2024', date: '2023-09-01', categories: [{ category: 'a' }] },
      { kind: 'paper', title: 'Two', venue: 'NeurIPS 2023', date: '2023-05-01', categories: [{ category: 'a' }] },
      { kind: 'paper', title: 'Three', venue: 'CVPR 2024', date: '2023-11-20' },
      { kind: 'paper', title: 'Four', date: '2024-02-01' }
    ]
  }
  const lines = (options: string) => render(`---\noutput: LIST.md\nformat: lines\noptions:\n  pattern: "{title}"\n${options}---\n<!-- generate:toc -->\n\n<!-- generate:entries -->\n`, data)

  test('by venue, newest venue first; entries without a venue first, under no heading', () => {
    expect(lines('  group: venue\n')).toContain('- Four\n\n## CVPR 2024\n\n- Three\n\n## ICLR 2024\n\n- One\n\n## NeurIPS 2023\n\n- Two\n')
  })

  test('by year, newest first, with the years in the table of contents', () => {
    const output = lines('  group: year\n')
    expect(output).toContain('## 2024\n\n- Four\n\n## 2023\n\n- One\n- Two\n- Three\n')
    expect(output.startsWith('- [2024](#2024)\n- [2023](#2023)\n')).toBe(true)
  })

  test('ordered by date or by venue within one run', () => {
    expect(lines('  group: none\n  order: date\n')).toContain('- Four\n- Three\n- One\n- Two\n')
    expect(lines('  group: none\n  order: venue\n')).toContain('- Three\n- One\n- Two\n- Four\n')
    expect(lines('  group: none\n')).toContain('- One\n- Two\n- Three\n- Four\n')
  })

  test('a table per venue', () => {
    const output = render('---\noutput: LIST.md\nformat: table\noptions:\n  group: venue\n  columns:\n    - header: Title\n      pattern: "{title}"\n---\n<!-- generate:entries -->\n', data)
    expect(output).toContain('## ICLR 2024\n\n| Title |\n| - |\n| One |\n')
  })
})

describe('a list keeps its own bullets and emphasis', () => {
  const data: PapersFile = { venues: { 'ICLR 2022': { type: 'conference' } }, categories: [], entries: [{ kind: 'paper', title: 'One', venue: 'ICLR 2022' }, { kind: 'paper', title: 'Two', venue: 'ICLR 2022' }] }

  test.for([
    ['-', '_', '- One _ICLR 2022_\n- Two _ICLR 2022_'],
    ['+', '*', '+ One *ICLR 2022*\n+ Two *ICLR 2022*'],
    ['*', '_', '* One _ICLR 2022_\n* Two _ICLR 2022_']
  ] as const)('bullet %s, emphasis %s', ([bullet, emphasis, expected]) => {
    const output = render(`---\noutput: LIST.md\nformat: lines\noptions:\n  pattern: "{title} *{venue}*"\n  group: none\n  bullet: "${bullet}"\n  emphasis: "${emphasis}"\n---\n<!-- generate:entries -->\n`, data)
    expect(output).toBe(`${expected}\n`)
  })

  test('import reads them, and regenerating writes them back byte for byte', () => {
    const source = '# List\n\n+ [One](https://arxiv.org/abs/2401.00001) *ICLR 2022*\n+ [Two](https://arxiv.org/abs/2401.00002) *ICLR 2022*\n'
    const result = importMarkdown(source, { output: 'README.md', file: 'README.md' })
    expect(result.template).toContain('bullet: +')
    expect(result.template).toContain('emphasis: "*"')
    const template = parseTemplate(result.template, 'templates/README.md')
    expect(renderOutput(template, result.data, [template.config]).content).toBe(source)
  })
})
