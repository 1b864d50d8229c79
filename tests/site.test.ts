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
import { buildSite, firstPage } from '../scripts/site/build.ts'
import { root, runCliProcess, temporaryFolder } from './helpers.ts'

const committed = loadPapers(readFileSync(path.join(root, 'papers.json'), 'utf8'), 'papers.json').data
const site = buildSite(committed, { title: 'Awesome <MoE>' })
const page = site['index.html']!

/** The data block the page's script reads, cut as an HTML parser cuts it: at the first `</script`, in any case. */
function dataRows(index: string): string[][] {
  const start = index.indexOf('<script type="application/json" id="data">') + '<script type="application/json" id="data">'.length
  const end = index.slice(start).search(/<\/script[\s/>]/i)
  const block = index.slice(start, start + end)
  // Nothing in it opens a comment, in which `</script>` would not end it.
  expect(block).not.toContain('<!--')
  return JSON.parse(block) as string[][]
}

/** The numbers the bars of a chart show, by its caption. */
function bars(caption: string): Map<string, number> {
  const figure = new RegExp(`<figure><figcaption>${caption}</figcaption>([\\s\\S]*?)</figure>`).exec(page)![1]!
  return new Map([...figure.matchAll(/<title>([^<]*): (\d+)<\/title>/g)].map((match) => [match[1]!.replace(/&#38;/g, '&'), Number(match[2])]))
}

describe('the page of the committed list', () => {
  test('one list item per entry, each with what the search and the filters read', () => {
    const items = [...site['list.html']!.matchAll(/<li class="entry" id="([^"]+)" data-year="(\d*)" data-venue="([^"]*)" data-kind="(\w+)" data-categories="([^"]*)">([\s\S]*?)<\/li>/g)]
    expect(items).toHaveLength(committed.entries.length)
    expect(new Set(items.map((item) => item[1])).size).toBe(committed.entries.length)
    const mixtral = items.find((item) => item[1] === 'jiang2024mixtral')!
    expect(mixtral.slice(2, 6)).toEqual(['2024', 'arXiv', 'paper', 'sparse-gating-mechanism'])
    expect(mixtral[6]).toContain('Mixtral of Experts')
    expect(mixtral[6]).toContain('Albert Q. Jiang')
    expect(mixtral[6]).toContain('Mistral AI')
    // The script's data: the same entries, in the same order, with what the filters compare and the search reads.
    const rows = dataRows(page)
    expect(rows.map((row) => row[0])).toEqual(items.map((item) => item[1]))
    for (const [index, row] of rows.entries()) expect(row.slice(1, 5)).toEqual(items[index]!.slice(2, 6))
    const text = rows.find((row) => row[0] === 'jiang2024mixtral')![5]!
    for (const field of ['mixtral of experts', 'albert q. jiang', 'mistral ai', 'arxiv', 'sparse gating mechanism']) expect(text).toContain(field)
    // The page lists them all, as the list page does, less the copy buttons only a script can work.
    expect(rows.map((row) => row[6]!.replace(/ <button type="button" class="copy"[^>]*>Copy BibTeX<\/button>/, ''))).toEqual(items.map((item) => item[0]))
    expect(site['list.html']).not.toContain('<button')
    expect(site['list.html']).not.toContain('<script')
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
    // Every entry is readable without a script: the first page here, all of them on the list page.
    expect(page).toContain('<a href="list.html">All on one page</a>')
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
  const files = buildSite(data, { title: 'T' })
  const hostile = files['index.html']!
  for (const body of [hostile.slice(0, hostile.indexOf('<script type="application/json"')), files['list.html']!]) {
    expect(body).not.toMatch(/<script|<img|<b>|onmouseover='/)
    expect(body).toContain('&#60;script&#62;alert(1)&#60;/script&#62; &#38; &#34;quotes&#34;')
    expect(body).toContain('href="https://example.org/a?b=1&#38;c=2"')
  }
  // In the script's data too, nothing ends the block early or opens a comment.
  for (const title of ['</script><script>alert(1)</script>', '</SCRIPT >x', '<!--<script>', 'a\u2028b</script/']) {
    const rows = dataRows(buildSite({ ...data, entries: [{ ...data.entries[0]!, title }] }, { title: 'T' })['index.html']!)
    expect(rows).toHaveLength(1)
    expect(rows[0]![5]).toContain(title.toLowerCase())
    expect(rows[0]![6]).not.toMatch(/<script|<!--/i)
  }
})

test('at 10,000 entries the page shows a first page as HTML and carries the rest as data', () => {
  const large = buildSite(syntheticList(10_000), { title: 'Large' })
  expect(large['index.html']!.match(/<li class="entry"/g)).toHaveLength(firstPage)
  expect(dataRows(large['index.html']!)).toHaveLength(10_000)
  expect(large['index.html']).toContain('<a href="list.html">All 10000 entries on one page</a>')
  expect(large['list.html']!.match(/<li class="entry"/g)).toHaveLength(10_000)
  expect(Buffer.byteLength(large['index.html']!) / 1024 / 1024).toBeLessThan(20)
}, 60_000)

test('npm run site writes the page and the BibTeX into site/', async () => {
  const folder = temporaryFolder()
  const { copyFileSync } = await import('node:fs')
  copyFileSync(path.join(root, 'papers.json'), path.join(folder, 'papers.json'))
  const result = await runCliProcess(['site', '--title', 'My list'], folder)
  expect(result.code).toBe(0)
  expect(result.stdout).toMatch(/^site\/index\.html: written \(\d+ KiB\)\nsite\/list\.html: written \(\d+ KiB\)\nsite\/papers\.bib: written \(\d+ KiB\)\n$/)
  expect(readFileSync(path.join(folder, 'site/index.html'), 'utf8')).toContain('<h1>My list</h1>')
})
