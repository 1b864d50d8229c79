/**
 * `lint --format sarif` as a user (or CI uploading to GitHub code scanning)
 * runs it: a SARIF 2.1.0 log on stdout, valid against the official schema,
 * with the rules, the places and fingerprints that survive unrelated edits.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import type { SarifLog } from '../scripts/core/sarif.ts'
import { rules } from '../scripts/rules/index.ts'
import { root, runCliProcess, temporaryFolder } from './helpers.ts'
import { sarifErrors } from './sarif-schema.ts'

const committed = readFileSync(path.join(root, 'papers.json'), 'utf8')
const packageVersion = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).version as string

/** The committed list with a family of problems: an error that fixes, a Markdown and Unicode warning, a schema error, the order. */
function brokenList(change: (data: { entries: Array<Record<string, unknown>> }) => void = () => {}): string {
  const folder = temporaryFolder()
  const data = JSON.parse(committed)
  data.entries[3].venue = 'Neurips 2023'
  data.entries[0].title = 'Über **schnelle** Modelle — 注意力 🚀'
  data.entries[1].unknownField = 'x'
  change(data)
  writeFileSync(path.join(folder, 'papers.json'), JSON.stringify(data, null, 2) + '\n')
  return folder
}

async function sarif(folder: string, args: string[] = [], env: Record<string, string> = {}) {
  const result = await runCliProcess(['lint', '--format', 'sarif', ...args], folder, env)
  const log = JSON.parse(result.stdout) as SarifLog
  expect(sarifErrors(log)).toEqual([])
  return { ...result, log, run: log.runs[0] }
}

