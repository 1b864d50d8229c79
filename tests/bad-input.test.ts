/**
 * Bad input: each case breaks the fixture list one way and expects one clear
 * finding (file, line, column, rule id), exit code 1, and no output written.
 */
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { runCli } from '../scripts/cli.ts'
import { fixtures, runCliProcess, temporaryFolder } from './helpers.ts'

async function run(folder: string, args: string[] = ['generate']) {
  let stdout = ''
  let stderr = ''
  const code = await runCli(args, { cwd: folder, env: {}, stdout: { write: (text) => void (stdout += text) }, stderr: { write: (text) => void (stderr += text) } })
  return { code, stdout, stderr }
}

function breakFile(file: string, from: string | RegExp, to: string): string {
  const folder = temporaryFolder()
  cpSync(path.join(fixtures, 'list'), folder, { recursive: true })
  const target = path.join(folder, file)
  const text = readFileSync(target, 'utf8')
  const broken = text.replace(from, to)
  expect(broken, `the case must change ${file}`).not.toBe(text)
  writeFileSync(target, broken)
  return folder
}

describe.each([
  // [case, file, change from, change to, expected location and rule, expected words]
  ['a trailing comma', 'papers.json', '"category": "courses"\n', '"category": "courses",\n', 'papers.json:110:9  error', 'json/syntax', 'remove the trailing comma'],
  ['a line break inside a string', 'papers.json', '"title": "A second paper"', '"title": "A second\npaper"', 'papers.json:44:25  error', 'json/syntax', 'must be written `\\n`'],
  ['a missing closing brace', 'papers.json', /}\n$/, '\n', 'papers.json:115:1  error', 'json/syntax', 'is missing'],
  ['an unknown field', 'papers.json', '"key": "Second",', '"key": "Second", "titel": "x",', 'papers.json:43:24  error', 'schema/additionalProperties', 'Unexpected field `titel` in `/entries/0`'],
  ['a date that is not a date', 'papers.json', '"date": "2024-03"', '"date": "March 2024"', 'papers.json:46:7  error', 'schema/pattern', 'Unexpected `"March 2024"` at `/entries/0/date`'],
  ['an unknown kind', 'papers.json', '"kind": "course"', '"kind": "lecture"', 'papers.json:94:7  error', 'schema/enum', 'expected one of `paper`, `survey`'],
  ['a missing title', 'papers.json', '"title": "A second paper",\n', '', 'papers.json:41:5  error', 'schema/required', 'Missing field `title` in `/entries/0`'],
  ['a venue not in the registry', 'papers.json', '"venue": "CVPR 2024"', '"venue": "Cvpr 2024"', 'papers.json:45:7  error', 'venue/canonical-name', 'Unexpected venue `Cvpr 2024`, expected `CVPR 2024`'],
  ['a venue not in the registry at all', 'papers.json', '"venue": "CVPR 2024"', '"venue": "ECCV 2024"', 'papers.json:45:7  error', 'venue/unknown', 'Unknown venue `ECCV 2024`, expected a key of `venues`'],
  ['a category that does not exist', 'papers.json', '"category": "courses"', '"category": "course"', 'papers.json:109:11  error', 'categories/unknown', 'Unknown category `course`'],
  ['two categories with one id', 'papers.json', '"id": "routing-1"', '"id": "routing"', 'papers.json:34:11  error', 'categories/duplicate-id', 'duplicate category id `routing`, already used at line 28'],
  ['an impossible date', 'papers.json', '"date": "2024-03"', '"date": "2024-02-30"', 'papers.json:46:7  error', 'dates/real', 'Unexpected date `2024-02-30`, no such day'],
  ['an entry listed twice', 'papers.json', /("entries": \[\n)(    \{[\s\S]*?\n    \},\n)/, '$1$2$2', 'papers.json:59:5  error', 'entries/duplicate', 'Unexpected second entry for `A second paper`'],
  ['a second "entries" key (a botched merge; JSON would keep only the last)', 'papers.json', /\n}\n$/, ',\n  "entries": []\n}\n', 'papers.json:114:3  error', 'json/duplicate-key', 'Unexpected second `"entries"` in one object'],
  ['a key given twice (a botched merge)', 'papers.json', '"title": "A second paper",', '"title": "A second paper",\n      "title": "Another title",', 'papers.json:45:7  error', 'json/duplicate-key', 'title'],
  ['an unknown marker', 'templates/README.md', '<!-- generate:views -->', '<!-- generate:view -->', 'templates/README.md:13:1  error', 'template/invalid', 'Unexpected marker `generate:view`'],
  ['a template without the entries marker', 'templates/README.md', '<!-- generate:entries -->', '', 'templates/README.md:11:1  error', 'template/invalid', 'Missing marker `<!-- generate:entries -->`'],
  ['an unknown format', 'templates/README.md', 'format: venue-table', 'format: venue-tables', 'templates/README.md:3:1  error', 'template/invalid', 'Unexpected front matter at `/format`'],
  ['an unknown option', 'templates/README.md', 'venueLabel:', 'venueLabels:', 'templates/README.md:9:3  error', 'template/invalid', 'Unexpected option at `/options/venueLabels`'],
  ['a misspelt placeholder in a line pattern', 'templates/README.md', /format: venue-table([\s\S]*)venueLabel: "\{year\} \{series\}"/, 'format: lines$1pattern: "[{titel}]({paper})"', 'templates/README.md:9:3  error', 'template/invalid', 'Unexpected placeholder `{titel}` in the pattern'],
  ['a date format the language does not have', 'templates/README.md', /format: venue-table([\s\S]*)venueLabel: "\{year\} \{series\}"/, 'format: lines$1pattern: "{title} ({date|Q YYYY})"', 'templates/README.md:9:3  error', 'template/invalid', 'Unexpected placeholder `{date|Q YYYY}` in the pattern'],
  ['a misspelt placeholder in a table column', 'templates/README.md', /format: venue-table([\s\S]*)venueLabel: "\{year\} \{series\}"/, 'format: table$1columns: [{ header: Venue, pattern: "{venu}" }, { header: Title, pattern: "[{title}]({paper})" }]', 'templates/README.md:9:30  error', 'template/invalid', 'Unexpected placeholder `{venu}` in the `Venue` column']
])('%s', (_name, file, from, to, where, ruleId, words) => {
  test('is reported with its place and what to do, and nothing is written', async () => {
    const folder = breakFile(file, from, to)
    const result = await run(folder)
    expect(result.code).toBe(1)
    // The finding of the rule the case breaks (another, such as the canonical form, may come first).
    const finding = result.stderr.split('\n').find((line) => line.includes(`  ${ruleId}`)) ?? result.stderr
    expect(finding.startsWith(where), finding).toBe(true)
    expect(finding).toContain(ruleId)
    expect(finding).toContain(words)
    expect(existsSync(path.join(folder, 'README.md'))).toBe(false)
    expect(existsSync(path.join(folder, 'docs'))).toBe(false)
    // One validation path: what generate refuses in the data is what lint reports as errors.
    if (file === 'papers.json') {
      const lint = await run(folder, ['lint', '--format', 'json'])
      const lintErrors = (JSON.parse(lint.stdout).findings as Array<{ severity: string; ruleId: string; line: number }>).filter((item) => item.severity === 'error').map((item) => `${item.line} ${item.ruleId}`)
      const refused = result.stderr.split('\n').filter((line) => / {2}error {2}/.test(line)).map((line) => `${line.split(':')[1]} ${line.split('  ').at(-1)}`)
      expect(refused).toEqual(lintErrors)
    }
  })
})

