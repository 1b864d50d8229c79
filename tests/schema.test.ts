/** The schema and the TypeScript model describe the same data, and every field is documented. */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { expect, test } from 'vitest'
import { parseJsonDocument } from '../scripts/core/json-source.ts'
import type { PapersFile } from '../scripts/core/model.ts'
import { papersSchema, schemaFindings } from '../scripts/core/schema.ts'
import { root } from './helpers.ts'

/** Every field of the model, typed: adding a field to the type without the schema (or back) fails here. */
const everyField: Required<PapersFile> = {
  $schema: './schema/papers.schema.json',
  venues: { 'CVPR 2024': { type: 'conference', date: '2024-06-17' } },
  categories: [{ id: 'parent', title: 'Parent', description: 'Prose.', children: [{ id: 'child', title: 'Child' }] }],
  entries: [
    {
      kind: 'paper',
      key: 'K',
      title: 'Title',
      authors: ['Ünïcode Ñame'],
      venue: 'CVPR 2024',
      date: '2024-winter',
      links: [{ type: 'code', url: 'https://github.com/a/b', label: 'Codes' }],
      doi: '10.1145/3243274.3243299',
      primaryClass: 'cs.SD',
      citekey: 'aarabi2018music',
      tags: ['MoE'],
      withdrawn: true,
      extra: { Stars: '![Stars](https://img.shields.io/github/stars/a/b)' },
      categories: [{ category: 'child', notes: ['Note'] }],
      added: '2024-06-01'
    }
  ]
}

const definitions = papersSchema.$defs as Record<string, { properties?: Record<string, unknown> }>

test('an object with every field of the model is valid', () => {
  expect(schemaFindings(parseJsonDocument(JSON.stringify(everyField), 'every-field.json'))).toEqual([])
})

test.each([
  ['file', papersSchema.properties, everyField],
  ['venue', definitions.venue!.properties, everyField.venues['CVPR 2024']],
  ['category', definitions.category!.properties, everyField.categories[0]],
  ['entry', definitions.entry!.properties, everyField.entries[0]],
  ['link', definitions.link!.properties, everyField.entries[0]!.links![0]],
  ['membership', definitions.membership!.properties, everyField.entries[0]!.categories![0]]
])('the schema of a %s has exactly the fields of the type', (_name, properties, example) => {
  expect(Object.keys(properties ?? {}).sort()).toEqual(Object.keys(example as object).sort())
})

test('every field has a description, for editors to show', () => {
  const undocumented: string[] = []
  const visit = (schema: Record<string, unknown>, at: string) => {
    for (const [name, property] of Object.entries((schema.properties ?? {}) as Record<string, Record<string, unknown>>)) {
      if (typeof property.description !== 'string') undocumented.push(`${at}.${name}`)
    }
  }
  visit(papersSchema as Record<string, unknown>, 'file')
  for (const [name, definition] of Object.entries(definitions)) visit(definition as Record<string, unknown>, name)
  expect(undocumented).toEqual([])
})

test('papers.json points editors at the schema', () => {
  const data = JSON.parse(readFileSync(path.join(root, 'papers.json'), 'utf8')) as PapersFile
  expect(data.$schema).toBe('./schema/papers.schema.json')
})

test('the schemas are valid JSON Schema (runs skip this check for speed)', async () => {
  const { Ajv2020 } = await import('ajv/dist/2020.js')
  const { formats } = await import('../scripts/formats/index.ts')
  const ajv = new Ajv2020({ strict: true })
  expect(ajv.validateSchema(papersSchema), JSON.stringify(ajv.errors)).toBe(true)
  for (const format of Object.values(formats)) {
    expect(ajv.validateSchema({ $schema: 'https://json-schema.org/draft/2020-12/schema', ...format.optionsSchema }), format.name).toBe(true)
  }
})

/** Whether the schema takes an entry with these fields beside a kind and a title. */
function entryIsValid(fields: Record<string, unknown>): boolean {
  const data = { venues: {}, categories: [], entries: [{ kind: 'paper', title: 'T', ...fields }] }
  return schemaFindings(parseJsonDocument(JSON.stringify(data), 'entry.json')).length === 0
}

test.for([
  ['10.1145/3243274.3243299', true],
  ['10.48550/arXiv.2203.04531', true],
  ['10/dqmbg2', true],
  ['https://doi.org/10.1145/3243274.3243299', false],
  ['doi:10.1145/3243274.3243299', false],
  ['10.1145/ has space', false],
  ['11.1145/x', false]
] as const)('a DOI %s is %s', ([doi, valid]) => {
  expect(entryIsValid({ doi })).toBe(valid)
})

test.for([
  ['shazeer2017outrageously', true],
  ['Cai2016system', true],
  ['has space', false],
  ['brace{', false],
  ['comma,key', false]
] as const)('a citation key %s is %s', ([citekey, valid]) => {
  expect(entryIsValid({ citekey })).toBe(valid)
})
