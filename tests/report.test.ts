/**
 * The scheduled report and its one issue, against a fake GitHub that
 * paginates, drops labels, throttles, validates and enforces its limits:
 * exactly one open issue at any size; a report file that could not be
 * believed never closes or empties it.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { runCli } from '../scripts/cli.ts'
import { startIssuesFake, type IssuesFakeOptions } from '../scripts/fakes/github-issues.ts'
import { reportMarker } from '../scripts/reporting/issue.ts'
import { temporaryFolder } from './helpers.ts'

type Link = { url: string; group: string; evidence: { reason: string }; entries: Array<{ key?: string; title: string; line: number }>; failing?: object; target?: string }
const link = (url: string, group: string, reason: string, extra: object = {}): Link => ({ url, group, evidence: { reason }, entries: [{ key: 'MoE', title: 'Mixture | of [Experts]', line: 12 }], ...extra })
const finding = (ruleId: string, message: string, pointer = '/entries/0/links/1/url', line = 14) => ({ ruleId, severity: ruleId.endsWith('unverified') ? 'warning' : 'error', line, pointer, message, fixable: false })

/** A list, its reports, and a fake GitHub; `run` runs `report --issue` as the workflow does. */
async function setting(options: IssuesFakeOptions = {}) {
  const fake = await startIssuesFake('lab/awesome-list', 'issue-token', options)
  const folder = temporaryFolder()
  writeFileSync(
    path.join(folder, 'papers.json'),
    JSON.stringify({ venues: {}, categories: [], entries: [{ kind: 'paper', key: 'MoE', title: 'Mixture | of [Experts]', links: [{ type: 'paper', url: 'https://arxiv.org/abs/2401.04088' }, { type: 'code', url: 'https://github.com/lab/moe' }] }] })
  )
  writeFileSync(path.join(folder, 'paper-list.config.json'), JSON.stringify({ services: { politeness: { backoff: { base: 1, max: 5 }, retryAfterCap: 5_000 } } }))
  mkdirSync(path.join(folder, 'reports'), { recursive: true })
  const reports = (links: Link[], arxiv: object[] = [], repos: object[] = []) => {
    writeFileSync(path.join(folder, 'reports/links.json'), JSON.stringify({ checkedAt: '2026-11-23T03:00:00.000Z', summary: {}, links }))
    writeFileSync(path.join(folder, 'reports/arxiv.json'), JSON.stringify({ findings: arxiv, summary: {} }))
    writeFileSync(path.join(folder, 'reports/repos.json'), JSON.stringify({ findings: repos, summary: {} }))
  }
  const summary = path.join(folder, 'summary.md')
  const run = async (args: string[] = ['report', '--issue']) => {
    let stdout = ''
    let stderr = ''
    rmSync(summary, { force: true })
    const env = { CI: 'true', GITHUB_REPOSITORY: 'lab/awesome-list', GITHUB_TOKEN: 'issue-token', GITHUB_API_URL: fake.url, GITHUB_STEP_SUMMARY: summary, GITHUB_SERVER_URL: 'https://github.com', GITHUB_RUN_ID: '77' }
    const code = await runCli(args, { cwd: folder, env, stdout: { write: (text) => void (stdout += text) }, stderr: { write: (text) => void (stderr += text) } })
    return { code, stdout, stderr, summary: existsSync(summary) ? readFileSync(summary, 'utf8') : '' }
  }
  return { fake, folder, reports, run, open: () => fake.openReports(reportMarker) }
}

const dead = link('https://example.org/gone', 'dead', 'HTTP 404', { failing: { since: '2026-11-01T00:00:00Z', runs: 3 } })
const blocked = link('https://ieeexplore.ieee.org/document/1', 'blocked', 'HTTP 418')

