/**
 * Merging recognizes the same paper however the second list writes it
 * (arXiv ID in any URL form, DOI as a field or a resolver link of any case,
 * title in other case and punctuation) and the same venue however it is
 * spelled (`2024 ICLR`, `ICLR2024`, `ICLR-2024`); the merged file lints clean.
 */
import { describe, expect, test } from 'vitest'
import { defaultConfig } from '../scripts/core/config.ts'
import { arxivIdOfDoi, bareDoi, doiFromUrl } from '../scripts/core/doi.ts'
import { identityKeys } from '../scripts/core/identity.ts'
import type { Entry, PapersFile } from '../scripts/core/model.ts'
import { serializePapers } from '../scripts/core/serialize.ts'
import { mergeLists } from '../scripts/import/merge.ts'
import { fixText, lintText } from '../scripts/lint/engine.ts'

describe('DOIs as lists write them', () => {
  test.for([
    ['10.1145/3243274.3243299', '10.1145/3243274.3243299'],
    ['https://doi.org/10.1145/3243274.3243299', '10.1145/3243274.3243299'],
    ['http://dx.doi.org/10.1121/1.4973534', '10.1121/1.4973534'],
    ['doi:10.1121/1.4973534', '10.1121/1.4973534'],
    ['DOI: 10.1121/1.4973534', '10.1121/1.4973534'],
    ['https://doi.org/10.1002%2F(SICI)1097-4571', '10.1002/(SICI)1097-4571'],
    ['10/dqmbg2', '10/dqmbg2'],
    ['https://example.org/10.1/x', undefined],
    ['not a doi', undefined],
    ['10.1/', undefined]
  ] as const)('%s → %s', ([text, doi]) => {
    expect(bareDoi(text)).toBe(doi)
  })

  test('only resolver URLs carry a DOI', () => {
    expect(doiFromUrl('https://doi.org/10.1145/1.2?x=1')).toBe('10.1145/1.2')
    expect(doiFromUrl('http://doi.acm.org/10.1145/2427048.2427055')).toBe('10.1145/2427048.2427055')
    expect(doiFromUrl('https://dl.acm.org/doi/10.1145/1.2')).toBeUndefined()
    expect(doiFromUrl('doi:10.1145/1.2')).toBeUndefined()
  })

  test("arXiv's DOIs are the arXiv paper", () => {
    expect(arxivIdOfDoi('10.48550/arXiv.2203.04531')).toBe('2203.04531')
    expect(identityKeys({ kind: 'paper', title: 'T', doi: '10.48550/ARXIV.2203.04531' })).toContain('arxiv:2203.04531')
    expect(identityKeys({ kind: 'paper', title: 'T', links: [{ type: 'paper', url: 'https://arxiv.org/pdf/2203.04531v2' }] })).toContain('arxiv:2203.04531')
  })
})

const base: PapersFile = {
  venues: { 'ICLR 2024': { type: 'conference', date: '2024-05-07' }, arXiv: { type: 'preprint' } },
  categories: [{ id: 'routing', title: 'Routing' }],
  entries: [
    { kind: 'paper', title: 'Sparse Gates at Scale', venue: 'ICLR 2024', date: '2024-01', links: [{ type: 'paper', url: 'https://arxiv.org/abs/2401.00001' }], categories: [{ category: 'routing' }] },
    { kind: 'paper', title: 'Experts in Journals', doi: '10.1145/3243274.3243299', date: '2023', categories: [{ category: 'routing' }] },
    { kind: 'paper', title: 'A Preprint Only', venue: 'arXiv', date: '2023-05', links: [{ type: 'paper', url: 'https://arxiv.org/abs/2305.00002' }], categories: [{ category: 'routing' }] }
  ]
}

