/**
 * SARIF 2.1.0 output: the pure converter on a family of findings, every log
 * checked against the official schema; and `check:arxiv` / `check:repos
 * --format sarif` run as a user runs them, against fakes on 127.0.0.1.
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import type { Finding } from '../scripts/core/findings.ts'
import { artifactLocation, fingerprintKey, toSarif, type SarifLog } from '../scripts/core/sarif.ts'
import { startArxivFake } from '../scripts/fakes/arxiv.ts'
import { startGithubFake } from '../scripts/fakes/github.ts'
import { rules } from '../scripts/rules/index.ts'
import { fixtures, runCliProcess, temporaryFolder } from './helpers.ts'
import { sarifErrors } from './sarif-schema.ts'

const tool = { name: 'awesome-paper-list', version: '9.9.9' }
const edit = { safe: true, edits: [{ pointer: '/entries/0/venue', value: 'CVPR 2024' }] }

/** Errors, warnings and an info; several files and rules; a finding without a line; Markdown, Unicode and controls in messages. */
const family: Finding[] = [
  { ruleId: 'venue/canonical-name', severity: 'error', file: 'papers.json', line: 34, column: 7, pointer: '/entries/0/venue', message: 'Unexpected venue `Cvpr 2024`, expected `CVPR 2024`', fix: edit },
  { ruleId: 'text/markdown', severity: 'warning', file: 'papers.json', line: 40, column: 9, pointer: '/entries/1/title', message: 'Unexpected bold markers in title `Über **schnelle** Modelle — 注意力 🚀`, shown literally', hint: 'write plain text; formatting belongs in the templates' },
  { ruleId: 'arxiv/primary-class', severity: 'info', file: 'lists/other list/papers ü.json', line: 3, column: 1, pointer: '/entries/0', message: 'arXiv files 2401.04088 under `cs.LG`, which the entry does not record' },
  { ruleId: 'file/encoding', severity: 'error', file: 'data\\windows.json', line: 0, column: 0, message: 'Unexpected byte 0xFF at byte 12, expected UTF-8 text' },
  { ruleId: 'schema/additionalProperties', severity: 'error', file: 'papers.json', line: 50, column: 7, pointer: '/entries/2/unknownField', message: 'Unexpected field `unknownField` in `/entries/2`' },
  { ruleId: 'text/control-characters', severity: 'error', file: 'papers.json', line: 61, column: 16, pointer: '/entries/3/title', message: 'Unexpected `\u202eevil\u001b[31m` in title\nsecond line' }
]

function convert(findings: readonly Finding[] = family): SarifLog {
  return toSarif(findings, { tool, rules, fixCommand: 'npm run fix' })
}

