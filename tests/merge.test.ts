/**
 * The committed papers.json is the merge of both seeds: every entry of both,
 * no duplicates, nothing lost; and merging itself is tested on the seeds.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { loadPapers } from '../scripts/core/load.ts'
import type { Entry } from '../scripts/core/model.ts'
import { identityKeys, arxivId } from '../scripts/core/identity.ts'
import { importMarkdown } from '../scripts/import/index.ts'
import { mergeLists } from '../scripts/import/merge.ts'
import { fixtures, root } from './helpers.ts'

const seed = (name: string) => importMarkdown(readFileSync(path.join(fixtures, 'seeds', name), 'utf8'), { output: 'README.md', file: name }).data
const venueTable = seed('venue-table.md')
const categorized = seed('categorized.md')
const committed = loadPapers(readFileSync(path.join(root, 'papers.json'), 'utf8'), 'papers.json').data

function findIn(entries: Entry[], entry: Entry): Entry | undefined {
  const keys = new Set(identityKeys(entry))
  return entries.find((candidate) => identityKeys(candidate).some((key) => keys.has(key)))
}

describe('merging the two seeds', () => {
  const { data, notes } = mergeLists(venueTable, categorized)

  test('keeps every entry of both once: 48 + 40 - 3 shared', () => {
    expect(data.entries).toHaveLength(85)
    expect(notes[0]).toBe('3 entries were already in the list and merged')
  })

  test('a shared paper gets the links, authors, date and memberships of both', () => {
    const soft = data.entries.find((entry) => entry.title === 'From Sparse to Soft Mixtures of Experts')!
    expect(soft).toMatchObject({ key: 'Soft MoE', venue: 'ICLR 2024', date: '2024-05-27', categories: [{ category: 'token-merging' }] })
    expect(soft.links).toEqual([
      { type: 'paper', url: 'https://openreview.net/pdf?id=jxpsAj7ltE' },
      { type: 'paper', url: 'https://arxiv.org/abs/2308.00951', label: 'arXiv' },
      { type: 'code', url: 'https://github.com/bwconrad/soft-moe' }
    ])
  })

  test('a preprint found published elsewhere keeps the publication, and says so', () => {
    const omni = data.entries.find((entry) => entry.key === 'Omni-SMoLA')!
    expect(omni.venue).toBe('CVPR 2024')
    expect(notes.some((note) => note.includes('Omni-SMoLA') && note.includes('venue `arXiv` differs; kept `CVPR 2024`'))).toBe(true)
  })

  test('conflicting titles are reported, not silently dropped', () => {
    expect(notes.some((note) => note.includes('title `Mod-Squad: Designing Mixture of Experts As Modular Multi-Task Learners` differs'))).toBe(true)
  })

  test('merging a list into itself changes nothing', () => {
    const again = mergeLists(data, data)
    expect(again.data).toEqual(data)
  })
})

describe('the committed papers.json', () => {
  test('holds every entry of both seeds, with all their memberships, notes and links', () => {
    for (const source of [venueTable, categorized]) {
      for (const entry of source.entries) {
        const found = findIn(committed.entries, entry)
        expect(found, entry.title).toBeDefined()
        for (const membership of entry.categories ?? []) expect(found!.categories).toContainEqual(membership)
        for (const link of entry.links ?? []) {
          const id = arxivId(link.url)
          expect(found!.links!.some((kept) => kept.url === link.url || (id !== undefined && arxivId(kept.url) === id)), link.url).toBe(true)
        }
        if (entry.authors) expect(found!.authors).toEqual(entry.authors)
      }
    }
  })

  test('has no entry twice', () => {
    const seen = new Map<string, string>()
    for (const entry of committed.entries) {
      for (const key of identityKeys(entry)) {
        expect(seen.get(key), `${entry.title} duplicates ${seen.get(key)}`).toBeUndefined()
        seen.set(key, entry.title)
      }
    }
  })

  test('dates every conference in the venue table', () => {
    const conferences = Object.entries(committed.venues).filter(([, venue]) => venue.type === 'conference')
    expect(conferences.filter(([, venue]) => venue.date === undefined).map(([name]) => name)).toEqual([])
  })
})