/** The same three papers as another list writes them, in every combination of spellings. */
const venueSpellings = ['ICLR 2024', '2024 ICLR', 'ICLR2024', 'ICLR-2024', 'iclr 2024']
const arxivForms = ['https://arxiv.org/abs/2401.00001', 'https://arxiv.org/pdf/2401.00001v3', 'http://arxiv.org/abs/2401.00001v1', 'https://www.arxiv.org/pdf/2401.00001.pdf']
const doiForms: Array<Partial<Entry>> = [
  { doi: '10.1145/3243274.3243299' },
  { doi: '10.1145/3243274.3243299'.toUpperCase() },
  { links: [{ type: 'paper', url: 'https://doi.org/10.1145/3243274.3243299' }] },
  { links: [{ type: 'paper', url: 'http://dx.doi.org/10.1145/3243274.3243299' }] }
]
const titleForms = ['Sparse Gates at Scale', 'sparse gates at scale.', 'Sparse Gates at Scale!', 'SPARSE GATES AT SCALE']

const cases = venueSpellings.flatMap((venue, v) => arxivForms.map((arxiv, a) => ({ venue, arxiv, doi: doiForms[(v + a) % doiForms.length]!, title: titleForms[(v * 3 + a) % titleForms.length]! })))

describe('merging a second list that writes the same papers another way', () => {
  test.for(cases)('venue $venue, arXiv $arxiv, title $title', ({ venue, arxiv, doi, title }) => {
    const incoming: PapersFile = {
      venues: { [venue]: { type: 'conference' }, arXiv: { type: 'preprint' } },
      categories: [{ id: 'gates', title: 'Gates' }],
      entries: [
        { kind: 'paper', title, venue, links: [{ type: 'paper', url: arxiv }], categories: [{ category: 'gates' }] },
        { kind: 'paper', title: 'Experts in Journals, extended', ...doi, categories: [{ category: 'gates' }] },
        { kind: 'paper', title: 'A preprint only', venue: 'arXiv', categories: [{ category: 'gates' }] }
      ]
    }
    const { data, notes } = mergeLists(base, incoming)
    expect(data.entries).toHaveLength(3)
    expect(Object.keys(data.venues).sort()).toEqual(['ICLR 2024', 'arXiv'])
    expect(data.entries.every((entry) => entry.categories?.map((membership) => membership.category).join() === 'routing,gates')).toBe(true)
    expect(data.entries[0]!.venue).toBe('ICLR 2024')
    if (venue !== 'ICLR 2024') expect(notes).toContain(`venue \`${venue}\` is \`ICLR 2024\``)
    // As `import` writes it: in the canonical form `fix` gives, which then lints clean.
    const written = fixText(serializePapers({ $schema: './schema/papers.schema.json', ...data }), 'papers.json', defaultConfig).text
    expect(lintText(written, 'papers.json', defaultConfig).map((finding) => `${finding.ruleId}: ${finding.message}`)).toEqual([])
    // Merging again adds nothing: a fixed point.
    expect(mergeLists(data, incoming).data).toEqual(data)
  })

  test('a venue new to the registry is written once, series first', () => {
    const incoming: PapersFile = {
      venues: { '2025 COLM': { type: 'conference' } },
      categories: [],
      entries: [{ kind: 'paper', title: 'New Paper', venue: '2025 COLM' }]
    }
    const { data } = mergeLists(base, incoming)
    expect(data.venues['COLM 2025']).toEqual({ type: 'conference' })
    expect(data.venues['2025 COLM']).toBeUndefined()
    expect(data.entries.at(-1)!.venue).toBe('COLM 2025')
  })

  test('a DOI that differs is reported, never overwritten', () => {
    const incoming: PapersFile = { venues: {}, categories: [], entries: [{ kind: 'paper', title: 'Experts in Journals', doi: '10.9999/other' }] }
    const { data, notes } = mergeLists(base, incoming)
    expect(data.entries[1]!.doi).toBe('10.1145/3243274.3243299')
    expect(notes).toContain('`Experts in Journals`: DOI `10.9999/other` differs; kept `10.1145/3243274.3243299`')
  })
})
