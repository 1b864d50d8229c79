/**
 * papers.bib, generated: every entry of papers.json parses back (with the
 * parser of Better BibTeX) to its title, authors, venue, year, DOI, URL and
 * arXiv ID, however awkward the text; citation keys are stable and unique.
 */
import { parse } from '@retorquere/bibtex-parser'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { citationKeys } from '../scripts/core/citekeys.ts'
import { loadPapers } from '../scripts/core/load.ts'
import type { Entry, PapersFile } from '../scripts/core/model.ts'
import { renderOutput } from '../scripts/core/render.ts'
import { parseTemplate } from '../scripts/core/template.ts'
import { importBibtex } from '../scripts/import/bibtex.ts'
import { root } from './helpers.ts'

const template = parseTemplate('---\noutput: papers.bib\nformat: bibtex\n---\n<!-- generate:entries -->\n', 'templates/papers.bib.md')
const written = (data: PapersFile) => renderOutput(template, data, [template.config]).content

/** What BibTeX says of each entry, read back by the parser, by citation key. */
function readBack(text: string) {
  const library = parse(text, { english: false, sentenceCase: false, caseProtection: false })
  expect(library.errors).toEqual([])
  return new Map(library.entries.map((entry) => [entry.key, entry]))
}

/** An entry as the BibTeX import reads it back. */
function asImported(text: string): Entry[] {
  return importBibtex([{ file: 'papers.bib', text }], { output: 'README.md' }).data.entries
}

function expectSame(entries: readonly Entry[], text: string) {
  const back = asImported(text)
  expect(back).toHaveLength(entries.length)
  entries.forEach((entry, index) => {
    const read = back[index]!
    const where = entry.title
    expect(read.title, where).toBe(entry.title.replace(/\s+/g, ' ').trim().normalize('NFC'))
    expect(read.authors ?? [], where).toEqual((entry.authors ?? []).map((name) => name.normalize('NFC')))
    // BibTeX has a year and a month; a season (`2022-winter`) keeps its year.
    const month = /^\d{4}(-\d{2})?/.exec(entry.date ?? '')?.[0]
    expect(read.date?.slice(0, 7), where).toBe(month ?? /(\d{4})$/.exec(entry.venue ?? '')?.[1])
    if (entry.doi) expect(read.doi, where).toBe(entry.doi)
    const paper = entry.links?.find((link) => link.type === 'paper')?.url ?? entry.links?.[0]?.url
    if (paper) expect(read.links?.map((link) => link.url), where).toContain(paper)
  })
}

describe('the committed papers.json', () => {
  const data = loadPapers(readFileSync(path.join(root, 'papers.json'), 'utf8'), 'papers.json').data
  const text = written(data)

  test('every entry is written, under a unique key, and parses back to the same data', () => {
    const entries = readBack(text)
    expect(entries.size).toBe(data.entries.length)
    expectSame(data.entries, text)
  })

  test('is the committed papers.bib', () => {
    expect(readFileSync(path.join(root, 'papers.bib'), 'utf8')).toBe(written(data).replace(/^/, '% Generated from papers.json by `npm run generate`; edit papers.json, not this file.\n\n'))
  })

  test('conference papers are @inproceedings with a booktitle, arXiv papers carry eprint and archivePrefix', () => {
    const entries = readBack(text)
    const mixtral = [...entries.values()].find((entry) => entry.fields.title === 'Mixtral of Experts')!
    expect(mixtral.key).toBe('jiang2024mixtral')
    expect(mixtral.fields).toMatchObject({ eprint: '2401.04088', archiveprefix: 'arXiv' })
    // arXiv's category, when the entry records it (add and check:arxiv --fix fill it in).
    const classified = readBack(written({ ...data, entries: data.entries.map((entry) => (entry.title === 'Mixtral of Experts' ? { ...entry, primaryClass: 'cs.LG' } : entry)) }))
    expect([...classified.values()].find((entry) => entry.fields.title === 'Mixtral of Experts')!.fields).toMatchObject({ eprint: '2401.04088', archiveprefix: 'arXiv', primaryclass: 'cs.LG' })
    expect(mixtral.fields.primaryclass).toBeUndefined()
    expect([...entries.values()].filter((entry) => entry.type === 'inproceedings').every((entry) => typeof entry.fields.booktitle === 'string')).toBe(true)
  })
})

