/**
 * `.linkignore`, lychee's `.lycheeignore` for `check:links`: one regular
 * expression per line, unanchored, `#` comments, blank lines and whitespace
 * ignored. Ignored URLs are never requested and are reported as excluded,
 * as `links.exclude` does; a line that is not a regular expression stops the
 * run before any request (exit 2) with its place.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { parseLinkIgnore } from '../scripts/checkers/links/ignore.ts'
import { runCliProcess, temporaryFolder } from './helpers.ts'
import { startServer, type TestServer } from './link-servers.ts'

describe('reading .linkignore', () => {
  test('one pattern a line, trimmed; comments and blank lines left out; CRLF and a BOM are fine', () => {
    const text = '\uFEFF# Preprint servers that block bots\r\n\r\n  ^https://example\\.org/private/  \r\n\t# an indented comment\r\ntracker\\?id=\r\nhttps://x\\.org/page#section\r\n'
    expect(parseLinkIgnore(text)).toEqual({ patterns: ['^https://example\\.org/private/', 'tracker\\?id=', 'https://x\\.org/page#section'], findings: [] })
  })

  test('an empty file, or only comments, ignores nothing', () => {
    expect(parseLinkIgnore('')).toEqual({ patterns: [], findings: [] })
    expect(parseLinkIgnore('# nothing yet\n\n')).toEqual({ patterns: [], findings: [] })
  })

  test('each line that is not a regular expression is an error at its line and column, saying what is wrong and what to do; the others still count', () => {
    const { patterns, findings } = parseLinkIgnore('^https://ok\\.org/\n   ([a-z+\n# fine\n*.pdf\nlast[\n')
    expect(patterns).toEqual(['^https://ok\\.org/'])
    expect(findings.map(({ file, line, column, severity, ruleId, message }) => ({ place: `${file}:${line}:${column}`, severity, ruleId, message }))).toEqual([
      { place: '.linkignore:2:4', severity: 'error', ruleId: 'links/ignore-pattern', message: 'Unexpected `([a-z+`, expected a regular expression (Unterminated character class)' },
      { place: '.linkignore:4:1', severity: 'error', ruleId: 'links/ignore-pattern', message: 'Unexpected `*.pdf`, expected a regular expression (Nothing to repeat)' },
      { place: '.linkignore:5:1', severity: 'error', ruleId: 'links/ignore-pattern', message: 'Unexpected `last[`, expected a regular expression (Unterminated character class)' }
    ])
    expect(findings[0]!.hint).toBe('fix the pattern, or escape what is meant literally with `\\` (`\\.`, `\\?`, `\\(`); a line starting with `#` is a comment; nothing was checked')
  })
})

describe('check:links with a .linkignore', () => {
  let server: TestServer
  let folder: string
  const links = ['/ok', '/private/a', '/private/b', '/tracker?id=1', '/config-excluded']

  beforeAll(async () => {
    // Every route answers: a request to an ignored one would be counted, not failed.
    server = await startServer(Object.fromEntries(['/ok', '/private/a', '/private/b', '/tracker', '/config-excluded'].map((route) => [route, (_request, response) => response.writeHead(200).end('ok')])))
    folder = temporaryFolder()
    const entries = links.map((link, index) => ({ kind: 'paper', title: `Paper ${index}`, links: [{ type: 'paper', url: server.url(link) }] }))
    writeFileSync(path.join(folder, 'papers.json'), JSON.stringify({ venues: {}, categories: [], entries }, null, 2))
    writeFileSync(path.join(folder, 'paper-list.config.json'), JSON.stringify({ links: { allowPrivate: true, exclude: ['/config-excluded$'], timeouts: { connect: 1000, headers: 1000, total: 2000 }, backoff: { base: 10, max: 50 } } }))
  })
  afterAll(() => server.close())

  test('ignored URLs are never requested and are reported as excluded, beside the configuration’s own exclusions', async () => {
    writeFileSync(path.join(folder, '.linkignore'), '# Our own test pages\n\n   /private/   \ntracker\\?id=\n')
    const result = await runCliProcess(['check:links', '--no-cache'], folder, { CI: 'true' })
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('5 links: 1 alive, 4 skipped; 1 request')
    expect([...server.requests.keys()]).toEqual(['GET /ok'])
    const report = JSON.parse(readFileSync(path.join(folder, 'reports/links.json'), 'utf8'))
    const excluded = report.links.filter((link: { kind: string }) => link.kind === 'skipped').map((link: { url: string; evidence: { reason: string; hops: unknown[] } }) => [new URL(link.url).pathname + new URL(link.url).search, link.evidence.reason, link.evidence.hops.length])
    expect(excluded).toEqual([
      ['/private/a', 'excluded by the configuration', 0],
      ['/private/b', 'excluded by the configuration', 0],
      ['/tracker?id=1', 'excluded by the configuration', 0],
      ['/config-excluded', 'excluded by the configuration', 0]
    ])
  })

  test('a line that is not a regular expression: its place, what is wrong and what to do; exit 2 before any request, last reports kept', async () => {
    const before = server.total()
    const reports = readFileSync(path.join(folder, 'reports/links.json'), 'utf8')
    writeFileSync(path.join(folder, '.linkignore'), '/private/\n  tracker(\n')
    const result = await runCliProcess(['check:links', '--no-cache'], folder, { CI: 'true' })
    expect(result.code).toBe(2)
    expect(result.stderr.split('\n')).toEqual([
      '.linkignore:2:3  error  Unexpected `tracker(`, expected a regular expression (Unterminated group) (fix the pattern, or escape what is meant literally with `\\` (`\\.`, `\\?`, `\\(`); a line starting with `#` is a comment; nothing was checked)  links/ignore-pattern',
      'check:links: 1 line of .linkignore is not a regular expression; nothing was checked',
      ''
    ])
    expect(server.total()).toBe(before)
    expect(readFileSync(path.join(folder, 'reports/links.json'), 'utf8')).toBe(reports)
  })

  test('in GitHub Actions the bad line is also an annotation on .linkignore', async () => {
    writeFileSync(path.join(folder, '.linkignore'), '[\n')
    const result = await runCliProcess(['check:links', '--no-cache'], folder, { CI: 'true', GITHUB_ACTIONS: 'true' })
    expect(result.code).toBe(2)
    expect(result.stdout).toMatch(/^::error file=\.linkignore,line=1,col=1,title=links\/ignore-pattern::Unexpected `\[`, expected a regular expression \(Unterminated character class\)/m)
  })

  test('the .linkignore of the working directory is read, wherever the data file is', async () => {
    const work = temporaryFolder()
    mkdirSync(path.join(work, 'list'))
    writeFileSync(path.join(work, 'list/papers.json'), readFileSync(path.join(folder, 'papers.json')))
    writeFileSync(path.join(work, 'list/paper-list.config.json'), readFileSync(path.join(folder, 'paper-list.config.json')))
    writeFileSync(path.join(work, '.linkignore'), '.')
    const before = server.total()
    const result = await runCliProcess(['check:links', '--no-cache', '--data', 'list/papers.json'], work, { CI: 'true' })
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('5 links: 0 alive, 5 skipped; 0 requests')
    expect(server.total()).toBe(before)
    expect(existsSync(path.join(work, 'list/reports/links.json'))).toBe(true)
  })
})
