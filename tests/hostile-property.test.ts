/**
 * A property-based test (fast-check): random papers.json files with hostile
 * strings in every text field. For each: lint and generate refuse the same
 * errors; and when generate accepts the file, every format (the venue
 * table, the categorized list, and the table and line formats through
 * patterns) parses (remark-gfm) to exactly one row, paragraph or line per
 * entry or membership, with no HTML, no link off the web and no control
 * character that came from the data.
 */
import fc from 'fast-check'
import { expect, test } from 'vitest'
import { defaultConfig } from '../scripts/core/config.ts'
import { FindingsError } from '../scripts/core/errors.ts'
import { loadPublishable } from '../scripts/core/load.ts'
import { renderOutput } from '../scripts/core/render.ts'
import type { PapersFile } from '../scripts/core/model.ts'
import { canonicalEntryOrder } from '../scripts/core/order.ts'
import { serializePapers } from '../scripts/core/serialize.ts'
import { parseTemplate } from '../scripts/core/template.ts'
import { lintText } from '../scripts/lint/engine.ts'
import { markdownNodes } from './helpers.ts'

const templates = [
  parseTemplate('---\noutput: README.md\nformat: venue-table\ntitle: By venue\n---\n# List\n\n<!-- generate:entries -->\n', 'templates/README.md'),
  parseTemplate('---\noutput: TOPICS.md\nformat: categorized\ntitle: By topic\n---\n# List\n\n## Contents\n\n<!-- generate:toc -->\n\n<!-- generate:entries -->\n', 'templates/TOPICS.md'),
  parseTemplate(
    '---\noutput: TABLE.md\nformat: table\ntitle: Table\noptions:\n  columns:\n    - header: Paper\n      pattern: "{key} [**{title}**]({paper}) <br> {authors|and}"\n    - header: Where\n      pattern: "*{series}* {vyear} || {date|D MMM YYYY}"\n    - header: Code\n      pattern: "[Code]({code.*})"\n---\n# List\n\n<!-- generate:entries -->\n',
    'templates/TABLE.md'
  ),
  parseTemplate(
    '---\noutput: LINES.md\nformat: lines\ntitle: Lines\noptions:\n  pattern: "[{title}]({paper}) by {authors|and}. *{venue}*, {year}. `{key}` || {title} [[{date|MMM YYYY}]]({paper}) {key}"\n---\n# List\n\n<!-- generate:toc -->\n\n<!-- generate:entries -->\n',
    'templates/LINES.md'
  )
]
const configs = templates.map((template) => template.config)

/** Pieces real attacks and accidents are made of. */
const snippets = [
  '<!--', '-->', '<!-- hidden', '<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '<div>', '</div>', '[x](javascript:alert(1))', '[x](data:text/html,1)', '<javascript:alert(1)>',
  '[a]: javascript:x', '[ref][a]', '![i](https://t.example/x.png)', '|', '| a | b |', '---', '# h', '## h', '> q', '- item', '1. item', '```', '~~~', '**', '__', '*', '_', '`', '\\', '\\|', '[', ']', '(', ')',
  '&lt;', '&#60;', '&amp;', '@user', '#123', 'GH-1', 'https://example.org/a_b*c', 'www.example.org', 'a@b.org', '~~s~~', '<br>', '{{x}}', '$x$', 'é', '漢字', '🙂', 'Ǆ'
]
const hostileControls = ['\u0000', '\u0007', '\u001b[31m', '\u007f', '\u0085', '\u009b', '\u202e', '\u2066', '\ud800', '\n', '\r\n', '\t', '  ']