describe('lint --format sarif', () => {
  test('a list with problems: a valid log, each problem with its rule, level and place; exit 1', async () => {
    const { code, run } = await sarif(brokenList())
    expect(code).toBe(1)
    expect(run.tool.driver).toMatchObject({ name: 'awesome-paper-list', version: packageVersion })
    expect(run.results.map((result) => ({ rule: run.tool.driver.rules[result.ruleIndex]!.id, ruleId: result.ruleId, level: result.level, place: result.locations[0]!.physicalLocation }))).toEqual([
      { rule: 'text/markdown', ruleId: 'text/markdown', level: 'warning', place: { artifactLocation: { uri: 'papers.json', uriBaseId: '%SRCROOT%' }, region: { startLine: 201, startColumn: 7 } } },
      { rule: 'schema/additionalProperties', ruleId: 'schema/additionalProperties', level: 'error', place: { artifactLocation: { uri: 'papers.json', uriBaseId: '%SRCROOT%' }, region: { startLine: 253, startColumn: 7 } } },
      { rule: 'file/canonical-order', ruleId: 'file/canonical-order', level: 'error', place: { artifactLocation: { uri: 'papers.json', uriBaseId: '%SRCROOT%' }, region: { startLine: 287, startColumn: 1 } } },
      { rule: 'venue/canonical-name', ruleId: 'venue/canonical-name', level: 'error', place: { artifactLocation: { uri: 'papers.json', uriBaseId: '%SRCROOT%' }, region: { startLine: 289, startColumn: 7 } } }
    ])
    expect(run.results[0]!.message.text).toBe('Unexpected bold markers in title `Über **schnelle** Modelle — 注意力 🚀`, shown literally (write plain text; formatting belongs in the templates)')
    expect(run.results[3]!.message.text).toBe('Unexpected venue `Neurips 2023`, expected `NeurIPS 2023` (fixable: npm run fix)')
  })

  test('the rules: every registered rule with its description, the linter’s own checks, and the schema keyword that found something', async () => {
    const { run } = await sarif(brokenList())
    const byId = new Map(run.tool.driver.rules.map((rule) => [rule.id, rule]))
    for (const rule of rules) expect(byId.get(rule.id)).toEqual({ id: rule.id, shortDescription: { text: rule.description }, defaultConfiguration: { level: rule.severity === 'warn' ? 'warning' : 'error' } })
    expect(byId.get('json/syntax')?.shortDescription?.text).toBe('papers.json is valid JSON.')
    expect(byId.get('schema/additionalProperties')?.shortDescription?.text).toBe('papers.json follows schema/papers.schema.json (keyword `additionalProperties`).')
  })

  test('fingerprints are the same run after run, and when an entry is added above the problems', async () => {
    const first = await sarif(brokenList())
    const again = await sarif(brokenList())
    const prints = (run: SarifLog['runs'][0], ruleIds: string[]) => run.results.filter((result) => ruleIds.includes(result.ruleId)).map((result) => Object.values(result.partialFingerprints)[0])
    expect(prints(again.run, ['text/markdown', 'schema/additionalProperties', 'venue/canonical-name'])).toEqual(prints(first.run, ['text/markdown', 'schema/additionalProperties', 'venue/canonical-name']))
    // A copy of the first clean entry, added first: every line and index below moves.
    const shifted = await sarif(brokenList((data) => data.entries.unshift({ ...data.entries[5]!, title: `${String(data.entries[5]!.title)} (again)`, links: [{ type: 'paper', url: 'https://example.org/again' }] })))
    const lines = (run: SarifLog['runs'][0]) => run.results.filter((result) => result.ruleId === 'venue/canonical-name').map((result) => result.locations[0]!.physicalLocation.region!.startLine)
    expect(lines(shifted.run)).not.toEqual(lines(first.run))
    expect(prints(shifted.run, ['text/markdown', 'schema/additionalProperties', 'venue/canonical-name'])).toEqual(prints(first.run, ['text/markdown', 'schema/additionalProperties', 'venue/canonical-name']))
  })

  test('the committed list: a valid log with no results, exit 0', async () => {
    const folder = temporaryFolder()
    writeFileSync(path.join(folder, 'papers.json'), committed)
    const { code, run } = await sarif(folder)
    expect(code).toBe(0)
    expect(run.results).toEqual([])
  })

  test('in GitHub Actions, stdout stays one SARIF document: no annotations mixed in', async () => {
    const { stdout } = await sarif(brokenList(), [], { GITHUB_ACTIONS: 'true' })
    expect(stdout.split('\n').filter((line) => line.startsWith('::'))).toEqual([])
  })

  test('with --fix: the fixes are written, what is left is the log', async () => {
    const folder = brokenList()
    const { code, run } = await sarif(folder, ['--fix'])
    expect(code).toBe(1)
    expect(run.results.map((result) => result.ruleId)).toEqual(['text/markdown', 'schema/additionalProperties'])
    expect(readFileSync(path.join(folder, 'papers.json'), 'utf8')).toContain('"venue": "NeurIPS 2023"')
  })

  test('an unknown format names the three there are (exit 2)', async () => {
    const result = await runCliProcess(['lint', '--format', 'xml'], brokenList())
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('Unknown format `xml`, expected `human`, `json` or `sarif`')
  })
})

test('a file lint cannot even read still gives the document asked for: JSON or SARIF on stdout, the error on stderr, exit 1', async () => {
  const { mkdtempSync, writeFileSync: write } = await import('node:fs')
  const { tmpdir } = await import('node:os')
  const { join } = await import('node:path')
  const { runCli } = await import('../scripts/cli.ts')
  const folder = mkdtempSync(join(tmpdir(), 'paper-list-test-'))
  write(join(folder, 'papers.json'), Buffer.concat([Buffer.from('{"venues":{},"categories":[],"entries":[{"title":"'), Buffer.from([0xff]), Buffer.from('"}]}')]))
  for (const format of ['json', 'sarif']) {
    let stdout = ''
    let stderr = ''
    const code = await runCli(['lint', '--format', format], { cwd: folder, env: { GITHUB_ACTIONS: 'true' }, stdout: { write: (text) => void (stdout += text) }, stderr: { write: (text) => void (stderr += text) } })
    expect(code).toBe(1)
    expect(stderr).toMatch(/^papers\.json:1:51 {2}error {2}Unexpected byte 0xFF/)
    const document = JSON.parse(stdout)
    if (format === 'json') expect(document.findings).toMatchObject([{ ruleId: 'file/encoding', file: 'papers.json', line: 1, column: 51 }])
    else expect(document.runs[0].results).toMatchObject([{ ruleId: 'file/encoding', level: 'error', locations: [{ physicalLocation: { artifactLocation: { uri: 'papers.json' }, region: { startLine: 1, startColumn: 51 } } }] }])
  }
})
