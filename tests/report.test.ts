/** The scheduled report and its one issue, against a fake GitHub on 127.0.0.1. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { runCli } from '../scripts/cli.ts'
import { startIssuesFake, type IssuesFake } from '../scripts/fakes/github-issues.ts'
import { temporaryFolder } from './helpers.ts'

let fake: IssuesFake
let folder: string
const env = () => ({ CI: 'true', GITHUB_REPOSITORY: 'lab/awesome-list', GITHUB_TOKEN: 'issue-token', GITHUB_API_URL: fake.url, GITHUB_STEP_SUMMARY: path.join(folder, 'summary.md') })

async function run(args: string[]) {
  let stdout = ''
  let stderr = ''
  const code = await runCli(args, { cwd: folder, env: env(), stdout: { write: (text) => void (stdout += text) }, stderr: { write: (text) => void (stderr += text) } })
  return { code, stdout, stderr }
}

function writeReports(dead: boolean) {
  mkdirSync(path.join(folder, 'reports'), { recursive: true })
  const link = (url: string, group: string, reason: string, extra: object = {}) => ({ url, group, evidence: { reason }, entries: [{ key: 'MoE', title: 'Mixture | of [Experts]', line: 12 }], ...extra })
  writeFileSync(
    path.join(folder, 'reports/links.json'),
    JSON.stringify({
      checkedAt: '2026-11-23T03:00:00.000Z',
      links: [
        link('https://example.org/ok', 'alive', 'HTTP 200'),
        ...(dead ? [link('https://example.org/gone', 'dead', 'HTTP 404', { failing: { since: '2026-11-01T00:00:00Z', runs: 3 } })] : []),
        link('https://ieeexplore.ieee.org/document/1', 'blocked', 'HTTP 418')
      ]
    })
  )
  writeFileSync(path.join(folder, 'reports/arxiv.json'), JSON.stringify({ findings: dead ? [{ ruleId: 'arxiv/title', severity: 'warning', line: 14, pointer: '/entries/0/title', message: 'Unexpected title `Old`, arXiv has `New`', fixable: true }] : [] }))
  writeFileSync(path.join(folder, 'reports/repos.json'), JSON.stringify({ findings: [] }))
}

beforeAll(async () => {
  fake = await startIssuesFake('lab/awesome-list', 'issue-token')
  folder = temporaryFolder()
  writeFileSync(path.join(folder, 'papers.json'), JSON.stringify({ venues: {}, categories: [], entries: [{ kind: 'paper', key: 'MoE', title: 'Mixture | of [Experts]' }] }))
})
afterAll(() => fake.close())

describe('one issue, kept up to date', () => {
  test('first run with problems: creates the issue, grouped, with checkboxes, entries and evidence', async () => {
    writeReports(true)
    const result = await run(['report', '--issue'])
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('Report issue #1 created: https://github.com/lab/awesome-list/issues/1')
    expect(fake.issues).toHaveLength(1)
    const [issue] = fake.issues
    expect(issue!.title).toBe('Link and metadata report: 1 dead links, 1 metadata drift')
    expect(issue!.labels).toEqual(['link-report'])
    expect(issue!.body).toContain('## Dead links (1)\n\n- [ ] **MoE** _Mixture | of \\[Experts]_ (papers.json:12): <https://example.org/gone> — HTTP 404, failing since 2026-11-01 (3 runs)')
    expect(issue!.body).toContain('## Metadata drift (arXiv) (1)\n\n- [ ] **MoE** _Mixture | of \\[Experts]_ (papers.json:14) — Unexpected title `Old`, arXiv has `New` (fixable with `--fix`)')
    expect(issue!.body).toContain('## Could not verify (bot walls, rate limits, outages: checked again next run) (1)\n\n- **MoE**')
    expect(readFileSync(path.join(folder, 'summary.md'), 'utf8')).toContain('# Link and metadata report: 1 dead links')
  })

  test('a later run updates the same issue; never a second one', async () => {
    writeReports(true)
    writeFileSync(path.join(folder, 'reports/repos.json'), JSON.stringify({ findings: [{ ruleId: 'repos/archived', severity: 'warning', line: 12, pointer: '/entries/0/links/1/url', message: 'Repository `https://github.com/a/b` is archived' }] }))
    const result = await run(['report', '--issue'])
    expect(result.stdout).toContain('Report issue #1 updated')
    expect(fake.issues).toHaveLength(1)
    expect(fake.issues[0]!.body).toContain('## Code repositories (1)')
  })

  test('a clean run closes it with a comment', async () => {
    writeReports(false)
    const result = await run(['report', '--issue'])
    expect(result.stdout).toContain('Report issue #1 closed')
    expect(fake.issues[0]).toMatchObject({ state: 'closed', comments: ['Every check passes again: closing this report. A new one opens when something breaks.'] })
    const again = await run(['report', '--issue'])
    expect(again.stdout).toContain('No open report issue and nothing to report.')
  })
})

test.each([
  [403, 'give the workflow `permissions: issues: write`'],
  [404, 'check that lab/awesome-list exists and the token can see it'],
  [429, 'GitHub rate-limited the request; retry later']
])('GitHub answering %i: a clear error, exit 4, and the report is kept', async (status, hint) => {
  writeReports(true)
  fake.failWith = status
  try {
    const result = await run(['report', '--issue'])
    expect(result.code).toBe(4)
    expect(result.stderr).toContain(`GitHub answered HTTP ${status}`)
    expect(result.stderr).toContain(hint)
    expect(result.stderr).toContain('The report is in reports/report.md and the job summary.')
    expect(readFileSync(path.join(folder, 'reports/report.md'), 'utf8')).toContain('## Dead links (1)')
  } finally {
    fake.failWith = undefined
  }
})

test('without a token, --issue is a usage error', async () => {
  writeReports(true)
  let stderr = ''
  const code = await runCli(['report', '--issue'], { cwd: folder, env: { CI: 'true' }, stdout: { write: () => {} }, stderr: { write: (text) => void (stderr += text) } })
  expect(code).toBe(2)
  expect(stderr).toContain('needs GITHUB_REPOSITORY (owner/name) and GITHUB_TOKEN')
})