describe('the converter', () => {
  test('a family of findings makes one valid SARIF 2.1.0 run', () => {
    const log = convert()
    expect(sarifErrors(log)).toEqual([])
    expect(log.version).toBe('2.1.0')
    expect(log.runs).toHaveLength(1)
    expect(log.runs[0].tool.driver).toMatchObject({ name: 'awesome-paper-list', version: '9.9.9' })
  })

  test('the schema really is checked: a log with an unknown level or a raw space in a URI fails', () => {
    const log = convert()
    const bad = structuredClone(log) as unknown as { runs: Array<{ results: Array<{ level: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }> }> }
    bad.runs[0]!.results[0]!.level = 'info'
    bad.runs[0]!.results[1]!.locations[0]!.physicalLocation.artifactLocation.uri = 'my list/papers.json'
    expect(sarifErrors(bad).map((error) => error.instancePath)).toEqual(expect.arrayContaining(['/runs/0/results/0/level', '/runs/0/results/1/locations/0/physicalLocation/artifactLocation/uri']))
    expect(sarifErrors({ version: '2.1.0' })).not.toEqual([])
  })

  test('each result: its rule (by id and index), level, place and file', () => {
    const [run] = convert().runs
    const projection = run.results.map((result) => ({
      ruleId: result.ruleId,
      rule: run.tool.driver.rules[result.ruleIndex]!.id,
      level: result.level,
      uri: result.locations[0]!.physicalLocation.artifactLocation.uri,
      base: result.locations[0]!.physicalLocation.artifactLocation.uriBaseId,
      region: result.locations[0]!.physicalLocation.region
    }))
    expect(projection).toEqual([
      { ruleId: 'venue/canonical-name', rule: 'venue/canonical-name', level: 'error', uri: 'papers.json', base: '%SRCROOT%', region: { startLine: 34, startColumn: 7 } },
      { ruleId: 'text/markdown', rule: 'text/markdown', level: 'warning', uri: 'papers.json', base: '%SRCROOT%', region: { startLine: 40, startColumn: 9 } },
      { ruleId: 'arxiv/primary-class', rule: 'arxiv/primary-class', level: 'note', uri: 'lists/other%20list/papers%20%C3%BC.json', base: '%SRCROOT%', region: { startLine: 3, startColumn: 1 } },
      // No line: the whole file, no region.
      { ruleId: 'file/encoding', rule: 'file/encoding', level: 'error', uri: 'data/windows.json', base: '%SRCROOT%', region: undefined },
      { ruleId: 'schema/additionalProperties', rule: 'schema/additionalProperties', level: 'error', uri: 'papers.json', base: '%SRCROOT%', region: { startLine: 50, startColumn: 7 } },
      { ruleId: 'text/control-characters', rule: 'text/control-characters', level: 'error', uri: 'papers.json', base: '%SRCROOT%', region: { startLine: 61, startColumn: 16 } }
    ])
  })

  test('messages keep Markdown and Unicode as they are, add the fix and the hint, and show controls instead of passing them on', () => {
    const texts = convert().runs[0].results.map((result) => result.message.text)
    expect(texts[0]).toBe('Unexpected venue `Cvpr 2024`, expected `CVPR 2024` (fixable: npm run fix)')
    expect(texts[1]).toBe('Unexpected bold markers in title `Über **schnelle** Modelle — 注意力 🚀`, shown literally (write plain text; formatting belongs in the templates)')
    expect(texts[5]).toBe('Unexpected `\\u{202e}evil\\u{1b}[31m` in title\\nsecond line')
    // And the JSON the command writes escapes nothing a viewer would show differently.
    expect(JSON.parse(JSON.stringify(convert())).runs[0].results[1].message.text).toContain('注意力 🚀')
  })

  test('rules: the registry in order with descriptions and default levels; a rule outside it gets a bare entry', () => {
    const driverRules = convert().runs[0].tool.driver.rules
    expect(driverRules.slice(0, rules.length).map((rule) => rule.id)).toEqual(rules.map((rule) => rule.id))
    expect(driverRules.find((rule) => rule.id === 'venue/missing-date')).toEqual({ id: 'venue/missing-date', shortDescription: { text: 'Conferences have an event date.' }, defaultConfiguration: { level: 'warning' } })
    expect(driverRules.slice(rules.length)).toEqual([{ id: 'arxiv/primary-class' }, { id: 'file/encoding' }, { id: 'schema/additionalProperties' }])
    expect(new Set(driverRules.map((rule) => rule.id)).size).toBe(driverRules.length)
  })

  test('no findings: a valid log with an empty result list', () => {
    const log = toSarif([], { tool })
    expect(sarifErrors(log)).toEqual([])
    expect(log.runs[0].results).toEqual([])
    expect(log.runs[0].tool.driver.rules).toEqual([])
  })

  test('a run cut short says why, as a warning of the run', () => {
    const log = toSarif([], { tool, notifications: ['arXiv stopped answering (HTTP 503)'] })
    expect(sarifErrors(log)).toEqual([])
    expect(log.runs[0].invocations).toEqual([{ executionSuccessful: true, toolExecutionNotifications: [{ level: 'warning', message: { text: 'arXiv stopped answering (HTTP 503)' } }] }])
  })

  test.for([
    ['papers.json', { uri: 'papers.json', uriBaseId: '%SRCROOT%' }],
    ['data/papers.json', { uri: 'data/papers.json', uriBaseId: '%SRCROOT%' }],
    ['data\\windows.json', { uri: 'data/windows.json', uriBaseId: '%SRCROOT%' }],
    ['../sibling/papers.json', { uri: '../sibling/papers.json', uriBaseId: '%SRCROOT%' }],
    ['my list/papers #1 ü.json', { uri: 'my%20list/papers%20%231%20%C3%BC.json', uriBaseId: '%SRCROOT%' }],
    ['/srv/lists/papers.json', { uri: 'file:///srv/lists/papers.json' }]
  ] as const)('the file %s is the URI %o', ([file, expected]) => {
    expect(artifactLocation(file)).toEqual(expected)
  })
})