/** Text: pieces and words, printable only (so lint accepts it and the renderer is put to the test), or anything. */
const printable = fc.array(fc.oneof(fc.constantFrom(...snippets), fc.stringMatching(/^[A-Za-z0-9.,:;!?'"%+=-]{1,8}$/)), { minLength: 1, maxLength: 6 }).map((parts) => parts.join(' '))
const anything = fc.array(fc.oneof(fc.constantFrom(...snippets, ...hostileControls), fc.string({ unit: 'binary', maxLength: 6 })), { minLength: 1, maxLength: 6 }).map((parts) => parts.join(''))
const text = fc.oneof({ weight: 3, arbitrary: printable }, { weight: 1, arbitrary: anything })

const entry = (index: number) =>
  fc.record({
    key: fc.option(text, { nil: undefined }),
    title: text,
    authors: fc.array(text, { minLength: 1, maxLength: 3 }),
    venue: fc.constantFrom('CVPR 2024', 'arXiv'),
    label: fc.option(text, { nil: undefined }),
    topics: fc.subarray(['topic-a', 'topic-b'], { minLength: 1 }),
    note: fc.option(text, { nil: undefined })
  }).map((drawn) => ({
    kind: 'paper',
    ...(drawn.key !== undefined ? { key: drawn.key } : {}),
    title: drawn.title,
    authors: drawn.authors,
    venue: drawn.venue,
    date: drawn.venue === 'arXiv' ? '2024-03' : '2024-06-18',
    links: [{ type: 'paper', url: `https://example.org/paper/${index}`, ...(drawn.label !== undefined ? { label: drawn.label } : {}) }],
    categories: drawn.topics.map((category) => ({ category, ...(drawn.note !== undefined ? { notes: [drawn.note] } : {}) }))
  }))

const papers = fc
  .record({
    count: fc.integer({ min: 1, max: 6 }),
    titles: fc.tuple(text, text),
    description: fc.option(fc.oneof(fc.stringMatching(/^[A-Za-z][A-Za-z0-9 ,.]{0,30}[A-Za-z0-9.]$/), text), { nil: undefined })
  })
  .chain(({ count, titles, description }) =>
    fc.tuple(...Array.from({ length: count }, (_, index) => entry(index))).map((entries) => ({
      venues: { 'CVPR 2024': { type: 'conference', date: '2024-06-17' }, arXiv: { type: 'preprint' } },
      categories: [
        { id: 'topic-a', title: titles[0], ...(description !== undefined ? { description } : {}) },
        { id: 'topic-b', title: titles[1] }
      ],
      entries
    }))
  )


const control = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/

test('random hostile lists: lint and generate agree, and what is generated is safe and complete', () => {
  let rendered = 0
  fc.assert(
    fc.property(papers, (data) => {
      // In canonical order, as `fix` leaves a list: the property is about text, not order.
      const json = serializePapers({ ...(data as never as PapersFile), entries: canonicalEntryOrder(data as never as PapersFile) })
      const lintErrors = lintText(json, 'papers.json', defaultConfig)
        .filter((finding) => finding.severity === 'error')
        .map((finding) => `${finding.line} ${finding.ruleId}`)
      let accepted: ReturnType<typeof loadPublishable> | undefined
      try {
        accepted = loadPublishable(json, 'papers.json', defaultConfig)
      } catch (error) {
        if (!(error instanceof FindingsError)) throw error
        expect(error.findings.map((finding) => `${finding.line} ${finding.ruleId}`)).toEqual(lintErrors)
        return
      }
      expect(lintErrors).toEqual([])
      rendered++
      const [table, topics, patternTable, lines] = templates.map((template) => renderOutput(template, accepted!.data, configs).content)
      for (const output of [table!, topics!, patternTable!, lines!]) {
        expect(output).not.toMatch(control)
        const tree = markdownNodes(output)
        // The one HTML is the table pattern's own `<br>`; none comes from the data.
        expect(tree.filter((node) => node.type === 'html' && !(output === patternTable && node.value === '<br>'))).toEqual([])
        for (const node of tree) if (node.type === 'link' || node.type === 'definition') expect(node.url).toMatch(/^(https?:\/\/|#|\.?\/?[\w-]+\.md)/)
        expect(tree.filter((node) => node.type === 'image')).toEqual([])
      }
      // One row per entry in the table; one paragraph per membership in the list, each found by its paper link.
      const rows = markdownNodes(table!).filter((node) => node.type === 'tableRow').length - 1
      expect(rows).toBe(data.entries.length)
      data.entries.forEach((item, index) => {
        const url = `https://example.org/paper/${index}`
        const found = (markdown: string) => markdownNodes(markdown).filter((node) => node.type === 'link' && node.url === url).length
        expect(found(table!)).toBe(1)
        expect(found(topics!)).toBe(item.categories.length)
        // The pattern formats: a row or line per membership, under each category's heading.
        expect(found(patternTable!)).toBe(item.categories.length)
        expect(found(lines!)).toBe(item.categories.length)
      })
    }),
    { numRuns: Number(process.env.PROPERTY_RUNS ?? 300) }
  )
  // The property must reach the renderer often, not only the refusals.
  expect(rendered).toBeGreaterThan(25)
}, 120_000)
