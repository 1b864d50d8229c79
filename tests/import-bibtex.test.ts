/**
 * Import from BibTeX: real files (a list kept as one `.bib` per category, a
 * Zotero / Better BibTeX export, a BibDesk file with macros) import every
 * entry, a sample read by a person matches, LaTeX becomes text, and a file
 * that does not parse is refused at its line without writing anything.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { doiFromUrl } from '../scripts/core/doi.ts'
import { FindingsError } from '../scripts/core/errors.ts'
import { arxivId } from '../scripts/core/identity.ts'
import type { Entry } from '../scripts/core/model.ts'
import { importBibtex } from '../scripts/import/bibtex.ts'
import { fixtures, runCliProcess, temporaryFolder } from './helpers.ts'

interface Sample {
  file: string
  citekey: string
  title: string | null
  authors: string[] | null
  year: string | null
  month: string | null
  venue: string | null
  url: string | null
  doi: string | null
  eprint: string | null
}

/** Where the person's reading and the file disagree, by citation key, with the reason. */
const readDifferently: Record<string, { field: keyof Sample; value: unknown; why: string }> = {
  '1001tracklists1001TracklistsWorldLeading': { field: 'title', value: "1001Tracklists ⋅ The World's Leading DJ Tracklist/Playlist Database", why: 'the file writes `{$\\cdot$}`, the dot operator U+22C5; the person typed a middle dot' },
  thrun1996a: { field: 'title', value: 'Is Learning The N-Th Thing Any Easier Than Learning The First?', why: 'the file writes `N-Th`; the person typed `N-th`' }
}

const shapes = ['bibtex-list', 'bibtex-zotero']

function read(name: string) {
  const folder = path.join(fixtures, 'import-shapes', name)
  const files = readdirSync(folder).filter((file) => file.endsWith('.bib')).sort()
  return importBibtex(files.map((file) => ({ file, text: readFileSync(path.join(folder, file), 'utf8') })), { output: 'README.md' })
}

