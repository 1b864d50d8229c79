/**
 * A category description cannot break the page: whatever it holds, the
 * rendered list has no HTML, no link off the web, no heading of its own and
 * every category after it, and lint reports what it would have done.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { defaultConfig } from '../scripts/core/config.ts'
import { renderOutput } from '../scripts/core/render.ts'
import { parseTemplate } from '../scripts/core/template.ts'
import { lintText } from '../scripts/lint/engine.ts'
import { fixtures, markdownNodes } from './helpers.ts'

const template = parseTemplate(readFileSync(path.join(fixtures, 'list/templates/TOPICS.md'), 'utf8'), 'templates/TOPICS.md')
const list = JSON.parse(readFileSync(path.join(fixtures, 'list/papers.json'), 'utf8'))

function render(description: string) {
  const data = structuredClone(list)
  data.categories[1].children[0].description = description
  return { data, text: renderOutput(template, data, [template.config]).content }
}


const benign = markdownNodes(render('A subset of experts is activated.').text)
const headings = benign.filter((node) => node.type === 'heading').length
const lastLine = render('A subset of experts is activated.').text.trimEnd().split('\n').at(-1)!

describe.each([
  ['an unclosed HTML comment', '<!-- hidden'],
  ['a closed HTML comment', 'before <!-- x --> after'],
  ['a raw HTML block', '<div>\nraw block\n</div>'],
  ['an image with onerror', '<img src=x onerror=alert(1)>'],
  ['a script', '<script>alert(1)</script>'],
  ['a link definition to javascript:', '[x]: javascript:alert(1)'],
  ['a link reference with its definition', 'see [x]\n\n[x]: https://example.org'],
  ['a heading', '# A heading of its own'],
  ['a setext heading', 'Title\n====='],
  ['a table', '| a | b |\n| --- | --- |\n| 1 | 2 |'],
  ['a javascript: link', '[click](javascript:alert(1))'],
  ['a data: link', '[x](data:text/html,<script>alert(1)</script>)'],
  ['a vbscript: autolink', '<vbscript:msgbox(1)>'],
  ['an image', '![tracker](https://tracker.example/x.png)'],
  ['a quote', '> quoted'],
  ['a fenced code block', '```\ncode'],
  ['a list', '- one\n- two'],
  ['a horizontal rule', 'text\n\n---'],
  ['unclosed emphasis', '*unclosed emphasis'],
  ['unclosed strong', '**unclosed strong'],
  ['a footnote', 'text[^1]\n\n[^1]: note']
])('%s', (_name, description) => {
  test('renders without HTML, without links off the web, without headings of its own, and keeps every category after it', () => {
    const { text } = render(description)
    const tree = markdownNodes(text)
    expect(tree.filter((node) => node.type === 'html').map((node) => (node as { value: string }).value)).toEqual(benign.filter((node) => node.type === 'html').map((node) => (node as { value: string }).value))
    for (const node of tree) if (node.type === 'link' || node.type === 'definition') expect(node.url, text).toMatch(/^(https?:\/\/|#)/)
    expect(tree.filter((node) => node.type === 'image')).toEqual([])
    expect(tree.filter((node) => node.type === 'heading').length).toBe(headings)
    expect(tree.filter((node) => node.type === 'table' || node.type === 'code' || node.type === 'blockquote' || node.type === 'thematicBreak').length).toBe(0)
    // The rest of the page is there, to its last line.
    expect(text.trimEnd().split('\n').at(-1)).toBe(lastLine)
  })
})

test.for(['<!-- hidden', '<img src=x onerror=alert(1)>', '[click](javascript:alert(1))', '# A heading', '| a | b |\n| --- | --- |', '[x]: https://example.org', '![x](https://example.org/x.png)'])('lint reports `%s` as an error', (description) => {
  const data = structuredClone(list)
  data.categories[1].children[0].description = description
  const findings = lintText(JSON.stringify(data, null, 2), 'papers.json', defaultConfig).filter((finding) => finding.ruleId === 'categories/description')
  expect(findings.map((finding) => finding.severity)).toContain('error')
})

test('what a description may hold renders as Markdown', () => {
  const { text } = render('A *subset* of **experts**, with `top-k` and [a paper](https://example.org/p).')
  expect(text).toContain('_**A _subset_ of **experts**, with `top-k` and [a paper](https://example.org/p).**_'.replace('**experts**', '**experts**'))
})
