/**
 * The searchable page, as HTML: one list item per entry with the data the
 * script searches and filters on, charts whose bars are the real counts,
 * every text escaped and no link off the web, and the command that writes
 * it. (Driving it in a browser is for the browser tests.)
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { parse } from '@retorquere/bibtex-parser'
import { syntheticList } from '../scripts/bench/synthetic.ts'
import { loadPapers } from '../scripts/core/load.ts'
import type { PapersFile } from '../scripts/core/model.ts'
import { buildSite } from '../scripts/site/build.ts'
import { root, runCliProcess, temporaryFolder } from './helpers.ts'

const committed = loadPapers(readFileSync(path.join(root, 'papers.json'), 'utf8'), 'papers.json').data
const page = buildSite(committed, { title: 'Awesome <MoE>' })['index.html']!

/** The numbers the bars of a chart show, by its caption. */
function bars(caption: string): Map<string, number> {
  const figure = new RegExp(`<figure><figcaption>${caption}</figcaption>([\\s\\S]*?)</figure>`).exec(page)![1]!
  return new Map([...figure.matchAll(/<title>([^<]*): (\d+)<\/title>/g)].map((match) => [match[1]!.replace(/&#38;/g, '&'), Number(match[2])]))
}

describe('the page of the committed list', () => {
  test('one list item per entry, each with what the search and the filters read', () => {
    const items = [...page.matchAll(/<li class="entry" id="([^"]+)" data-year="(\d*)" data-venue="([^"]*)" data-kind="(\w+)" data-categories="([^"]*)">([\s\S]*?)<\/li>/g)]
    expect(items).toHaveLength(committed.entries.length)
    expect(new Set(items.map((item) => item[1])).size).toBe(committed.entries.length)
    const mixtral = items.find((item) => item[1] === 'jiang2024mixtral')!
    expect(mixtral.slice(2, 6)).toEqual(['2024', 'arXiv', 'paper', 'sparse-gating-mechanism'])
    // The search reads the item's text: title, authors, venue, notes.
    expect(mixtral[6]).toContain('Mixtral of Experts')
    expect(mixtral[6]).toContain('Albert Q. Jiang')
    expect(mixtral[6]).toContain('Mistral AI')
  })

  test('the charts show the real counts', () => {
    const years = bars('Papers per year')
    const sum = [...years.values()].reduce((total, value) => total + value, 0)
    expect(sum).toBe(committed.entries.length)
    expect(years.get('2024')).toBe(committed.entries.filter((entry) => (entry.date ?? entry.venue ?? '').includes('2024')).length)
    const categories = bars('Papers per category')
    expect(categories.get('Parameter-efficient Fine-tuning')).toBe(committed.entries.filter((entry) => entry.categories?.some((membership) => membership.category === 'parameter-efficient-fine-tuning')).length)
  })

  test('every entry has its BibTeX beside the page, under the key its copy button asks for', () => {
    const library = parse(buildSite(committed, { title: 'T' })['papers.bib']!)
    expect(library.errors).toEqual([])
    const keys = new Set(library.entries.map((entry) => entry.key))
    // The copy button asks for its entry's id, the citation key.
    const buttons = [...page.matchAll(/<li class="entry" id="([^"]+)"[^>]*>(?:(?!<\/li>)[\s\S])*<button type="button" class="copy"/g)].map((match) => match[1]!)
    expect(buttons).toHaveLength(committed.entries.length)
    expect(buttons.every((key) => keys.has(key))).toBe(true)
  })

  test('a form with labelled controls, readable without JavaScript', () => {
    for (const id of ['q', 'category', 'venue', 'year', 'kind']) expect(page).toContain(`<label for="${id}">`)
    expect(page).toContain('<title>Awesome &#60;MoE&#62;</title>')
    expect(page.match(/<script>/g)).toHaveLength(1)
  })
})

test('hostile text stays text, and no link leaves the web', () => {
  const data: PapersFile = {
    venues: { arXiv: { type: 'preprint' } },
    categories: [{ id: 'a', title: '<img src=x onerror=alert(1)>' }],
    entries: [
      { kind: 'paper', title: '<script>alert(1)</script> & "quotes"', authors: ['<b>Bold</b>'], venue: 'arXiv', links: [{ type: 'paper', url: 'https://example.org/a?b=1&c=2' }], categories: [{ category: 'a', notes: ["' onmouseover='x"] }] }
    ]
  }
  const hostile = buildSite(data, { title: 'T' })['index.html']!
  const body = hostile.slice(0, hostile.indexOf('<script>'))
  expect(body).not.toMatch(/<script|<img|<b>|onmouseover='/)
  expect(body).toContain('&#60;script&#62;alert(1)&#60;/script&#62; &#38; &#34;quotes&#34;')
  expect(body).toContain('href="https://example.org/a?b=1&#38;c=2"')
})

test('at 10,000 entries the page stays one file of reasonable size', () => {
  const large = buildSite(syntheticList(10_000), { title: 'Large' })['index.html']!
  expect(large.match(/<li class="entry"/g)).toHaveLength(10_000)
  expect(Buffer.byteLength(large) / 1024 / 1024).toBeLessThan(20)
}, 60_000)

test('npm run site writes the page and the BibTeX into site/', async () => {
  const folder = temporaryFolder()
  const { copyFileSync } = await import('node:fs')
  copyFileSync(path.join(root, 'papers.json'), path.join(folder, 'papers.json'))
  const result = await runCliProcess(['site', '--title', 'My list'], folder)
  expect(result.code).toBe(0)
  expect(result.stdout).toMatch(/^site\/index\.html: written \(\d+ KiB\)\nsite\/papers\.bib: written \(\d+ KiB\)\n$/)
  expect(readFileSync(path.join(folder, 'site/index.html'), 'utf8')).toContain('<h1>My list</h1>')
})
