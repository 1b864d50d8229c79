/**
 * Every lint rule on its own fixtures: `ok.json` passes, `not-ok.json` gives
 * exactly the findings in `expected.json` (`line:column rule-id`), and for a
 * fixable rule `--fix` turns `not-ok.json` into `fixed.json`, which passes.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { defaultConfig, type Config } from '../scripts/core/config.ts'
import { fixText, lintText } from '../scripts/lint/engine.ts'
import { rules } from '../scripts/rules/index.ts'
import { fixtures } from './helpers.ts'

const folder = path.join(fixtures, 'rules')

/** `venue/canonical-name` for `tests/fixtures/rules/venue/canonical-name/`. */
function fixtureIds(): string[] {
  return readdirSync(folder).flatMap((area) => readdirSync(path.join(folder, area)).filter((name) => statSync(path.join(folder, area, name)).isDirectory()).map((name) => `${area}/${name}`))
}

/** Only the rule under test is on (the JSON checks always are). */
function only(ruleId: string): Config {
  return { lint: { ...defaultConfig.lint, rules: Object.fromEntries(rules.map((rule) => [rule.id, rule.id === ruleId ? 'error' : 'off'])) } }
}

const read = (ruleId: string, name: string) => readFileSync(path.join(folder, ruleId, name), 'utf8')
const projection = (text: string, ruleId: string, file: string) => lintText(text, file, only(ruleId)).map((finding) => `${finding.line}:${finding.column} ${finding.ruleId}`)

test('every rule has its fixtures', () => {
  expect(fixtureIds().sort()).toEqual([...rules.map((rule) => rule.id), 'json/syntax', 'json/duplicate-key'].sort())
})

describe.each(fixtureIds())('%s', (ruleId) => {
  test('passes ok.json', () => {
    expect(projection(read(ruleId, 'ok.json'), ruleId, 'ok.json')).toEqual([])
  })

  test('finds exactly the expected problems in not-ok.json', () => {
    const expected = JSON.parse(read(ruleId, 'expected.json')) as string[]
    expect(expected.length).toBeGreaterThan(0)
    expect(projection(read(ruleId, 'not-ok.json'), ruleId, 'not-ok.json')).toEqual(expected)
  })

  const rule = rules.find((candidate) => candidate.id === ruleId)
  test.runIf(rule?.fix === 'safe')('fixes not-ok.json into fixed.json, leaving only what has no fix', () => {
    const before = lintText(read(ruleId, 'not-ok.json'), 'not-ok.json', only(ruleId))
    const result = fixText(read(ruleId, 'not-ok.json'), 'not-ok.json', only(ruleId))
    expect(result.text).toBe(read(ruleId, 'fixed.json'))
    expect(result.fixed).toBe(before.filter((finding) => finding.fix?.safe).length)
    const after = lintText(result.text, 'fixed.json', only(ruleId))
    expect(after.filter((finding) => finding.fix?.safe)).toEqual([])
    expect(after.map((finding) => finding.message)).toEqual(before.filter((finding) => !finding.fix?.safe).map((finding) => finding.message))
    // Idempotent: fixing the fixed file changes nothing.
    expect(fixText(result.text, 'fixed.json', only(ruleId)).text).toBe(result.text)
  })

  test.runIf(rule?.fix !== 'safe')('has no fixed.json, as it fixes nothing', () => {
    expect(existsSync(path.join(folder, ruleId, 'fixed.json'))).toBe(false)
  })
})

test('the README documents every rule', () => {
  const readme = readFileSync(path.join(fixtures, '../../templates/README.md'), 'utf8')
  for (const rule of rules) expect(readme, rule.id).toContain(`| \`${rule.id}\` | ${rule.severity} | ${rule.fix === 'safe' ? 'yes' : ''} |`)
})
