/** `generate` end to end: outputs, determinism, `--check`, atomic writes, special characters. */
import { cpSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { toString } from 'mdast-util-to-string'
import { describe, expect, test } from 'vitest'
import { renderAll } from '../scripts/commands/generate.ts'
import { parseMarkdown } from '../scripts/core/markdown.ts'
import { fixtures, root, runCliProcess, temporaryFolder } from './helpers.ts'

function copyOfFixture(): string {
  const folder = temporaryFolder()
  cpSync(path.join(fixtures, 'list'), folder, { recursive: true })
  return folder
}

test('the committed READMEs are what papers.json and the templates generate', async () => {
  const rendered = await renderAll({ data: 'papers.json', templates: 'templates' }, root)
  expect(rendered.map((output) => output.output).sort()).toEqual(['README.md', 'TOPICS.md', 'feed.xml', 'papers.bib', 'papers.csl.json'])
  for (const output of rendered) {
    expect(readFileSync(path.join(root, output.output), 'utf8'), `${output.output} is stale: run npm run generate`).toBe(output.content)
  }
})

describe('the generate command', () => {
  test('writes every output, then leaves unchanged files alone; --check passes', async () => {
    const folder = copyOfFixture()
    const first = await runCliProcess(['generate'], folder)
    expect(first).toMatchObject({ code: 0, stdout: 'README.md: written\ndocs/TOPICS.md: written\n' })
    const readme = readFileSync(path.join(folder, 'README.md'), 'utf8')
    const written = statSync(path.join(folder, 'README.md')).mtimeMs

    const second = await runCliProcess(['generate'], folder)
    expect(second.stdout).toBe('README.md: unchanged\ndocs/TOPICS.md: unchanged\n')
    expect(statSync(path.join(folder, 'README.md')).mtimeMs).toBe(written)
    expect(readFileSync(path.join(folder, 'README.md'), 'utf8')).toBe(readme)

    const check = await runCliProcess(['generate', '--check'], folder)
    expect(check).toMatchObject({ code: 0, stdout: '2 outputs up to date\n' })
    expect(readdirSync(folder).filter((name) => name.endsWith('.tmp'))).toEqual([])
  })

  test('--check fails on a stale output, says how to fix it, and writes nothing', async () => {
    const folder = copyOfFixture()
    await runCliProcess(['generate'], folder)
    const stale = readFileSync(path.join(folder, 'README.md'), 'utf8').replace('A second paper', 'An edited title')
    writeFileSync(path.join(folder, 'README.md'), stale)
    const check = await runCliProcess(['generate', '--check'], folder)
    expect(check.code).toBe(1)
    expect(check.stderr).toContain('README.md: differs from papers.json from line')
    expect(check.stderr).toContain('run `npm run generate` and commit the result')
    expect(readFileSync(path.join(folder, 'README.md'), 'utf8')).toBe(stale)
  })

  test('--data, --templates and --out-dir point it at another list and a preview folder', async () => {
    const folder = temporaryFolder()
    const result = await runCliProcess(['generate', '--data', path.join(fixtures, 'list/papers.json'), '--templates', path.join(fixtures, 'list/templates'), '--out-dir', 'preview'], folder)
    expect(result.code).toBe(0)
    expect(readdirSync(path.join(folder, 'preview')).sort()).toEqual(['README.md', 'docs'])
  })

  test('unknown command and unknown flag are usage errors (exit 2)', async () => {
    const folder = temporaryFolder()
    expect(await runCliProcess(['generat'], folder)).toMatchObject({ code: 2 })
    const flag = await runCliProcess(['generate', '--dta', 'x.json'], folder)
    expect(flag.code).toBe(2)
    expect(flag.stderr).toContain("Unknown option '--dta'")
  })
})

describe('rendering', () => {
  test('is deterministic: the same input gives the same bytes', async () => {
    const folder = path.join(fixtures, 'list')
    const once = await renderAll({ data: 'papers.json', templates: 'templates' }, folder)
    const twice = await renderAll({ data: 'papers.json', templates: 'templates' }, folder)
    expect(twice).toEqual(once)
  })

  test('titles with | ] * < and \\ survive both formats', async () => {
    const rendered = await renderAll({ data: 'papers.json', templates: 'templates' }, path.join(fixtures, 'list'))
    const title = 'Pipes | brackets ] stars * angles <b> and a back\\slash'
    const table = rendered.find((output) => output.output === 'README.md')!.content
    const tree = parseMarkdown(table)
    const tableNode = tree.children.find((node) => node.type === 'table')!
    expect(tableNode.type === 'table' && tableNode.children.map((row) => row.children.length)).toEqual([4, 4, 4])
    expect(toString(tableNode)).toContain(title)
    expect(toString(tableNode)).toContain('A|B')

    const list = rendered.find((output) => output.output === 'docs/TOPICS.md')!.content
    const strong: string[] = []
    const visit = (node: any) => {
      if (node.type === 'strong') strong.push(toString(node))
      for (const child of node.children ?? []) visit(child)
    }
    visit(parseMarkdown(list))
    expect(strong).toContain(`FFN & Attention - ${title}`)
  })

  test('the table of contents uses GitHub anchors, repeats included, and views link both ways', async () => {
    const rendered = await renderAll({ data: 'papers.json', templates: 'templates' }, path.join(fixtures, 'list'))
    const list = rendered.find((output) => output.output === 'docs/TOPICS.md')!.content
    expect(list).toContain('**Other views:** [By venue](../README.md)')
    expect(list).toContain(
      ['- [Courses](#courses)', '- [Papers](#papers)', '  - [Routing](#routing)', '  - [Routing](#routing-1)', '- [Acknowledgement](#acknowledgement)'].join('\n')
    )
    const table = rendered.find((output) => output.output === 'README.md')!.content
    expect(table).toContain('**Other views:** [By topic](docs/TOPICS.md)')
  })

  test('the venue table shows conference papers, newest event first; the list shows dates as written', async () => {
    const rendered = await renderAll({ data: 'papers.json', templates: 'templates' }, path.join(fixtures, 'list'))
    const table = rendered.find((output) => output.output === 'README.md')!.content
    expect(table.indexOf('2024 CVPR')).toBeLessThan(table.indexOf('2024 ICLR'))
    expect(table).not.toContain('CS324')
    const list = rendered.find((output) => output.output === 'docs/TOPICS.md')!.content
    expect(list).toContain('Stanford University, [[Link](https://stanford-cs324.github.io/winter2022/)]\\\nWinter 2022')
    expect(list).toContain('_**A subset of experts is activated.**_\\\n**A second paper**')
    // Newest first within a category: March 2024 before 8 Jan 2024.
    expect(list.indexOf('A second paper')).toBeLessThan(list.indexOf('Pipes'))
  })
})

test('the launcher behind `npm run generate` builds and runs the bundled CLI', async () => {
  const { execFile } = await import('node:child_process')
  const result = await new Promise<{ code: number; stdout: string }>((resolve) => {
    execFile(process.execPath, [path.join(root, 'scripts/run.mjs'), 'generate', '--check'], { cwd: root }, (error, stdout) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout })
    )
  })
  expect(result).toEqual({ code: 0, stdout: '5 outputs up to date\n' })
})

