/** The import command as a user runs it: files written, repairs reported, merges, refusals. */
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { fixtures, runCliProcess, temporaryFolder } from './helpers.ts'

test('imports a README into papers.json and a template that generate turns back into it', async () => {
  const folder = temporaryFolder()
  copyFileSync(path.join(fixtures, 'seeds/categorized.md'), path.join(folder, 'README.md'))
  const result = await runCliProcess(['import', 'README.md'], folder)
  expect(result.code).toBe(0)
  expect(result.stdout).toContain('README.md:153:1  repaired  Broken nested link')
  expect(result.stdout).toContain('README.md:138:1  repaired  Line does not end with `\\`')
  expect(result.stdout).toMatch(/Imported 40 entries \(categorized\) from README\.md into papers\.json, 40 in all; template templates\/README\.md; 28 repairs/)
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
  expect(result.stderr).toContain('Cannot read entries from `notes.md`')
  expect(existsSync(path.join(folder, 'papers.json'))).toBe(false)
  expect(existsSync(path.join(folder, 'templates'))).toBe(false)
})

describe('a hand-written template is never overwritten without --force', () => {
  /** The fixture list, generated, with its hand-written templates. */
  async function list() {
    const folder = temporaryFolder()
    cpSync(path.join(fixtures, 'list'), folder, { recursive: true })
    expect((await runCliProcess(['generate'], folder)).code).toBe(0)
    return folder
  }

  test('importing the README it generates keeps the template (title, filter, views marker) and changes nothing', async () => {
    const folder = await list()
    const template = readFileSync(path.join(folder, 'templates/README.md'), 'utf8')
    const readme = readFileSync(path.join(folder, 'README.md'), 'utf8')
    const data = readFileSync(path.join(folder, 'papers.json'), 'utf8')
    const result = await runCliProcess(['import', 'README.md'], folder)
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/template templates\/README\.md (\(unchanged\)|kept as written)/)
    expect(readFileSync(path.join(folder, 'templates/README.md'), 'utf8')).toBe(template)
    // A fixed point: generate → import → generate gives back the same bytes, and the same data.
    expect((await runCliProcess(['generate'], folder)).code).toBe(0)
    expect(readFileSync(path.join(folder, 'README.md'), 'utf8')).toBe(readme)
    expect(readFileSync(path.join(folder, 'papers.json'), 'utf8')).toBe(data)
  })

  test('a template of another format is left alone; the import goes beside it, where generate does not read it', async () => {
    const folder = await list()
    const template = readFileSync(path.join(folder, 'templates/README.md'), 'utf8')
    copyFileSync(path.join(fixtures, 'seeds/categorized.md'), path.join(folder, 'README.md'))
    const result = await runCliProcess(['import', 'README.md'], folder)
    expect(result.stdout).toContain('template templates/README.md kept as written (the existing template is `venue-table`, the README reads as `categorized`); the imported one is templates/README.md.imported')
    expect(readFileSync(path.join(folder, 'templates/README.md'), 'utf8')).toBe(template)
    expect(existsSync(path.join(folder, 'templates/README.md.imported'))).toBe(true)
    expect((await runCliProcess(['generate'], folder)).code).toBe(0)
  })

  test('--force overwrites it', async () => {
    const folder = await list()
    copyFileSync(path.join(fixtures, 'seeds/categorized.md'), path.join(folder, 'README.md'))
    const result = await runCliProcess(['import', 'README.md', '--force'], folder)
    expect(result.stdout).toContain('template templates/README.md (overwritten: --force)')
    expect(readFileSync(path.join(folder, 'templates/README.md'), 'utf8')).toContain('format: categorized')
  })

  test('a new template never claims an output another template writes', async () => {
    const folder = await list()
    mkdirSync(path.join(folder, 'old'))
    copyFileSync(path.join(folder, 'README.md'), path.join(folder, 'old/README.md'))
    const result = await runCliProcess(['import', 'old/README.md', '--template', 'templates/README-old.md'], folder)
    expect(result.stdout).toContain('template templates/README-old.md (output README-old.md: README.md is another template\'s)')
    const generated = await runCliProcess(['generate'], folder)
    expect(generated.code).toBe(0)
    expect(existsSync(path.join(folder, 'README-old.md'))).toBe(true)
  })

  test('a missing option joins the front matter, comments and all kept', async () => {
    const folder = await list()
    const file = path.join(folder, 'templates/README.md')
    // The hand-written template lost its venue label option (and has a comment to keep).
    writeFileSync(file, readFileSync(file, 'utf8').replace('options:\n  venueLabel: "{year} {series}"\n', '# the main page\n'))
    const result = await runCliProcess(['import', 'README.md'], folder)
    expect(result.stdout).toMatch(/its front matter gained [^;]*`options.venueLabel`/)
    const template = readFileSync(file, 'utf8')
    expect(template).toContain('# the main page')
    expect(template).toContain('venueLabel: "{year} {series}"')
    expect(template).toContain('<!-- generate:views -->')
  })
})

