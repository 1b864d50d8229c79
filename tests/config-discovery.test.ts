/**
 * Where the configuration is found, as tools people know find theirs:
 * `--config`, else `paper-list.config.json` or `package.json`'s `paperList`
 * in the working directory, else beside the data file, else the defaults;
 * and the paths in it are relative to the folder it was found in.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { runCli } from '../scripts/cli.ts'
import { root, temporaryFolder } from './helpers.ts'

/** A list with an uncategorized entry (`entries/uncategorized`, a warning), which a configuration can turn off or into an error. */
const papers = JSON.stringify({ venues: { arXiv: { type: 'preprint' } }, categories: [{ id: 'a', title: 'A' }], entries: [{ kind: 'paper', title: 'Mixtral of Experts', venue: 'arXiv', date: '2024-01-08', links: [{ type: 'paper', url: 'https://arxiv.org/abs/2401.04088' }] }] }, null, 2)

async function lint(cwd: string, args: string[] = []) {
  let stdout = ''
  let stderr = ''
  const code = await runCli(['lint', '--format', 'json', ...args], { cwd, env: {}, stdout: { write: (text) => void (stdout += text) }, stderr: { write: (text) => void (stderr += text) } })
  return { code, stderr, rules: stdout ? (JSON.parse(stdout) as { findings: Array<{ ruleId: string; severity: string }> }).findings.filter((finding) => finding.ruleId === 'entries/uncategorized').map((finding) => `${finding.ruleId} ${finding.severity}`) : [] }
}

const setting = (severity: string) => ({ lint: { rules: { 'entries/uncategorized': severity } } })

describe('the configuration is found', () => {
  test('with none, the defaults', async () => {
    const folder = temporaryFolder()
    writeFileSync(path.join(folder, 'papers.json'), papers)
    expect((await lint(folder)).rules).toEqual(['entries/uncategorized warning'])
  })

  test('in paper-list.config.json in the working directory', async () => {
    const folder = temporaryFolder()
    writeFileSync(path.join(folder, 'papers.json'), papers)
    writeFileSync(path.join(folder, 'paper-list.config.json'), JSON.stringify(setting('error')))
    expect(await lint(folder)).toMatchObject({ code: 1, rules: ['entries/uncategorized error'] })
  })

  test('under the paperList key of package.json, when there is no config file', async () => {
    const folder = temporaryFolder()
    writeFileSync(path.join(folder, 'papers.json'), papers)
    writeFileSync(path.join(folder, 'package.json'), JSON.stringify({ name: 'my-list', private: true, paperList: setting('off') }, null, 2))
    expect((await lint(folder)).rules).toEqual([])
    // The file wins over the key.
    writeFileSync(path.join(folder, 'paper-list.config.json'), JSON.stringify(setting('error')))
    expect((await lint(folder)).rules).toEqual(['entries/uncategorized error'])
  })

  test('a package.json without the key, or that is not even JSON, is not ours to judge', async () => {
    for (const manifest of [JSON.stringify({ name: 'x', description: 'no settings here' }), '{ not json', '']) {
      const folder = temporaryFolder()
      writeFileSync(path.join(folder, 'papers.json'), papers)
      writeFileSync(path.join(folder, 'package.json'), manifest)
      expect(await lint(folder)).toMatchObject({ stderr: '', rules: ['entries/uncategorized warning'] })
    }
  })

  test('a bad setting under the key names package.json, its line and column, and the setting', async () => {
    const folder = temporaryFolder()
    writeFileSync(path.join(folder, 'papers.json'), papers)
    writeFileSync(path.join(folder, 'package.json'), JSON.stringify({ name: 'my-list', paperList: { lint: { rules: { 'entries/uncategorized': 'loud' } } } }, null, 2))
    const result = await lint(folder)
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/^error: package\.json:6:9: `\/paperList\/lint\/rules\/entries~1uncategorized` must be equal to one of the allowed values/)
    writeFileSync(path.join(folder, 'package.json'), JSON.stringify({ name: 'my-list', paperList: { lint: { rules: { 'no/such-rule': 'off' } } } }, null, 2))
    expect((await lint(folder)).stderr).toMatch(/^error: package\.json:6:9: Unknown rule `no\/such-rule`/)
  })

  test('the working directory before the data file’s folder, and --config before both', async () => {
    const folder = temporaryFolder()
    mkdirSync(path.join(folder, 'data'))
    writeFileSync(path.join(folder, 'data/papers.json'), papers)
    writeFileSync(path.join(folder, 'data/paper-list.config.json'), JSON.stringify(setting('off')))
    // Only beside the data file: found there.
    expect((await lint(folder, ['data/papers.json'])).rules).toEqual([])
    writeFileSync(path.join(folder, 'paper-list.config.json'), JSON.stringify(setting('error')))
    expect((await lint(folder, ['data/papers.json'])).rules).toEqual(['entries/uncategorized error'])
    writeFileSync(path.join(folder, 'other.json'), JSON.stringify(setting('warn')))
    expect((await lint(folder, ['data/papers.json', '--config', 'other.json'])).rules).toEqual(['entries/uncategorized warning'])
  })
})