test('TOPICS.md shows every entry of papers.json its include filter admits, and lint finds none in no category', async () => {
  const { loadPapers } = await import('../scripts/core/load.ts')
  const { selectEntries } = await import('../scripts/core/render.ts')
  const { parseTemplate } = await import('../scripts/core/template.ts')
  const { lintText } = await import('../scripts/lint/engine.ts')
  const { defaultConfig } = await import('../scripts/core/config.ts')
  const text = readFileSync(path.join(root, 'papers.json'), 'utf8')
  const data = loadPapers(text, 'papers.json').data
  const template = parseTemplate(readFileSync(path.join(root, 'templates/TOPICS.md'), 'utf8'), 'templates/TOPICS.md')
  const titles = new Set<string>()
  const visit = (node: { type: string; children?: unknown[] }) => {
    if (node.type === 'strong') titles.add(toString(node as never))
    for (const child of (node.children ?? []) as Array<{ type: string; children?: unknown[] }>) visit(child)
  }
  visit(parseMarkdown(readFileSync(path.join(root, 'TOPICS.md'), 'utf8')))
  const admitted = selectEntries(data, template.config)
  expect(admitted).toHaveLength(data.entries.length)
  // A title in bold, after its highlight notes when it has some.
  const shown = (title: string) => [...titles].some((text) => text === title || text.endsWith(` - ${title}`))
  expect(admitted.filter((entry) => !shown(entry.title)).map((entry) => entry.title)).toEqual([])
  expect(lintText(text, 'papers.json', defaultConfig).filter((finding) => finding.ruleId === 'entries/uncategorized')).toEqual([])
})