describe('fingerprints', () => {
  const fingerprints = (findings: readonly Finding[]) => convert(findings).runs[0].results.map((result) => result.partialFingerprints[fingerprintKey])

  test('the same findings give the same fingerprints, run after run', () => {
    expect(fingerprints(family)).toEqual(fingerprints(structuredClone(family)))
    expect(new Set(fingerprints(family)).size).toBe(family.length)
  })

  test('an entry added above moves lines and array indexes, not fingerprints', () => {
    const moved = family.map((finding) => ({ ...finding, line: finding.line + 12, pointer: finding.pointer?.replace(/^\/entries\/(\d+)/, (_match, index) => `/entries/${Number(index) + 1}`), message: finding.message.replace('`/entries/2`', '`/entries/3`') }))
    expect(fingerprints(moved)).toEqual(fingerprints(family))
    const order: Finding = { ruleId: 'file/canonical-order', severity: 'error', file: 'papers.json', line: 287, column: 1, pointer: '', message: 'Unexpected entry order from line 287, expected papers.json\u2019s canonical form' }
    expect(fingerprints([{ ...order, line: 299, message: order.message.replace('287', '299') }])).toEqual(fingerprints([order]))
  })

  test('another message, rule or file is another alert; identical findings are told apart by occurrence', () => {
    const [first] = family
    expect(fingerprints([{ ...first!, message: 'Unexpected venue `Iccv 2023`, expected `ICCV 2023`' }])).not.toEqual(fingerprints([first!]))
    expect(fingerprints([{ ...first!, file: 'other.json' }])).not.toEqual(fingerprints([first!]))
    const twice = fingerprints([first!, { ...first!, line: 90, pointer: '/entries/7/venue' }])
    expect(twice.map((print) => print!.split(':')[1])).toEqual(['1', '2'])
    expect(twice[0]!.split(':')[0]).toBe(twice[1]!.split(':')[0])
  })
})

/** Runs a check command with `--format sarif` and returns the log it wrote, checked against the schema. */
async function sarifRun(args: string[], cwd: string) {
  const result = await runCliProcess([...args, '--format', 'sarif'], cwd, { CI: 'true' })
  const log = JSON.parse(result.stdout) as SarifLog
  expect(sarifErrors(log)).toEqual([])
  return { code: result.code, stderr: result.stderr, log, results: log.runs[0].results }
}

describe('check:arxiv --format sarif', () => {
  const recorded = new Map(readdirSync(path.join(fixtures, 'arxiv')).map((name) => [name.replace(/\.xml$/, '').replace('_', '/'), readFileSync(path.join(fixtures, 'arxiv', name), 'utf8').trimEnd()]))
  const paper = (title: string, url: string, extra: object = {}) => ({ kind: 'paper', title, links: [{ type: 'paper', url }], ...extra })
  const list = {
    venues: { arXiv: { type: 'preprint' }, 'NeurIPS 2017': { type: 'conference', date: '2017-12-04' } },
    categories: [],
    entries: [
      paper('Mixtral of Experts', 'https://arxiv.org/abs/2401.04088', { authors: ['Albert Q. Jiang'], venue: 'arXiv', date: '2024-01-08' }),
      paper('Attention is all you need!', 'https://arxiv.org/abs/1706.03762', { venue: 'NeurIPS 2017', date: '2017-06' }),
      paper('A Paper That Does Not Exist', 'https://arxiv.org/abs/2401.99999'),
      paper('A Malformed One', 'https://arxiv.org/abs/2413.00001')
    ]
  }

  test('errors, warnings and notes at their lines, fixable ones saying so', async () => {
    const fake = await startArxivFake(recorded)
    try {
      const folder = temporaryFolder()
      writeFileSync(path.join(folder, 'papers.json'), JSON.stringify(list, null, 2))
      writeFileSync(path.join(folder, 'paper-list.config.json'), JSON.stringify({ services: { arxiv: { url: fake.url, interval: 50 } } }))
      const { code, results, log } = await sarifRun(['check:arxiv', '--no-cache'], folder)
      expect(code).toBe(1)
      expect(results.map((result) => `${result.locations[0]!.physicalLocation.region!.startLine} ${result.ruleId} ${result.level}`)).toEqual([
        '13 arxiv/primary-class note',
        '22 arxiv/authors warning',
        '28 arxiv/primary-class note',
        '46 arxiv/missing error',
        '56 arxiv/invalid-id error'
      ])
      // A preprint's author list is arXiv's to correct.
      expect(results[1]!.message.text).toMatch(/^Unexpected author list: missing .*`Lélio Renard Lavaud`.* \(fixable: npm run check:arxiv -- --fix\) \(run with `--fix` to take arXiv’s author list\)$/)
      expect(log.runs[0].tool.driver.rules.map((rule) => rule.id)).toEqual(['arxiv/primary-class', 'arxiv/authors', 'arxiv/missing', 'arxiv/invalid-id'])
    } finally {
      await fake.close()
    }
  }, 20_000)

  test('arXiv down: every unverified ID is a warning (never an error), the outage a note of the run, exit 5', async () => {
    const folder = temporaryFolder()
    writeFileSync(path.join(folder, 'papers.json'), JSON.stringify({ ...list, entries: list.entries.slice(0, 3) }, null, 2))
    // Nothing listens on port 9: three refusals in a row, and the gate stops asking (an outage).
    writeFileSync(path.join(folder, 'paper-list.config.json'), JSON.stringify({ services: { arxiv: { url: 'http://127.0.0.1:9/api/query', interval: 10 }, politeness: { backoff: { base: 1, max: 5 } } } }))
    const { code, results, log } = await sarifRun(['check:arxiv', '--no-cache'], folder)
    expect(code).toBe(5)
    expect(results.map((result) => `${result.ruleId} ${result.level}`)).toEqual(['arxiv/unverified warning', 'arxiv/unverified warning', 'arxiv/unverified warning'])
    expect(log.runs[0].invocations?.[0]?.toolExecutionNotifications[0]?.message.text).toMatch(/^arXiv failed 3 times in a row \(last: arXiv did not answer \(ECONNREFUSED\)\); stopped asking arXiv/)
  }, 20_000)
})