test('paths in the configuration are relative to the folder it was found in', async () => {
  const { startArxivFake } = await import('../scripts/fakes/arxiv.ts')
  const feed = readFileSync(path.join(root, 'tests/fixtures/arxiv/2401.04088.xml'), 'utf8').trimEnd()
  const fake = await startArxivFake(new Map([['2401.04088', feed]]))
  try {
    const folder = temporaryFolder()
    mkdirSync(path.join(folder, 'data'))
    writeFileSync(path.join(folder, 'data/papers.json'), papers)
    writeFileSync(path.join(folder, 'package.json'), JSON.stringify({ name: 'my-list', paperList: { services: { arxiv: { url: fake.url, interval: 10, cacheFile: 'cache/arxiv.json' } } } }))
    const code = await runCli(['check:arxiv', '--data', 'data/papers.json', '--format', 'json'], { cwd: folder, env: {}, stdout: { write: () => {} }, stderr: { write: () => {} } })
    expect(code).toBe(0)
    expect(existsSync(path.join(folder, 'cache/arxiv.json'))).toBe(true)
    expect(existsSync(path.join(folder, 'data/cache/arxiv.json'))).toBe(false)
  } finally {
    await fake.close()
  }
})

test('a pattern that does not compile or an address that does not parse is refused with its place, before any check starts', async () => {
  for (const [settings, expected] of [
    [{ links: { exclude: ['^https://ok\\.org/', 'tracker('] } }, /^error: paper-list\.config\.json:1:\d+: `\/links\/exclude\/1` is not a regular expression \(\/tracker\(\/: Unterminated group\)/],
    [{ services: { arxiv: { url: 'http://[::1' } } }, /^error: paper-list\.config\.json:1:\d+: `\/services\/arxiv\/url` is not a URL/],
    [{ services: { github: { graphqlUrl: 'https://exa mple.org/graphql' } } }, /^error: paper-list\.config\.json:1:\d+: `\/services\/github\/graphqlUrl` is not a URL/]
  ] as const) {
    const folder = temporaryFolder()
    writeFileSync(path.join(folder, 'papers.json'), papers)
    writeFileSync(path.join(folder, 'paper-list.config.json'), JSON.stringify(settings))
    for (const command of ['lint', 'check:links', 'check:arxiv', 'check:repos']) {
      let stderr = ''
      const code = await runCli([command], { cwd: folder, env: {}, stdout: { write: () => {} }, stderr: { write: (text) => void (stderr += text) } })
      expect(code, command).toBe(2)
      expect(stderr).toMatch(expected)
      expect(stderr).not.toContain('    at ')
    }
  }
})
