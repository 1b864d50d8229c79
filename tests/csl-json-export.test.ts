/**
 * papers.csl.json, generated: one CSL item per entry, with the citation
 * keys of papers.bib, types from CSL's vocabulary, names in parts, dates as
 * date-parts, and every entry's title, authors, year, DOI and URL.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { expect, test } from 'vitest'
import { citationKeys } from '../scripts/core/citekeys.ts'
import { loadPapers } from '../scripts/core/load.ts'
import type { PapersFile } from '../scripts/core/model.ts'
import { renderOutput } from '../scripts/core/render.ts'
import { parseTemplate } from '../scripts/core/template.ts'
import { cslName } from '../scripts/formats/csl-json.ts'
import { root } from './helpers.ts'

/** CSL 1.0.2's item types. */
const types = new Set(['article', 'article-journal', 'article-magazine', 'article-newspaper', 'bill', 'book', 'broadcast', 'chapter', 'classic', 'collection', 'dataset', 'document', 'entry', 'entry-dictionary', 'entry-encyclopedia', 'event', 'figure', 'graphic', 'hearing', 'interview', 'legal_case', 'legislation', 'manuscript', 'map', 'motion_picture', 'musical_score', 'pamphlet', 'paper-conference', 'patent', 'performance', 'periodical', 'personal_communication', 'post', 'post-weblog', 'regulation', 'report', 'review', 'review-book', 'software', 'song', 'speech', 'standard', 'thesis', 'treaty', 'webpage'])

const data: PapersFile = loadPapers(readFileSync(path.join(root, 'papers.json'), 'utf8'), 'papers.json').data
const template = parseTemplate(readFileSync(path.join(root, 'templates/papers.csl.json.md'), 'utf8'), 'templates/papers.csl.json.md')
const written = renderOutput(template, data, [template.config]).content
type Item = { id: string; type: string; title: string; author?: Array<Record<string, string>>; issued?: { 'date-parts': number[][] }; DOI?: string; URL?: string }
const items = JSON.parse(written) as Item[]

test('is the committed file, valid JSON, one item per entry with the keys of papers.bib', () => {
  expect(readFileSync(path.join(root, 'papers.csl.json'), 'utf8')).toBe(written)
  expect(items).toHaveLength(data.entries.length)
  const keys = citationKeys(data.entries)
  expect(items.map((item) => item.id)).toEqual(data.entries.map((entry) => keys.get(entry)))
  expect(new Set(items.map((item) => item.id)).size).toBe(items.length)
})

test('every item is CSL: a known type, names in parts, dates as date-parts, and the entry data', () => {
  items.forEach((item, index) => {
    const entry = data.entries[index]!
    expect(types.has(item.type), item.type).toBe(true)
    expect(item.title).toBe(entry.title)
    const names = (item.author ?? []).map((name) => name.literal ?? [name.given, name['non-dropping-particle'], name.family, name.suffix].filter(Boolean).join(' '))
    expect(names).toEqual((entry.authors ?? []).filter((name) => name !== 'et al.'))
    const parts = item.issued?.['date-parts'][0]
    if (parts) {
      expect(parts.every((part) => Number.isInteger(part))).toBe(true)
      expect(String(parts[0])).toBe(entry.date?.slice(0, 4) ?? /(\d{4})$/.exec(entry.venue ?? '')?.[1])
    }
    if (entry.doi) expect(item.DOI).toBe(entry.doi)
  })
  const mixtral = items.find((item) => item.title === 'Mixtral of Experts')!
  expect(mixtral).toMatchObject({ id: 'jiang2024mixtral', type: 'article', 'container-title': 'arXiv', number: 'arXiv:2401.04088', issued: { 'date-parts': [[2024, 1, 8]] } })
})

test('names: particles, suffixes, and a name in one word', () => {
  expect(cslName('Juan de la Cruz')).toEqual({ family: 'Cruz', given: 'Juan', 'non-dropping-particle': 'de la' })
  expect(cslName('John Smith Jr.')).toEqual({ family: 'Smith', given: 'John', suffix: 'Jr.' })
  expect(cslName('1001Tracklists')).toEqual({ literal: '1001Tracklists' })
})