describe('one issue, kept up to date', () => {
  test('created (its label too), updated in place, closed with a comment when every check passes', async () => {
    const { fake, reports, run, open } = await setting()
    try {
      // A note (a category --fix would record) is no problem to report.
      const note = { ...finding('arxiv/primary-class', 'arXiv files 2401.04088 under `cs.LG`, which the entry does not record', '/entries/0/primaryClass'), severity: 'info', fixable: true }
      reports([link('https://example.org/ok', 'alive', 'HTTP 200'), dead, blocked], [finding('arxiv/title', 'Unexpected title `Old`, arXiv has `New`', '/entries/0/title'), note])
      const first = await run()
      expect(first.stderr).toBe('')
      expect(first.code).toBe(0)
      expect(first.stdout).toMatch(/Report issue #1 created: https:\/\/github\.com\/lab\/awesome-list\/issues\/1/)
      expect(fake.labels.map((label) => label.name)).toContain('link-report')
      const [issue] = open()
      expect(issue!.title).toBe('Link and metadata report: 1 dead links, 1 metadata drift')
      expect(issue!.labels).toEqual(['link-report'])
      expect(issue!.body).toContain('## Dead links (1)\n\n- [ ] **MoE** _Mixture | of \\[Experts]_ (papers.json:12): <https://example.org/gone> — HTTP 404, failing since 2026-11-01 (3 runs)')
      expect(issue!.body).toContain('## Metadata drift (arXiv) (1)\n\n- [ ] **MoE** _Mixture | of \\[Experts]_ (papers.json:14) — Unexpected title `Old`, arXiv has `New`')
      expect(issue!.body).toContain('## Could not verify (1): checked again next run\n\n- 1 links: HTTP 418')
      expect(issue!.body).not.toContain('cs.LG')
      expect(issue!.body).toContain('<https://github.com/runs>'.replace('runs', 'lab/awesome-list/actions/runs/77'))
      expect(first.summary).toContain('# Link and metadata report: 1 dead links')

      reports([dead], [], [finding('repos/archived', 'Repository `https://github.com/lab/moe` is archived')])
      const second = await run()
      expect(second.stdout).toContain('Report issue #1 updated')
      expect(open()).toHaveLength(1)
      expect(open()[0]!.body).toContain('## Code repositories (1)')

      reports([link('https://example.org/ok', 'alive', 'HTTP 200')])
      const third = await run()
      expect(third.stdout).toContain('Report issue #1 closed')
      expect(fake.issues[0]).toMatchObject({ state: 'closed', comments: ['Every check passes again: closing this report. A new one opens when something breaks.'] })
      expect((await run()).stdout).toContain('No open report issue, and nothing to report.')
    } finally {
      await fake.close()
    }
  })

  test('the issue is found by its marker on page 2, not by its label: never a second issue', async () => {
    const { fake, reports, run, open } = await setting()
    try {
      const report = fake.addIssue({ title: 'Link and metadata report: 1 dead links', body: `old\n\n${reportMarker}\n`, labels: [] })
      for (let index = 0; index < 150; index++) fake.addIssue({ title: `Unrelated ${index}`, body: 'see #1' })
      reports([dead])
      const result = await run()
      expect(result.stdout).toContain(`Report issue #${report.number} updated`)
      expect(open()).toHaveLength(1)
      expect(fake.requests.some((request) => request.includes('page=2'))).toBe(true)
      // The label it had lost is put back.
      expect(open()[0]!.labels).toEqual(['link-report'])
    } finally {
      await fake.close()
    }
  })

  test('a label dropped for lack of rights: the issue goes without it, and next week it is found, not doubled', async () => {
    const { fake, reports, run, open } = await setting({ labelRights: false })
    try {
      reports([dead])
      expect((await run()).stdout).toContain('created')
      expect(open()[0]!.labels).toEqual([])
      reports([dead, link('https://example.org/gone-too', 'dead', 'HTTP 410')])
      expect((await run()).stdout).toContain('updated')
      expect(open()).toHaveLength(1)
    } finally {
      await fake.close()
    }
  })

  test('duplicates left by an earlier bug are closed as duplicates of the oldest', async () => {
    const { fake, reports, run, open } = await setting()
    try {
      const oldest = fake.addIssue({ title: 'report', body: `a\n${reportMarker}`, labels: ['link-report'] })
      const newer = fake.addIssue({ title: 'report', body: `b\n${reportMarker}` })
      reports([dead])
      const result = await run()
      expect(result.stdout).toContain(`Report issue #${oldest.number} updated`)
      expect(result.stdout).toContain('(1 duplicate closed)')
      expect(open().map((issue) => issue.number)).toEqual([oldest.number])
      expect(fake.issues.find((issue) => issue.number === newer.number)).toMatchObject({ state: 'closed', state_reason: 'not_planned', comments: [`Duplicate of #${oldest.number}, which keeps the scheduled report.`] })
    } finally {
      await fake.close()
    }
  })
})

describe('GitHub refusing or throttling', () => {
  test.for([
    ['403, secondary rate limit, Retry-After in seconds', { status: 403, headers: { 'retry-after': '1' }, body: { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.' } }],
    ['429, Retry-After as a date', { status: 429, headers: { 'retry-after': new Date(Date.now() + 1_000).toUTCString() } }],
    ['502, twice', { status: 502, times: 2, body: '<html>Bad gateway</html>' }]
  ] as const)('%s: waited out or retried, then the issue is written', async ([, fault]) => {
    const { fake, reports, run, open } = await setting()
    try {
      fake.faults.push({ ...fault, match: /^POST \/repos\/lab\/awesome-list\/issues$/ })
      reports([dead])
      const result = await run()
      expect(result.stderr).toBe('')
      expect(result.stdout).toContain('created')
      expect(open()).toHaveLength(1)
    } finally {
      await fake.close()
    }
  })

  test.for([
    [401, { message: 'Bad credentials' }, /GitHub refused the token \(HTTP 401: bad or expired credentials; check `GITHUB_TOKEN`\)/],
    [403, { message: 'Resource not accessible by integration' }, /HTTP 403 .*Resource not accessible by integration \(give the workflow `permissions: issues: write`\)/],
    [404, { message: 'Not Found' }, /HTTP 404 .*\(check that lab\/awesome-list exists and the token can see it\)/],
    [410, { message: 'Issues are disabled for this repo' }, /HTTP 410 .*issues are disabled for lab\/awesome-list/],
    [422, { message: 'Validation Failed', errors: [{ resource: 'Issue', code: 'custom', field: 'body', message: 'body is too long (maximum is 65536 characters)' }] }, /HTTP 422 .*Validation Failed \(Issue\.body custom: body is too long \(maximum is 65536 characters\)\)/]
  ] as const)('%i: a hint that fits the status, exit 4, the report kept', async ([status, body, message]) => {
    const { fake, folder, reports, run } = await setting()
    try {
      fake.faults.push({ status, body, times: Number.POSITIVE_INFINITY })
      reports([dead])
      const result = await run()
      expect(result.code).toBe(4)
      expect(result.stderr).toMatch(message)
      expect(result.stderr).toContain('The report is in reports/report.md and the job summary.')
      expect(readFileSync(path.join(folder, 'reports/report.md'), 'utf8')).toContain('## Dead links (1)')
    } finally {
      await fake.close()
    }
  })
})

describe('at any size the issue fits GitHub, and the job summary fits 1 MiB', () => {
  test.for([10, 1_000, 10_000])('%i findings of each kind: exactly one open issue, its body within 65,536 characters', { timeout: 60_000 }, async (count) => {
    const { fake, reports, run, open } = await setting()
    try {
      const links = [...Array.from({ length: count }, (_, index) => link(`https://example.org/dead/${index}`, 'dead', 'HTTP 404')), ...Array.from({ length: count }, (_, index) => link(`https://example.org/blocked/${index}`, 'blocked', 'HTTP 403'))]
      const repos = Array.from({ length: count }, (_, index) => finding('repos/archived', `Repository \`https://github.com/lab/r${index}\` is archived`))
      reports(links, [], repos)
      for (const round of [1, 2]) {
        const result = await run()
        expect(result.stderr, `round ${round}`).toBe('')
        expect(result.code).toBe(0)
        expect(open()).toHaveLength(1)
        expect([...open()[0]!.body!].length).toBeLessThanOrEqual(65_536)
        expect(Buffer.byteLength(result.summary)).toBeLessThan(1024 * 1024)
      }
      if (count >= 1_000) expect(open()[0]!.body).toMatch(/…and \d+ more dead links, in the full report\./)
    } finally {
      await fake.close()
    }
  })
})

describe('a check that could not run never closes or empties the issue', () => {
  /** A way a report file cannot be believed, and what must still be in the issue afterwards (`unchanged`: it is left as it was). */
  const shapes: Array<[string, (folder: string) => void, string]> = [
    ['repos.json missing', (folder) => rmSync(path.join(folder, 'reports/repos.json')), 'Repository `https://github.com/lab/moe` is archived'],
    ['repos.json empty (check:repos crashed)', (folder) => writeFileSync(path.join(folder, 'reports/repos.json'), ''), 'Repository `https://github.com/lab/moe` is archived'],
    ['repos.json cut short', (folder) => writeFileSync(path.join(folder, 'reports/repos.json'), '{"findings": [{"ruleId": "repos/archi'), 'Repository `https://github.com/lab/moe` is archived'],
    ['repos.json a folder', (folder) => (rmSync(path.join(folder, 'reports/repos.json')), mkdirSync(path.join(folder, 'reports/repos.json'))), 'Repository `https://github.com/lab/moe` is archived'],
    ['repos.json not UTF-8', (folder) => writeFileSync(path.join(folder, 'reports/repos.json'), Buffer.from([0x7b, 0xff, 0xfe, 0x7d])), 'Repository `https://github.com/lab/moe` is archived'],
    ['arxiv.json a stack trace', (folder) => writeFileSync(path.join(folder, 'reports/arxiv.json'), 'unexpected failure: Error: getaddrinfo ENOTFOUND export.arxiv.org\n    at …'), 'unchanged'],
    [
      'links.json from a run in which no host answered',
      (folder) => writeFileSync(path.join(folder, 'reports/links.json'), JSON.stringify({ checkedAt: '2026-11-30T03:00:00Z', summary: { networkDown: true }, links: [link('https://example.org/gone', 'transient', 'ENOTFOUND')] })),
      '<https://example.org/gone> — HTTP 404'
    ]
  ]

  test.for(shapes)('%s, and every other check clean: the issue stays open, nothing it listed for that check is lost; exit 5', async ([, spoil, kept]) => {
    const { fake, folder, reports, run, open } = await setting()
    try {
      reports([dead], [], [finding('repos/archived', 'Repository `https://github.com/lab/moe` is archived')])
      expect((await run()).stdout).toContain('created')
      const before = open()[0]!.body!
      // Next week: everything that was verified is clean; one file cannot be believed.
      reports([link('https://example.org/ok', 'alive', 'HTTP 200')])
      spoil(folder)
      const result = await run()
      expect(result.code).toBe(5)
      expect(result.stderr).toMatch(/^not verified: /m)
      expect(open()).toHaveLength(1)
      const after = open()[0]!.body!
      if (kept === 'unchanged') {
        expect(after).toBe(before)
        expect(result.stdout).toContain('left as it is: nothing to fix among what was verified, but not everything was')
      } else {
        expect(after).toContain(kept)
        expect(after).toMatch(/\(found 2026-\d\d-\d\d, not checked again this run\)/)
        expect(after).toContain('Not verified this run')
      }
    } finally {
      await fake.close()
    }
  })

  test.for(shapes)('%s, with no earlier run to stand in: the issue is left exactly as it is; exit 5', async ([, spoil]) => {
    const { fake, folder, reports, run, open } = await setting()
    try {
      const existing = fake.addIssue({ title: 'Link and metadata report: 2 dead links', body: `Written before this list kept its report state.\n\n${reportMarker}\n`, labels: ['link-report'] })
      reports([link('https://example.org/ok', 'alive', 'HTTP 200')])
      spoil(folder)
      const result = await run()
      expect(result.code).toBe(5)
      expect(result.stdout).toMatch(new RegExp(`Report issue #${existing.number} left as it is: .+ could not be verified, and no earlier run can stand in`))
      expect(open()).toEqual([expect.objectContaining({ number: existing.number, body: existing.body, title: existing.title, state: 'open' })])
      expect(fake.requests.filter((request) => !request.startsWith('GET '))).toEqual([])
    } finally {
      await fake.close()
    }
  })
})

test('titles with @user or #123 neither ping nor cross-link', async () => {
  const { fake, reports, run, open } = await setting()
  try {
    reports([{ url: 'https://example.org/x', group: 'dead', evidence: { reason: 'HTTP 404' }, entries: [{ key: '@team', title: 'Thanks @octocat, see #123 and GH-9', line: 3 }] }])
    await run()
    expect(open()[0]!.body).not.toMatch(/@[A-Za-z]|#\d|GH-\d/)
  } finally {
    await fake.close()
  }
})

test('without a token, --issue is a usage error', async () => {
  const { fake, folder, reports } = await setting()
  try {
    reports([dead])
    let stderr = ''
    const code = await runCli(['report', '--issue'], { cwd: folder, env: { CI: 'true' }, stdout: { write: () => {} }, stderr: { write: (text) => void (stderr += text) } })
    expect(code).toBe(2)
    expect(stderr).toContain('needs GITHUB_REPOSITORY (owner/name) and GITHUB_TOKEN')
  } finally {
    await fake.close()
  }
})
