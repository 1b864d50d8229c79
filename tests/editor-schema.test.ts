/**
 * What an editor shows for `papers.json`: the JSON language service VS Code
 * itself runs (vscode-json-languageservice), given the file `init` writes
 * and the schema its `$schema` names (fetched here from the package's own
 * copy, as an editor fetches the published one). Field names and values are
 * completed, each with its description, and mistakes are underlined.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { expect, test } from 'vitest'
import { getLanguageService, TextDocument, type CompletionList } from 'vscode-json-languageservice'
import { schemaUrl } from '../scripts/core/schema-url.ts'
import { root } from './helpers.ts'

const schemaText = readFileSync(path.join(root, 'schema/papers.schema.json'), 'utf8')
const requested: string[] = []
const service = getLanguageService({
  schemaRequestService: async (uri) => {
    requested.push(uri)
    if (uri === schemaUrl) return schemaText
    throw new Error(`no schema at ${uri}`)
  }
})

/** The file `init` writes, with `|` where the cursor is. */
function document(withCursor: string): { doc: TextDocument; offset: number } {
  const offset = withCursor.indexOf('|')
  return { doc: TextDocument.create('file:///list/papers.json', 'json', 1, withCursor.replace('|', '')), offset }
}

async function complete(withCursor: string): Promise<CompletionList> {
  const { doc, offset } = document(withCursor)
  return (await service.doComplete(doc, doc.positionAt(offset), service.parseJSONDocument(doc)))!
}

const starter = readFileSync(path.join(root, 'init/papers.json'), 'utf8').replace('{\n', `{\n  "$schema": "${schemaUrl}",\n`)

test('the schema init names is the one the editor loads', async () => {
  const { doc } = document(starter)
  await service.doValidation(doc, service.parseJSONDocument(doc))
  expect(requested).toContain(schemaUrl)
})

test('inside an entry, the fields it may still have are offered, each with its description', async () => {
  const cursor = starter.replace('"kind": "paper",', '"kind": "paper",\n      |')
  const items = (await complete(cursor)).items
  const labels = items.map((item) => item.label.replace(/"/g, ''))
  for (const field of ['doi', 'primaryClass', 'citekey', 'tags', 'withdrawn', 'added']) expect(labels).toContain(field)
  // Fields the entry already has are not offered again.
  expect(labels).not.toContain('title')
  const doi = items.find((item) => item.label.replace(/"/g, '') === 'doi')!
  expect(JSON.stringify(doi.documentation)).toContain('Digital Object Identifier')
})

test('the values of closed lists are offered: an entry’s kind, a link’s type, a venue’s type', async () => {
  const values = async (text: string) => (await complete(text)).items.map((item) => item.label.replace(/"/g, ''))
  expect(await values(starter.replace('"kind": "paper"', '"kind": |'))).toEqual(expect.arrayContaining(['paper', 'survey', 'course', 'book']))
  expect(await values(starter.replace('"type": "paper"', '"type": |'))).toEqual(expect.arrayContaining(['paper', 'code', 'slides', 'video', 'project']))
  expect(await values(starter.replace('"type": "conference"', '"type": |'))).toEqual(expect.arrayContaining(['conference', 'journal', 'preprint']))
})

test('a mistake is underlined where it is, with what was expected', async () => {
  const broken = starter.replace('"kind": "paper"', '"kind": "papr"').replace('"date": "2017-06-12"', '"date": "12/06/2017"')
  const { doc } = document(broken)
  const problems = await service.doValidation(doc, service.parseJSONDocument(doc))
  const at = (needle: string) => doc.positionAt(broken.indexOf(needle)).line
  expect(problems.map((problem) => problem.range.start.line)).toEqual(expect.arrayContaining([at('"papr"'), at('"12/06/2017"')]))
  expect(problems.find((problem) => problem.range.start.line === at('"papr"'))!.message).toMatch(/paper/)
})