test.for([
  ['a second table of other columns', '\n## More papers\n\n| Title | Venue | Year |\n| --- | --- | --- |\n| [Sparse Upcycling](https://arxiv.org/abs/2212.05055) | ICLR | 2023 |\n| [Soft MoE](https://openreview.net/forum?id=jxpsAj7ltE) | ICLR | 2024 |\n', 50],
  ['a table whose title column is called Name', '\n## Code\n\n| Name | Code |\n| --- | --- |\n| MoE-LLaVA | [GitHub](https://github.com/PKU-YuanGroup/MoE-LLaVA) |\n', 49]
] as const)('a venue table with %s: every table is read by its header, as a table list', { timeout: 20_000 }, async ([, extra, count]) => {
  const folder = temporaryFolder()
  writeFileSync(path.join(folder, 'README.md'), readFileSync(path.join(fixtures, 'seeds/venue-table.md'), 'utf8') + extra)
  const result = await runCliProcess(['import', 'README.md'], folder)
  expect(result.stdout).not.toContain('not imported')
  expect(result.stdout).toContain(`Imported ${count} entries (table) from README.md`)
  const data = JSON.parse(readFileSync(path.join(folder, 'papers.json'), 'utf8')) as { entries: unknown[] }
  expect(data.entries).toHaveLength(count)
})

describe('never a silent partial import', () => {
  const extras: Array<[string, string, number[]]> = [
    ['a bullet list of papers', '\n## Also\n\n- [Switch Transformers](https://arxiv.org/abs/2101.03961), JMLR 2022\n- Expert Choice Routing [[pdf]](https://proceedings.neurips.cc/paper/2022/file/x.pdf)\n', [4, 5]],
    ['a one-line paragraph entry', "\n## Latest\n\n[Arxiv'24.10] [Some Paper](https://arxiv.org/abs/2410.00001) [[Code](https://github.com/a/b)]\n", [4]],
    ['a row of a table without a title column', '\n## Code\n\n| Project | Code |\n| --- | --- |\n| MoE-LLaVA | [GitHub](https://github.com/PKU-YuanGroup/MoE-LLaVA) |\n', [6]]
  ]
  test.for(extras)('%s after the list: named with its line, nothing written, exit 1; --allow-prose accepts it', async ([, extra, lines]) => {
    const folder = temporaryFolder()
    const seed = readFileSync(path.join(fixtures, 'seeds/venue-table.md'), 'utf8')
    writeFileSync(path.join(folder, 'README.md'), seed + extra)
    // Line numbers counted from the last line of the seed.
    const base = seed.split('\n').length - 1
    const refused = await runCliProcess(['import', 'README.md'], folder)
    expect(refused.code).toBe(1)
    expect([...refused.stdout.matchAll(/^README\.md:(\d+):\d+ {2}not imported {2}a (table row|list item|paragraph) that looks like an entry/gm)].map((match) => Number(match[1]) - base)).toEqual(lines)
    expect(refused.stderr).toMatch(/read 48 entries \(venue-table\), but \d+ blocks? that looks? like entries (was|were) not read; nothing was written\./)
    expect(existsSync(path.join(folder, 'papers.json'))).toBe(false)
    expect(existsSync(path.join(folder, 'templates'))).toBe(false)
    const accepted = await runCliProcess(['import', 'README.md', '--allow-prose'], folder)
    expect(accepted.code).toBe(0)
    expect(accepted.stdout).toMatch(/Imported 48 entries \(venue-table\) from README\.md \(\d+ entry-like blocks? kept as prose\)/)
  })

  test.for([
    ['prose that links elsewhere', '\n## Thanks\n\nSponsored by the [PodGPT](https://podgpt.org/) group; [open an issue](https://github.com/o/r/issues/new) to add a paper.\n'],
    ['badges', '\n[![Awesome](https://awesome.re/badge.svg)](https://awesome.re) [![License](https://img.shields.io/badge/License-MIT.svg)](https://opensource.org/licenses/MIT)\n'],
    ['a table of contents', '\n## Index\n\n- [Papers](#papers)\n- [Other](#other)\n']
  ])('%s is prose, not a lost entry', async ([, extra]) => {
    const folder = temporaryFolder()
    writeFileSync(path.join(folder, 'README.md'), readFileSync(path.join(fixtures, 'seeds/venue-table.md'), 'utf8') + extra)
    const result = await runCliProcess(['import', 'README.md'], folder)
    expect(result.stdout).not.toContain('looks like an entry')
    expect(result.code).toBe(0)
  })
})