describe('awkward text survives', () => {
  const awkward: Entry[] = [
    { kind: 'paper', title: 'Über Mixtures: 50% of {Experts} & the_rest #1 $x^2$ ~ \\ end', authors: ['Juan de la Cruz', 'Ludwig van Beethoven', 'John Smith Jr.', 'Zoë Ångström-Søn', 'Régis Gianas', 'et al.'], date: '2023-04-05', doi: '10.1002/(SICI)1097-4571', links: [{ type: 'paper', url: 'https://example.org/p?a=1&b=%20' }] },
    { kind: 'paper', title: 'Çà et là: naïve façades — “quoted” λ-calculus', authors: ['Ñandú Pérez', 'Łukasz Kaiser'], date: '2024' },
    { kind: 'book', title: 'A Book', authors: ['Ann Author'], venue: 'Springer & Sons', date: '2022-12' }
  ]
  const data: PapersFile = { venues: { 'Springer & Sons': { type: 'publisher' } }, categories: [], entries: awkward }

  test('accents, particles, suffixes, &, %, _, #, braces and math read back as written', () => {
    expectSame(awkward, written(data))
  })

  test('every special character of TeX is escaped', () => {
    const text = written(data)
    expect(text).toContain('50\\% of')
    expect(text).toContain('\\& the\\_rest \\#1')
    expect(text).toContain('author = {de la Cruz, Juan and van Beethoven, Ludwig and Smith, Jr., John and {\\AA}ngstr{\\"o}m-S{\\o}n, Zo{\\"e} and')
    expect(text).toContain('and others}')
    expect(text).toMatch(/@book\{author2022book,\n {2}author {4}= \{Author, Ann\},\n {2}title {5}= \{\{A Book\}\},\n {2}publisher = \{Springer \\& Sons\}/)
  })
})

describe('citation keys', () => {
  const entry = (title: string, extra: Partial<Entry> = {}): Entry => ({ kind: 'paper', title, authors: ['Albert Q. Jiang'], date: '2024-01-08', ...extra })

  test('family name, year and the first word that says something', () => {
    const keys = citationKeys([entry('Mixtral of Experts'), entry('The Art of Routing', { authors: ['Ana de la Cruz'] }), entry('On Gates', { authors: undefined, key: 'TC-MoA' })])
    expect([...keys.values()]).toEqual(['jiang2024mixtral', 'cruz2024art', 'tcmoa2024gates'])
  })

  test('a collision takes more title words; an entry that does not collide keeps its key whatever else changes', () => {
    const a = entry('Sparse Gates for Vision')
    const b = entry('Sparse Gates for Language')
    const c = entry('Dense Layers')
    expect([...citationKeys([a, b, c]).values()]).toEqual(['jiang2024sparsegatesvision', 'jiang2024sparsegateslanguage', 'jiang2024dense'])
    expect(citationKeys([c]).get(c)).toBe('jiang2024dense')
    expect(citationKeys([b, c, a]).get(a)).toBe('jiang2024sparsegatesvision')
  })

  test('the same title twice gets letters by identity, in any file order; an own citekey wins', () => {
    const one = entry('Same', { links: [{ type: 'paper', url: 'https://arxiv.org/abs/2401.00002' }] })
    const two = entry('Same', { links: [{ type: 'paper', url: 'https://arxiv.org/abs/2401.00001' }] })
    expect(citationKeys([one, two]).get(two)).toBe('jiang2024samea')
    expect(citationKeys([two, one]).get(two)).toBe('jiang2024samea')
    expect(citationKeys([one, two]).get(one)).toBe('jiang2024sameb')
    const pinned = entry('Mixtral of Experts', { citekey: 'mixtral' })
    expect(citationKeys([pinned, entry('Mixtral of Experts')]).get(pinned)).toBe('mixtral')
  })
})

describe('a [BibTeX] link per entry, to its line in papers.bib', () => {
  test('the venue table and the categorized list link each entry to its own @entry line, from any folder', async () => {
    const { renderOutputs } = await import('../scripts/core/render.ts')
    const data = loadPapers(readFileSync(path.join(root, 'papers.json'), 'utf8'), 'papers.json').data
    const templates = [
      parseTemplate('---\noutput: README.md\nformat: venue-table\noptions:\n  bibtexLink: true\n---\n<!-- generate:entries -->\n', 'templates/README.md'),
      parseTemplate('---\noutput: docs/TOPICS.md\nformat: categorized\noptions:\n  bibtexLink: true\n---\n<!-- generate:entries -->\n', 'templates/TOPICS.md'),
      parseTemplate('---\noutput: papers.bib\nformat: bibtex\n---\n% header\n\n<!-- generate:entries -->\n', 'templates/papers.bib.md')
    ]
    const [readme, topics, bib] = renderOutputs(templates, data).map((output) => output.content)
    const bibLines = bib!.split('\n')
    const keys = citationKeys(data.entries)
    const mixtral = data.entries.find((entry) => entry.title === 'Mixtral of Experts')!
    const line = bibLines.findIndex((text) => text.startsWith(`@misc{${keys.get(mixtral)},`)) + 1
    expect(line).toBeGreaterThan(2)
    expect(topics).toContain(`[[Paper](https://arxiv.org/abs/2401.04088)] [[BibTeX](../papers.bib#L${line})]`)
    // Every link points at the line of an entry's @-line.
    for (const [output, prefix] of [[readme!, 'papers.bib'], [topics!, '../papers.bib']] as const) {
      const targets = [...output.matchAll(/\[BibTeX\]\(([^)]+)\)/g)].map((match) => match[1]!)
      expect(targets.length).toBeGreaterThan(0)
      for (const target of targets) {
        expect(target.startsWith(`${prefix}#L`)).toBe(true)
        expect(bibLines[Number(target.slice(target.indexOf('#L') + 2)) - 1]).toMatch(/^@\w+\{/)
      }
    }
    expect(readme!.split('\n')[0]).toBe('| Venue | Key Name | Title | Code | BibTeX |')
  })
})
