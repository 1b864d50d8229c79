/** The import command as a user runs it: files written, repairs reported, merges, refusals. */
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { expect, test } from 'vitest'
import { fixtures, runCliProcess, temporaryFolder } from './helpers.ts'

test('imports a README into papers.json and a template that generate turns back into it', async () => {
  const folder = temporaryFolder()
  copyFileSync(path.join(fixtures, 'seeds/categorized.md'), path.join(folder, 'README.md'))
  const result = await runCliProcess(['import', 'README.md'], folder)
  expect(result.code).toBe(0)
  expect(result.stdout).toContain('README.md:153:1  repaired  Broken nested link')
  expect(result.stdout).toContain('README.md:138:1  repaired  Line does not end with `\\`')
  expect(result.stdout).toMatch(/Imported 40 entries \(categorized\) from README\.md into papers\.json, 40 in all; template templates\/README\.md; 23 repairs/)
  const template = readFileSync(path.join(folder, 'templates/README.md'), 'utf8')
  expect(template.startsWith('---\noutput: README.md\nformat: categorized\n---\n# Awesome Mixture of Experts (MoE)')).toBe(true)
  expect(template).toContain('## Contents\n<!-- generate:toc -->\n\n<!-- generate:entries -->\n\n# Acknowledgement')

  const generated = await runCliProcess(['generate'], folder)
  expect(generated.stdout).toBe('README.md: written\n')
  expect(readFileSync(path.join(folder, 'README.md'), 'utf8')).toContain('arXiv, [[Paper](https://arxiv.org/abs/2311.09179)]\\\n15 Nov 2023')
})

test('a second import merges into the existing papers.json', async () => {
  const folder = temporaryFolder()
  copyFileSync(path.join(fixtures, 'seeds/venue-table.md'), path.join(folder, 'README.md'))
  copyFileSync(path.join(fixtures, 'seeds/categorized.md'), path.join(folder, 'TOPICS.md'))
  expect((await runCliProcess(['import', 'README.md'], folder)).code).toBe(0)
  const second = await runCliProcess(['import', 'TOPICS.md'], folder)
  expect(second.stdout).toContain('papers.json  merged  3 entries were already in the list and merged')
  expect(second.stdout).toContain('merged into papers.json, 85 in all')
  expect(JSON.parse(readFileSync(path.join(folder, 'papers.json'), 'utf8')).entries).toHaveLength(85)
  expect((await runCliProcess(['generate', '--check'], folder)).code).toBe(1)
  expect((await runCliProcess(['generate'], folder)).code).toBe(0)
})

test('a document with no entries is refused without writing anything', async () => {
  const folder = temporaryFolder()
  writeFileSync(path.join(folder, 'notes.md'), '# Notes\n\nJust prose.\n')
  const result = await runCliProcess(['import', 'notes.md'], folder)
  expect(result.code).toBe(2)
  expect(result.stderr).toContain('Cannot tell the format of `notes.md`')
  expect(existsSync(path.join(folder, 'papers.json'))).toBe(false)
  expect(existsSync(path.join(folder, 'templates'))).toBe(false)
})