describe.each(shapes)('%s', (name) => {
  const expected = JSON.parse(readFileSync(path.join(fixtures, 'import-shapes', name, 'expected.json'), 'utf8')) as { entries: number; categories: string[]; sample: Sample[] }
  const result = read(name)

  test('every entry present is imported, one category per file', () => {
    expect(result.data.entries).toHaveLength(expected.entries)
    expect(result.data.categories.map((category) => category.title).sort()).toEqual([...expected.categories].sort())
  })

  test('the sample reads as a person reads it', () => {
    for (const sample of expected.sample) {
      const entry = result.data.entries.find((candidate) => candidate.citekey === sample.citekey)
      const where = `${sample.file}: ${sample.citekey}`
      expect(entry, where).toBeDefined()
      const differs = readDifferently[sample.citekey]
      const want = (field: keyof Sample) => (differs?.field === field ? differs.value : sample[field])
      if (want('title') !== null) expect(entry!.title, where).toBe(want('title'))
      else expect(entry!.title, where).toMatch(/^Untitled \(/)
      expect(entry!.authors ?? null, where).toEqual(sample.authors)
      expect(entry!.date?.slice(0, 4) ?? null, where).toBe(sample.year)
      expect(entry!.date?.slice(5, 7) || null, where).toBe(sample.month)
      expect(entry!.venue ?? null, where).toBe(sample.venue)
      expect(entry!.doi ?? null, where).toBe(sample.doi)
      const urls = (entry!.links ?? []).map((link) => link.url)
      // A URL that resolves the entry's DOI is kept as the DOI.
      for (const url of sample.url?.split(/\s+/) ?? []) if (doiFromUrl(url)?.toLowerCase() !== entry!.doi?.toLowerCase()) expect(urls, where).toContain(url)
      if (sample.eprint) expect(urls.map(arxivId), where).toContain(sample.eprint)
      expect(entry!.categories?.map((membership) => membership.category), where).toHaveLength(1)
    }
  })

  test('no LaTeX is left in titles, authors or venues', () => {
    for (const entry of result.data.entries) {
      for (const value of [entry.title, entry.venue ?? '', ...(entry.authors ?? [])]) expect(value, entry.title).not.toMatch(/[{}\\$]|<\/?[a-z]+>/)
    }
  })
})

/** One entry of a file, read. */
function one(bib: string): { entry: Entry; repairs: string[] } {
  const result = importBibtex([{ file: 'refs.bib', text: bib }], { output: 'README.md' })
  expect(result.data.entries).toHaveLength(1)
  return { entry: result.data.entries[0]!, repairs: result.repairs.map((repair) => `${repair.line}:${repair.kind}`) }
}

describe('LaTeX as lists write it becomes text', () => {
  test.for([
    ['{\\"U}ber {\\\'e}t{\\`e}', 'Über étè'],
    ['\\c{C}a {\\ss} \\o{} \\aa', 'Ça ß ø å'],
    ['{{Mixture}} of {Experts}', 'Mixture of Experts'],
    ['\\emph{Sparse} and \\textbf{dense}', 'Sparse and dense'],
    ['Pages --- and -- dashes', 'Pages — and – dashes'],
    ['The $\\lambda$-calculus', 'The λ-calculus'],
    ['A {\\relax Ko} title', 'A Ko title'],
    ['  spaced\n    over lines  ', 'spaced over lines']
  ] as const)('%s → %s', ([written, text]) => {
    expect(one(`@article{k, title = {${written}}, year = 2020}`).entry.title).toBe(text)
  })

  test('authors: "Last, First", prefixes, suffixes, corporate names and `and others`', () => {
    const { entry } = one('@article{k, title={T}, author = {de la Cruz, Juan and Smith, Jr., John and {Google DeepMind} and M{\\"u}ller, J{\\"o}rg and others}}')
    expect(entry.authors).toEqual(['Juan de la Cruz', 'John Smith Jr.', 'Google DeepMind', 'Jörg Müller', 'et al.'])
  })
})

describe('dates', () => {
  test.for([
    ['year = 2021', '2021'],
    ['year = 2021, month = sep', '2021-09'],
    ['year = {2021}, month = {September}', '2021-09'],
    ['year = 2021, month = 3', '2021-03'],
    ['date = {2023-04-12}, year = 2021', '2023-04-12'],
    ['date = {2023-04}', '2023-04'],
    ['year = {2020a}', '2020']
  ] as const)('%s → %s', ([fields, date]) => {
    expect(one(`@misc{k, title = {T}, ${fields}}`).entry.date).toBe(date)
  })

  test('a year that is none, or a month that is none, is reported and not invented', () => {
    const noYear = one('@misc{k,\n  title = {T},\n  year = {in press}}')
    expect(noYear.entry.date).toBeUndefined()
    expect(noYear.repairs).toEqual(['1:import/date'])
    const noMonth = one('@misc{k, title = {T}, year = 2020, month = {Fall}}')
    expect(noMonth.entry.date).toBe('2020')
    expect(noMonth.repairs).toEqual(['1:import/date'])
  })
})

describe('identifiers and links', () => {
  test('a DOI in any written form is kept bare; its resolver link is not a second link', () => {
    const { entry } = one('@article{k, title={T}, doi = {https://doi.org/10.1145/1.2}, url = {https://doi.org/10.1145/1.2}}')
    expect(entry.doi).toBe('10.1145/1.2')
    expect(entry.links).toBeUndefined()
  })

  test('an arXiv eprint becomes the arXiv link and the venue; several URLs in one field become several links', () => {
    const { entry } = one('@misc{k, title={T}, eprint = {2203.04531}, archivePrefix = {arXiv}, primaryClass = {cs.LG}, url = {https://github.com/o/r https://example.org/p.pdf}}')
    expect(entry.venue).toBe('arXiv')
    expect(entry.links).toEqual([
      { type: 'code', url: 'https://github.com/o/r' },
      { type: 'paper', url: 'https://example.org/p.pdf' },
      { type: 'paper', url: 'https://arxiv.org/abs/2203.04531' }
    ])
  })

  test('a DOI that is none is reported, not kept', () => {
    const { entry, repairs } = one('@article{k, title={T}, doi = {none}}')
    expect(entry.doi).toBeUndefined()
    expect(repairs).toEqual(['1:import/doi'])
  })

  test('the same paper in two category files is one entry in both categories', () => {
    const result = importBibtex(
      [
        { file: 'Routing.bib', text: '@article{a, title = {Sparse Gates}, doi = {10.1234/x}}' },
        { file: 'Surveys.bib', text: '@article{a2, title = {Sparse gates.}, doi = {10.1234/X}}' }
      ],
      { output: 'README.md' }
    )
    expect(result.data.entries).toHaveLength(1)
    expect(result.data.entries[0]!.categories).toEqual([{ category: 'routing' }, { category: 'surveys' }])
    expect(result.repairs.some((repair) => repair.kind === 'import/merged' && repair.message.includes('already in the list'))).toBe(true)
  })
})

describe('a file that does not parse is refused at its line, nothing written', () => {
  test.for([
    ['an unclosed brace', '@article{a,\n  title = {Open brace,\n  year = 2020\n}\n\n@article{b, title={Fine}}\n', 6],
    ['a missing comma between fields', '@article{c,\n  title = {X} year = {2020}}\n', 2],
    ['stray at-signs', '@article{d, title={T}}\n@@@\n', 2],
    ['an entry with no braces', '@article d, title = T\n', 1]
  ] as const)('%s', async ([_what, text, line]) => {
    expect(() => importBibtex([{ file: 'refs.bib', text }], { output: 'README.md' })).toThrow(FindingsError)
    try {
      importBibtex([{ file: 'refs.bib', text }], { output: 'README.md' })
    } catch (error) {
      const findings = (error as FindingsError).findings
      expect(findings[0]).toMatchObject({ file: 'refs.bib', line, ruleId: 'bibtex/syntax', severity: 'error' })
    }
    const folder = temporaryFolder()
    writeFileSync(path.join(folder, 'refs.bib'), text)
    const run = await runCliProcess(['import', 'refs.bib'], folder)
    expect(run.code).toBe(1)
    expect(run.stderr).toContain(`refs.bib:${line}:`)
    expect(existsSync(path.join(folder, 'papers.json'))).toBe(false)
    expect(existsSync(path.join(folder, 'templates'))).toBe(false)
  })
})

describe('the import command', () => {
  test('a folder of .bib files becomes papers.json and a list that lints clean and generates', async () => {
    const folder = temporaryFolder()
    mkdirSync(path.join(folder, 'bibtex'))
    const source = path.join(fixtures, 'import-shapes', 'bibtex-list')
    for (const file of readdirSync(source).filter((name) => name.endsWith('.bib'))) writeFileSync(path.join(folder, 'bibtex', file), readFileSync(path.join(source, file)))
    const run = await runCliProcess(['import', 'bibtex'], folder)
    expect(run.code, run.stderr).toBe(0)
    expect(run.stdout).toContain('Imported 18 entries (bibtex) from 2 BibTeX files into papers.json, 18 in all')
    expect(run.stdout).toMatch(/noted {2}Not kept, with how many entries have them: `abstract` \(15\)/)
    expect((await runCliProcess(['lint'], folder)).code).toBe(0)
    expect((await runCliProcess(['generate'], folder)).code).toBe(0)
    const readme = readFileSync(path.join(folder, 'README.md'), 'utf8')
    expect(readme).toContain('## Continual Learning Papers-Classics')
    expect(readme).toContain('- **Defining Benchmarks for Continual Few-Shot Learning** Antreas Antoniou, Massimiliano Patacchiola, Mateusz Ochal and Amos Storkey. _arXiv_. 2020. [Paper](https://arxiv.org/abs/2004.11967)')
    expect((await runCliProcess(['generate', '--check'], folder)).code).toBe(0)
  })

  test('a .bib merged into an existing papers.json finds the same paper by DOI', async () => {
    const folder = temporaryFolder()
    writeFileSync(path.join(folder, 'first.bib'), '@article{a, title = {Sparse Gates}, journal = {J}, year = 2020, doi = {10.1234/x}}\n')
    expect((await runCliProcess(['import', 'first.bib'], folder)).code).toBe(0)
    writeFileSync(path.join(folder, 'second.bib'), '@article{b, title = {Sparse Gates, Revisited}, year = 2021, url = {https://doi.org/10.1234/X}}\n@article{c, title = {Other}, year = 2021}\n')
    const run = await runCliProcess(['import', 'second.bib', '--force'], folder)
    expect(run.code, run.stderr).toBe(0)
    expect(run.stdout).toContain('1 entry was already in the list and merged')
    const data = JSON.parse(readFileSync(path.join(folder, 'papers.json'), 'utf8')) as { entries: Entry[] }
    expect(data.entries.map((entry) => entry.title)).toEqual(['Sparse Gates', 'Other'])
  })

  test('--format is refused for BibTeX, and a README beside .bib files is refused', async () => {
    const folder = temporaryFolder()
    writeFileSync(path.join(folder, 'a.bib'), '@misc{a, title={T}}\n')
    writeFileSync(path.join(folder, 'README.md'), '# R\n')
    expect((await runCliProcess(['import', 'a.bib', '--format', 'lines'], folder)).stderr).toContain('`--format` is for a README')
    expect((await runCliProcess(['import', 'README.md', 'a.bib'], folder)).code).toBe(2)
  })
})
