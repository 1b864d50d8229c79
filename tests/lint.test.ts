/** The linter as a user runs it: clean committed data, lossless idempotent fixes, every output form. */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { runCli } from '../scripts/cli.ts'
import { defaultConfig } from '../scripts/core/config.ts'
import { fixText, lintText } from '../scripts/lint/engine.ts'
import { fixtures, root, runCliProcess, temporaryFolder } from './helpers.ts'

const committed = readFileSync(path.join(root, 'papers.json'), 'utf8')

async function run(args: string[], cwd: string, env: Record<string, string> = {}) {
  let stdout = ''
  let stderr = ''
  const code = await runCli(args, { cwd, env, stdout: { write: (text) => void (stdout += text) }, stderr: { write: (text) => void (stderr += text) } })
  return { code, stdout, stderr }
}

/** A folder with a copy of one rule fixture as papers.json. */
function withFixture(ruleId: string, name = 'not-ok.json'): string {
  const folder = temporaryFolder()
  copyFileSync(path.join(fixtures, 'rules', ruleId, name), path.join(folder, 'papers.json'))
  return folder
}

describe('the committed papers.json', () => {
  test('lints clean', () => {
    expect(lintText(committed, 'papers.json', defaultConfig)).toEqual([])
  })

  test('survives --fix unchanged, and a scrambled copy is fixed back to it, byte for byte', () => {
    expect(fixText(committed, 'papers.json', defaultConfig).text).toBe(committed)
    const reverseKeys = (value: unknown): unknown =>
      Array.isArray(value) ? value.map(reverseKeys) : value && typeof value === 'object' ? Object.fromEntries(Object.entries(value).reverse().map(([key, inner]) => [key, reverseKeys(inner)])) : value
    const scrambled = JSON.stringify(reverseKeys(JSON.parse(committed)), null, 4)
      .replace(/https:\/\/arxiv\.org\/abs\/(\d{4}\.\d{5})"/g, 'https://arxiv.org/pdf/$1.pdf"')
      .replace(/https:\/\/github\.com\//g, 'http://github.com/')
      .replace(/\n/g, '\r\n')
    expect(scrambled).not.toBe(committed)
    const result = fixText(scrambled, 'papers.json', defaultConfig)
    expect(result.findings).toEqual([])
    expect(result.text).toBe(committed)
  })

  test('keeps what it does not understand', () => {
    const data = JSON.parse(committed)
    data.entries[0]['x-reviewed-by'] = 'someone'
    const result = fixText(JSON.stringify(data), 'papers.json', defaultConfig)
    expect(JSON.parse(result.text).entries[0]['x-reviewed-by']).toBe('someone')
    expect(result.findings.map((finding) => finding.ruleId)).toEqual(['schema/additionalProperties'])
  })
})

describe('the lint command', () => {
  test('prints every problem grouped by file with a summary, and exits 1', async () => {
    const result = await run(['lint'], withFixture('urls/github-repo'))
    expect(result.code).toBe(1)
    expect(result.stdout).toBe(
      [
        'papers.json',
        '  35:11  error    Unexpected GitHub link `https://www.github.com/o/alpha.git/`, expected `https://github.com/o/alpha` (fixable)  urls/github-repo',
        '  57:11  error    Unexpected code link `https://github.com/o` to a GitHub account, expected a repository `https://github.com/o/<repo>` (link the repository with the code)  urls/github-repo',
        '  61:11  error    Unexpected code link `https://github.com/o/beta/issues` to the `issues` page of a repository, expected the repository `https://github.com/o/beta` (link the repository itself)  urls/github-repo',
        '',
        '✖ 3 problems (3 errors, 0 warnings), 1 fixable with `npm run fix`',
        ''
      ].join('\n')
    )
  })

  test('--format json is for tools', async () => {
    const result = await run(['lint', '--format', 'json'], withFixture('venue/canonical-name'))
    expect(result.code).toBe(1)
    const report = JSON.parse(result.stdout)
    expect(report.summary).toEqual({ errors: 3, warnings: 0, fixable: 3 })
    expect(report.findings[2]).toEqual({
      ruleId: 'venue/canonical-name',
      severity: 'error',
      file: 'papers.json',
      line: 34,
      column: 7,
      pointer: '/entries/0/venue',
      message: 'Unexpected venue `Cvpr 2024`, expected `CVPR 2024`',
      fixable: true
    })
  })

  test('in GitHub Actions, a bad entry gets annotations on its lines', async () => {
    const folder = temporaryFolder()
    const data = JSON.parse(committed)
    data.entries[3].venue = 'Neurips 2023'
    data.entries[3].links[0].url = 'javascript:alert(1)'
    writeFileSync(path.join(folder, 'papers.json'), JSON.stringify(data, null, 2) + '\n')
    const result = await runCliProcess(['lint'], folder, { GITHUB_ACTIONS: 'true' })
    expect(result.code).toBe(1)
    const annotations = result.stdout.split('\n').filter((line) => line.startsWith('::'))
    const lines = committed.split('\n')
    const venueLine = lines.findIndex((line, index) => index > lines.findIndex((text) => text.includes(`"title": ${JSON.stringify(data.entries[3].title)}`)) && line.includes('"venue"')) + 1
    expect(annotations).toContain(`::error file=papers.json,line=${venueLine},col=7,title=venue/canonical-name::Unexpected venue \`Neurips 2023\`, expected \`NeurIPS 2023\` (fixable: npm run fix)`)
    expect(annotations.some((line) => line.startsWith('::error file=papers.json,line=') && line.includes('title=schema/pattern::Unexpected `"javascript:alert(1)"`'))).toBe(true)
  })

  test('--fix rewrites the file atomically; a second run changes nothing', async () => {
    const folder = withFixture('urls/arxiv-canonical')
    const first = await runCliProcess(['lint', '--fix'], folder)
    expect(first.code).toBe(0)
    expect(first.stderr).toContain('papers.json: 3 problems fixed')
    const fixed = readFileSync(path.join(folder, 'papers.json'), 'utf8')
    expect(fixed).toContain('"url": "https://arxiv.org/abs/2401.04088v2"')
    const second = await runCliProcess(['lint', '--fix'], folder)
    expect(second.stderr).toContain('papers.json: 0 problems fixed')
    expect(readFileSync(path.join(folder, 'papers.json'), 'utf8')).toBe(fixed)
  })

  test('--fix refuses to rewrite a file with duplicate keys, which JSON would lose', async () => {
    const folder = withFixture('json/duplicate-key')
    const before = readFileSync(path.join(folder, 'papers.json'), 'utf8')
    const result = await run(['lint', '--fix'], folder)
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('cannot be rewritten until its duplicate keys are merged by hand')
    expect(readFileSync(path.join(folder, 'papers.json'), 'utf8')).toBe(before)
  })

  test('a key given twice is found with its pointer, inside arrays too', () => {
    const findings = lintText(readFileSync(path.join(fixtures, 'rules/json/duplicate-key/not-ok.json'), 'utf8'), 'papers.json', defaultConfig)
    expect(findings.filter((finding) => finding.ruleId === 'json/duplicate-key').map(({ line, pointer }) => ({ line, pointer }))).toEqual([{ line: 48, pointer: '/entries/1/title' }])
  })

  test('invalid JSON is one finding at its place, with a hint', async () => {
    const result = await run(['lint'], withFixture('json/syntax'))
    expect(result.code).toBe(1)
    expect(result.stdout).toContain('47:31  error    Unexpected `,`, invalid JSON (PropertyNameExpected) (property names need double quotes: `"name": value`)  json/syntax')
  })

  test('the configuration changes severities; a bad configuration is a usage error with its place', async () => {
    const folder = withFixture('venue/missing-date')
    expect((await run(['lint'], folder)).stdout).toContain('warning  Missing `date` of conference `ICLR 2024`')
    writeFileSync(path.join(folder, 'paper-list.config.json'), JSON.stringify({ lint: { rules: { 'venue/missing-date': 'error' } } }))
    expect((await run(['lint'], folder)).code).toBe(1)
    writeFileSync(path.join(folder, 'paper-list.config.json'), JSON.stringify({ lint: { rules: { 'venue/missing-date': 'off' } } }))
    expect(await run(['lint'], folder)).toMatchObject({ code: 0, stdout: '✔ no problems\n' })
    writeFileSync(path.join(folder, 'paper-list.config.json'), '{\n  "lint": { "rules": { "venue/missing-dat": "off" } }\n}\n')
    const bad = await run(['lint'], folder)
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('paper-list.config.json:2:24: Unknown rule `venue/missing-dat`')
  })

  test('lints another file given as an argument', async () => {
    const folder = temporaryFolder()
    copyFileSync(path.join(fixtures, 'rules/dates/real/not-ok.json'), path.join(folder, 'other.json'))
    const result = await run(['lint', 'other.json'], folder)
    expect(result.stdout).toContain('other.json\n  27:7  error    Unexpected date `2023-02-30`, no such day')
  })
})
