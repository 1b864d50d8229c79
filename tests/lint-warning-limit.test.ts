/**
 * `lint --max-warnings N` and `lint --strict`, as in ESLint: more than N
 * warnings fail the run (exit 1) and say so in one line; errors fail it as
 * before; info findings never count; a bad N is a usage error (exit 2).
 */
import { copyFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { helpText } from '../scripts/commands/index.ts'
import { UsageError } from '../scripts/core/errors.ts'
import type { Finding } from '../scripts/core/findings.ts'
import { countWarnings, parseWarningLimit, warningLimitExceeded } from '../scripts/core/warning-limit.ts'
import { fixtures, runCliProcess, temporaryFolder } from './helpers.ts'

const finding = (severity: Finding['severity']): Finding => ({ ruleId: 'text/markdown', severity, file: 'papers.json', line: 3, column: 5, message: 'm' })

describe('the flags', () => {
  test.for([
    [undefined, false, undefined],
    ['0', false, { max: 0, flag: '--max-warnings 0' }],
    ['3', false, { max: 3, flag: '--max-warnings 3' }],
    ['007', false, { max: 7, flag: '--max-warnings 7' }],
    [undefined, true, { max: 0, flag: '--strict' }]
  ] as const)('--max-warnings %s, --strict %s: %o', ([value, strict, expected]) => {
    expect(parseWarningLimit(value, strict)).toEqual(expected)
  })

  test.for(['-1', '1.5', 'abc', '', ' 2', '+2', '1e3', '0x10', '99999999999999999999'])('--max-warnings %j is a usage error naming the flag and what it takes', (value) => {
    expect(() => parseWarningLimit(value, false)).toThrow(UsageError)
    expect(() => parseWarningLimit(value, false)).toThrow(`Unexpected \`--max-warnings ${value}\`, expected a whole number of warnings, 0 or more (e.g. \`--max-warnings 0\`)`)
  })

  test('--strict with --max-warnings is a usage error: one or the other', () => {
    expect(() => parseWarningLimit('3', true)).toThrow('Unexpected `--strict` with `--max-warnings`, expected one of them (`--strict` is `--max-warnings 0`)')
  })
})

describe('the limit', () => {
  test('counts warnings only: errors fail on their own, info findings never count', () => {
    const findings = [finding('warning'), finding('info'), finding('info'), finding('error'), finding('warning')]
    expect(countWarnings(findings)).toBe(2)
    expect(warningLimitExceeded('lint', findings, { max: 2, flag: '--max-warnings 2' })).toBeUndefined()
    expect(warningLimitExceeded('lint', [finding('info'), finding('info')], { max: 0, flag: '--strict' })).toBeUndefined()
  })

  test.for([
    [[finding('warning')], { max: 0, flag: '--strict' }, 'lint: 1 warning, more than --strict allows'],
    [[finding('warning'), finding('warning'), finding('warning')], { max: 0, flag: '--max-warnings 0' }, 'lint: 3 warnings, more than --max-warnings 0 allows'],
    [[finding('warning'), finding('warning'), finding('warning')], { max: 2, flag: '--max-warnings 2' }, 'lint: 3 warnings, more than --max-warnings 2 allows'],
    [[finding('warning'), finding('warning')], { max: 2, flag: '--max-warnings 2' }, undefined],
    [[finding('warning')], undefined, undefined]
  ] as const)('%#: %s', ([findings, limit, line]) => {
    expect(warningLimitExceeded('lint', findings, limit)).toBe(line)
  })
})

/** A folder with one rule fixture as papers.json. */
function withFixture(ruleId: string): string {
  const folder = temporaryFolder()
  copyFileSync(path.join(fixtures, 'rules', ruleId, 'not-ok.json'), path.join(folder, 'papers.json'))
  return folder
}

// `entries/extra`'s fixture has 3 warnings and no error; `urls/github-repo`'s has 3 errors.
describe('lint from the command line', () => {
  test('without a limit, warnings pass (exit 0) as before', async () => {
    const result = await runCliProcess(['lint'], withFixture('entries/extra'))
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('✖ 3 problems (0 errors, 3 warnings)')
    expect(result.stderr).toBe('')
  })

  test('--max-warnings 3 allows 3 warnings; --max-warnings 2 fails, saying why in one line on stderr', async () => {
    const folder = withFixture('entries/extra')
    expect(await runCliProcess(['lint', '--max-warnings', '3'], folder)).toMatchObject({ code: 0, stderr: '' })
    const over = await runCliProcess(['lint', '--max-warnings', '2'], folder)
    expect(over.code).toBe(1)
    expect(over.stderr).toBe('lint: 3 warnings, more than --max-warnings 2 allows\n')
    expect(over.stdout).toContain('✖ 3 problems (0 errors, 3 warnings)')
  })

  test('--strict fails on the first warning', async () => {
    const result = await runCliProcess(['lint', '--strict'], withFixture('venue/missing-date'))
    expect(result.code).toBe(1)
    expect(result.stderr).toBe('lint: 1 warning, more than --strict allows\n')
  })

  test('the limit holds in every format, stdout staying the report', async () => {
    const folder = withFixture('entries/extra')
    const json = await runCliProcess(['lint', '--format', 'json', '--max-warnings=0'], folder)
    expect(json.code).toBe(1)
    expect(JSON.parse(json.stdout).summary).toEqual({ errors: 0, warnings: 3, fixable: 0 })
    expect(json.stderr).toBe('lint: 3 warnings, more than --max-warnings 0 allows\n')
    const sarif = await runCliProcess(['lint', '--format', 'sarif', '--strict'], folder)
    expect(sarif.code).toBe(1)
    expect(JSON.parse(sarif.stdout).runs[0].results).toHaveLength(3)
  })

  test('errors still fail with a generous limit, and no limit line is written for them', async () => {
    const result = await runCliProcess(['lint', '--max-warnings', '100'], withFixture('urls/github-repo'))
    expect(result.code).toBe(1)
    expect(result.stderr).toBe('')
  })

  test.for([
    [['--max-warnings=-1'], 'error: Unexpected `--max-warnings -1`, expected a whole number of warnings, 0 or more (e.g. `--max-warnings 0`)'],
    [['--max-warnings', '2.5'], 'error: Unexpected `--max-warnings 2.5`, expected a whole number of warnings, 0 or more (e.g. `--max-warnings 0`)'],
    [['--max-warnings', 'many'], 'error: Unexpected `--max-warnings many`, expected a whole number of warnings, 0 or more (e.g. `--max-warnings 0`)'],
    [['--strict', '--max-warnings', '3'], 'error: Unexpected `--strict` with `--max-warnings`, expected one of them (`--strict` is `--max-warnings 0`)'],
    // Node's parser takes `-1` after a space for a flag; it says so, naming the flag.
    [['--max-warnings', '-1'], "error: Option '--max-warnings' argument is ambiguous."],
    [['--max-warnings'], "error: Option '--max-warnings <value>' argument missing"]
  ] as const)('lint %s is a usage error (exit 2) before anything is read', async ([args, message]) => {
    // No papers.json here: a usage error comes first.
    const result = await runCliProcess(['lint', ...args], temporaryFolder())
    expect(result.code).toBe(2)
    expect(result.stderr.startsWith(message), result.stderr).toBe(true)
    expect(result.stdout).toBe('')
  })

  test('--help documents both flags', () => {
    const help = helpText('lint')
    expect(help).toContain('[--max-warnings N | --strict]')
    expect(help).toMatch(/--max-warnings +exit 1 when there are more than N warnings/)
    expect(help).toMatch(/--strict +exit 1 on any warning: the same as `--max-warnings 0`/)
  })
})