test('an item among the entries whose title cannot be read is not dropped silently', async () => {
  const folder = temporaryFolder()
  writeFileSync(path.join(folder, 'README.md'), '# L\n\n- [A good title here](https://arxiv.org/abs/2401.00001) ICLR 2022\n- [[pdf]](https://arxiv.org/abs/2401.00002) ICLR 2022\n')
  const refused = await runCliProcess(['import', 'README.md'], folder)
  expect(refused.code).toBe(1)
  expect(refused.stdout).toContain('README.md:4:1  not imported  a list item or paragraph that looks like an entry, among the entries, but no title could be read from it: `- [[pdf]](https://arxiv.org/abs/2401.00002) ICLR 2022`')
  expect(refused.stderr).toContain('read 1 entry (lines), but 1 block that looks like entries was not read; nothing was written.')
  expect(existsSync(path.join(folder, 'papers.json'))).toBe(false)
  const accepted = await runCliProcess(['import', 'README.md', '--allow-prose'], folder)
  expect(accepted.code).toBe(0)
  expect(accepted.stdout).toContain('README.md:4:1  kept as prose')
  expect(accepted.stdout).toMatch(/README\.md:4:1 {2}repaired {2}Regenerating drops this list item/)
})

test('papers.json names the schema editors can find: the copy beside it when there is one, else the published one; each fix that changes a link is said', async () => {
  const { schemaUrl } = await import('../scripts/core/schema-url.ts')
  const outside = temporaryFolder()
  copyFileSync(path.join(fixtures, 'seeds/venue-table.md'), path.join(outside, 'README.md'))
  const result = await runCliProcess(['import', 'README.md'], outside)
  expect(result.code).toBe(0)
  expect(JSON.parse(readFileSync(path.join(outside, 'papers.json'), 'utf8')).$schema).toBe(schemaUrl)
  // The seed links arXiv PDFs; the list keeps abstract pages, and says so for each.
  expect(result.stdout).toContain('papers.json  fixed  Unexpected arXiv link `https://arxiv.org/pdf/2403.12494`, expected `https://arxiv.org/abs/2403.12494`  urls/arxiv-canonical\n')
  expect(result.stdout).toMatch(/; 0 repairs, 17 fixes\n$/)

  const withCopy = temporaryFolder()
  copyFileSync(path.join(fixtures, 'seeds/venue-table.md'), path.join(withCopy, 'README.md'))
  mkdirSync(path.join(withCopy, 'schema'))
  copyFileSync(path.join(fixtures, '../../schema/papers.schema.json'), path.join(withCopy, 'schema/papers.schema.json'))
  expect((await runCliProcess(['import', 'README.md'], withCopy)).code).toBe(0)
  expect(JSON.parse(readFileSync(path.join(withCopy, 'papers.json'), 'utf8')).$schema).toBe('./schema/papers.schema.json')
})