test('categories nested deeper than Markdown headings go are refused with their place', async () => {
  const folder = breakFile('templates/TOPICS.md', 'title: By topic', 'title: By topic\noptions:\n  headingDepth: 6')
  const result = await run(folder)
  expect(result.code).toBe(1)
  expect(result.stderr).toMatch(/^papers\.json:30:11 {2}error {2}Unexpected category `Routing` at heading level 7/)
})

test('a failed run leaves committed outputs as they were', async () => {
  const folder = temporaryFolder()
  cpSync(path.join(fixtures, 'list'), folder, { recursive: true })
  expect((await run(folder)).code).toBe(0)
  const before = readFileSync(path.join(folder, 'README.md'), 'utf8')
  writeFileSync(path.join(folder, 'papers.json'), readFileSync(path.join(folder, 'papers.json'), 'utf8').replace('"A second paper"', '"Changed", "kind": 3'))
  const result = await runCliProcess(['generate'], folder)
  expect(result.code).toBe(1)
  expect(readFileSync(path.join(folder, 'README.md'), 'utf8')).toBe(before)
})

test('in GitHub Actions, findings are also annotations', async () => {
  const folder = breakFile('papers.json', '"venue": "CVPR 2024"', '"venue": "Cvpr 2024"')
  let stdout = ''
  const code = await runCli(['generate'], { cwd: folder, env: { GITHUB_ACTIONS: 'true' }, stdout: { write: (text) => void (stdout += text) }, stderr: { write: () => {} } })
  expect(code).toBe(1)
  expect(stdout).toMatch(/^::error file=papers\.json,line=45,col=7,title=venue\/canonical-name::Unexpected venue `Cvpr 2024`, expected `CVPR 2024`/)
})

test('a BOM and CRLF line endings are read like any other file', async () => {
  const folder = temporaryFolder()
  cpSync(path.join(fixtures, 'list'), folder, { recursive: true })
  const file = path.join(folder, 'papers.json')
  writeFileSync(file, '\uFEFF' + readFileSync(file, 'utf8').replace(/\n/g, '\r\n'))
  expect((await run(folder)).code).toBe(0)
  writeFileSync(file, readFileSync(file, 'utf8').replace('"venue": "CVPR 2024"', '"venue": "Cvpr 2024"'))
  expect((await run(folder)).stderr).toMatch(/^papers\.json:45:7 /)
})