describe('check:repos --format sarif', () => {
  const code = (title: string, url: string) => ({ kind: 'paper', title, links: [{ type: 'code', url }] })
  const list = { venues: {}, categories: [], entries: [code('Renamed', 'https://github.com/lab/renamed-before'), code('Fine', 'https://github.com/lab/fine'), code('Blocked', 'https://github.com/lab/blocked'), code('Gone', 'https://github.com/lab/gone')] }

  test('moved is a fixable warning, blocked and missing are errors', async () => {
    const fake = await startGithubFake(
      [
        { id: 1, fullName: 'lab/renamed-now' },
        { id: 2, fullName: 'lab/fine' },
        { id: 3, fullName: 'lab/blocked', legal: true }
      ],
      { renamed: { 'lab/renamed-before': 1 } }
    )
    try {
      const folder = temporaryFolder()
      writeFileSync(path.join(folder, 'papers.json'), JSON.stringify(list, null, 2))
      writeFileSync(path.join(folder, 'paper-list.config.json'), JSON.stringify({ services: { github: { restUrl: fake.restUrl, graphqlUrl: fake.graphqlUrl }, timeout: 1_000 } }))
      const { code, results } = await sarifRun(['check:repos', '--no-cache'], folder)
      expect(code).toBe(1)
      expect(results.map((result) => `${result.ruleId} ${result.level}`)).toEqual(['repos/moved warning', 'repos/unavailable error', 'repos/not-found error'])
      expect(results[0]!.message.text).toContain('(fixable: npm run check:repos -- --fix)')
    } finally {
      await fake.close()
    }
  }, 20_000)

  test('GitHub down: unverified repositories are warnings, never errors, exit 5', async () => {
    const folder = temporaryFolder()
    writeFileSync(path.join(folder, 'papers.json'), JSON.stringify(list, null, 2))
    writeFileSync(path.join(folder, 'paper-list.config.json'), JSON.stringify({ services: { github: { restUrl: 'http://127.0.0.1:9', graphqlUrl: 'http://127.0.0.1:9/graphql', retries: 1 }, timeout: 1_000, politeness: { backoff: { base: 1, max: 5 } } } }))
    const { code, results } = await sarifRun(['check:repos', '--no-cache'], folder)
    expect(code).toBe(5)
    expect(results.length).toBeGreaterThan(0)
    expect(results.every((result) => result.ruleId === 'repos/unverified' && result.level === 'warning')).toBe(true)
  }, 20_000)
})
