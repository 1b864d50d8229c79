/**
 * Real lists of other shapes (slices of public READMEs, see each fixture's
 * source.json): every entry present is imported, a sample of fields read by
 * a person (expected.json) matches, regenerating in the same shape changes
 * only what the import reports, and the result is a fixed point.
 */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { normalizeTitle } from '../scripts/core/identity.ts'
import type { Entry } from '../scripts/core/model.ts'
import { splitVenue } from '../scripts/core/venues.ts'
import { compareDocuments } from '../scripts/import/compare.ts'
import { importMarkdown } from '../scripts/import/index.ts'
import { fixtures, generateImported } from './helpers.ts'

const folder = path.join(fixtures, 'import-shapes')
const shapes = readdirSync(folder).filter((name) => !name.startsWith('bibtex'))

interface Sample {
  line: number
  title: string
  paper?: string | null
  code?: string | null
  venue?: string | null
  year?: string | null
  date?: string | null
  key?: string | null
  authors?: string[] | null
  category?: string
  extra?: Record<string, string> | null
}

/**
 * Where the person reading the list and the importer disagree on purpose,
 * by fixture and line: a malformed source line, or a value the model keeps
 * in another field than the person wrote it down in.
 */
const readDifferently: Record<string, Record<number, string>> = {
  'line-by-authors': {
    28: 'the link holds two URLs, so Markdown does not make it a link: the line is text, its title and venue are not separable',
    35: 'the venue carries its own year (`User Modeling 2007`); the person wrote venue and year together'
  },
  'table-mixed': { 8: 'the GitHub link sits in a fourth cell beyond the three-column header, which GitHub does not show' },
  'line-bold-pdf': { 30: 'the year sits inside the venue (`ICML 2022 Workshop`); the importer reads venue `ICML 2022` and keeps `Workshop` as text' }
}

/** Every URL an entry holds, in links or in extra fields. */
function urls(entry: Entry): string[] {
  return [...(entry.links ?? []).map((link) => link.url), ...Object.values(entry.extra ?? {}).flatMap((value) => [...value.matchAll(/\((https?:[^)\s]+)\)/g)].map((match) => match[1]!))]
}

describe.each(shapes)('%s', (name) => {
  const source = readFileSync(path.join(folder, name, 'README.md'), 'utf8')
  const expected = JSON.parse(readFileSync(path.join(folder, name, 'expected.json'), 'utf8')) as { entries: number; categories: string[]; sample: Sample[] }
  const result = importMarkdown(source, { output: 'README.md', file: `${name}/README.md` })

  test('every entry present is imported, nothing left as prose', () => {
    expect(result.leftovers).toEqual([])
    // A paper listed under two headings is one entry with two memberships.
    const listedTwice = result.repairs.filter((repair) => repair.kind === 'import/same-paper' || repair.kind === 'import/duplicate-row').length
    expect(result.data.entries.length + listedTwice).toBe(expected.entries)
  })

  test('the sample reads as a person reads it', () => {
    const categories = new Map<string, string>()
    const walk = (list: typeof result.data.categories) => list.forEach((category) => (categories.set(category.id, category.title), walk(category.children ?? [])))
    walk(result.data.categories)
    for (const sample of expected.sample) {
      const entry = result.data.entries.find((candidate) => normalizeTitle(candidate.title) === normalizeTitle(sample.title))
      expect(entry, `line ${sample.line}: ${sample.title}`).toBeDefined()
      if (readDifferently[name]?.[sample.line]) continue
      const where = `${name}:${sample.line}`
      if (sample.paper) expect(urls(entry!), where).toContain(sample.paper)
      if (sample.code) expect(urls(entry!), where).toContain(sample.code)
      if (sample.venue) expect(entry!.venue && splitVenue(entry!.venue).series, where).toBe(sample.venue)
      if (sample.year) expect([entry!.date?.slice(0, 4), entry!.venue && String(splitVenue(entry!.venue).year)], where).toContain(sample.year)
      if (sample.date) expect(entry!.date, where).toBe(sample.date)
      if (sample.key) expect(entry!.key, where).toBe(sample.key)
      if (sample.authors) expect(entry!.authors, where).toEqual(sample.authors)
      if (sample.category) expect((entry!.categories ?? []).map((membership) => categories.get(membership.category)), where).toContain(sample.category)
      for (const [column, value] of Object.entries(sample.extra ?? {})) {
        if (/^https?:/.test(value)) expect(urls(entry!), where).toContain(value)
        else if (value !== '-') expect(entry!.extra?.[column], where).toBe(value)
      }
    }
  })

  test('regenerating in its own shape changes only what the import reports', () => {
    const generated = generateImported(result)
    const comparison = compareDocuments(source, generated)
    for (const [old, fresh] of comparison.changed) {
      const line = old?.node.position!.start.line ?? fresh?.after
      expect(result.repairs.some((repair) => repair.line === line), `${name}: line ${line} changes, unreported`).toBe(true)
    }
    // Most of the document comes back as it was (`npm run bench:import-shapes` prints each fixture's share).
    expect(comparison.equal / comparison.total).toBeGreaterThan(0.45)
  })

  test('generate → import → generate is a fixed point', () => {
    const first = generateImported(result)
    const again = importMarkdown(first, { output: 'README.md', file: 'README.md' })
    expect(again.format).toBe(result.format)
    expect(generateImported(again)).toBe(first)
  })
})

test('a README with no entries is refused with what it holds and what the importer reads', () => {
  const text = '# Notes\n\n| Year | Count |\n| - | - |\n| 2024 | 3 |\n\n- a [link](#notes)\n'
  expect(() => importMarkdown(text, { output: 'README.md', file: 'notes.md' })).toThrow(/Cannot read entries from `notes\.md`: it has 1 table \(`\| Year \| Count \|`: none has a title, paper or name column\), 1 list with 1 item, .* The importer reads tables with a title column/)
})

test('braces a list writes stay text, never placeholders', () => {
  const text = '# List\n\n## Papers\n\n- Sparse routing [[ICLR 2022]](https://arxiv.org/abs/2110.04260) `{k}` {1}\n- Dense layers [[ICLR 2023]](https://arxiv.org/abs/2110.04261) `{k}` {1}\n'
  const result = importMarkdown(text, { output: 'README.md', file: 'braces.md' })
  // Text the model has no name for, digits too, is kept as a note: its braces are the note's, not a placeholder.
  expect(result.template).toContain('pattern: "{title} [[{series} {vyear}]]({paper}) `{k}` {extra:note}"')
  expect(result.data.entries.map((entry) => entry.extra?.note)).toEqual(['{1}', '{1}'])
  const generated = generateImported(result)
  expect(compareDocuments(text, generated).changed).toEqual([])
  expect(generated).toContain('`{k}` {1}')
})
