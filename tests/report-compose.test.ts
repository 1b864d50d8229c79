/**
 * The report's pure core: which report files count as verified, how an
 * earlier run stands in for what this run could not verify, and a body that
 * fits GitHub's limits at any size, without pinging anyone.
 */
import { describe, expect, test } from 'vitest'
import type { PapersFile } from '../scripts/core/model.ts'
import { composeReport, neutralize } from '../scripts/reporting/compose.ts'
import { readCheck, type CheckInput, type LinkResult } from '../scripts/reporting/inputs.ts'
import { inactivityWarning } from '../scripts/reporting/inactivity.ts'
import { mergeWithState } from '../scripts/reporting/state.ts'

const data: PapersFile = {
  venues: {},
  categories: [],
  entries: [
    { kind: 'paper', key: 'MoE', title: 'Mixture of Experts', links: [{ type: 'paper', url: 'https://arxiv.org/abs/2401.04088' }, { type: 'code', url: 'https://github.com/lab/moe' }] },
    { kind: 'paper', title: 'Ping @octocat about #123 and GH-7', links: [{ type: 'paper', url: 'https://example.org/p' }] }
  ]
}

const link = (url: string, group: string, reason = 'HTTP 404', extra: object = {}): LinkResult => ({ url, group, evidence: { reason }, entries: [{ key: 'MoE', title: 'Mixture of Experts', line: 12 }], ...extra })
const linksJson = (links: LinkResult[], extra: object = {}) => JSON.stringify({ checkedAt: '2026-11-23T03:00:00.000Z', summary: {}, links, ...extra })
const findingsJson = (findings: object[]) => JSON.stringify({ findings, summary: { errors: 0, warnings: findings.length, fixable: 0 } })
const clean = (): CheckInput[] => [readCheck('links', linksJson([link('https://example.org/ok', 'alive', 'HTTP 200')])), readCheck('arxiv', findingsJson([])), readCheck('repos', findingsJson([]))]

describe('a report file that cannot be believed is "not verified", never "no findings"', () => {
  const whole = linksJson([link('https://example.org/gone', 'dead')])
  test.for([
    ['missing', undefined],
    ['empty', ''],
    ['whitespace', '\n  \n'],
    ['cut short', whole.slice(0, Math.floor(whole.length / 2))],
    ['cut at the last byte', whole.slice(0, -1)],
    ['not JSON', 'unexpected failure: Error: getaddrinfo ENOTFOUND api.github.com\n    at …'],
    ['JSON of another shape', '{"ok": true}'],
    ['a JSON array', '[]'],
    ['null', 'null'],
    ['a link run in which no host answered', linksJson([link('https://example.org/x', 'transient', 'ENOTFOUND')], { summary: { networkDown: true } })]
  ] as const)('links.json %s', ([, text]) => {
    expect(readCheck('links', text).state).toBe('not-verified')
  })

  test.for([
    ['missing', undefined],
    ['empty', ''],
    ['a stack trace', 'unexpected failure: Error: getaddrinfo ENOTFOUND'],
    ['cut short', findingsJson([{ ruleId: 'repos/archived', severity: 'warning', line: 3, message: 'archived' }]).slice(0, 40)],
    ['human output instead of JSON', 'papers.json\n  3:5  warning  Repository is archived  repos/archived\n'],
    ['findings without a summary', '{"findings": []}']
  ] as const)('repos.json %s', ([, text]) => {
    expect(readCheck('repos', text).state).toBe('not-verified')
  })
})

describe('what this run could not verify, an earlier run stands in for', () => {
  const first = mergeWithState(
    [
      readCheck('links', linksJson([link('https://example.org/gone', 'dead')])),
      readCheck('arxiv', findingsJson([{ ruleId: 'arxiv/title', severity: 'warning', line: 12, pointer: '/entries/0/title', message: 'Unexpected title' }])),
      readCheck('repos', findingsJson([{ ruleId: 'repos/archived', severity: 'warning', line: 14, pointer: '/entries/0/links/1/url', message: 'Repository `https://github.com/lab/moe` is archived' }]))
    ],
    data,
    undefined,
    '2026-11-16T03:00:00.000Z'
  )

  test('a verified run: every item, complete, stored', () => {
    expect(first.complete).toBe(true)
    expect(first.items.map((item) => `${item.check} ${item.section} ${item.subject}`)).toEqual(['links dead https://example.org/gone', 'arxiv drift 2401.04088', 'repos repos https://github.com/lab/moe'])
  })

  test.for([
    ['repos.json missing', readCheck('repos', undefined)],
    ['repos.json empty', readCheck('repos', '')],
    ['repos.json cut short', readCheck('repos', '{"findings": [')],
    [
      'GitHub down: every repository unverified, the service stopped',
      readCheck('repos', JSON.stringify({ ...JSON.parse(findingsJson([{ ruleId: 'repos/unverified', severity: 'warning', line: 14, pointer: '/entries/0/links/1/url', message: 'Could not verify `https://github.com/lab/moe`: GitHub failed 3 times in a row' }])), outage: 'GitHub failed 3 times in a row; stopped asking GitHub' }))
    ]
  ] as const)('%s: the archived repository is kept, with its date; the issue may not close', ([, repos]) => {
    const next = mergeWithState([readCheck('links', linksJson([])), readCheck('arxiv', findingsJson([])), repos], data, first.state, '2026-11-23T03:00:00.000Z')
    expect(next.complete).toBe(false)
    expect(next.blind).toEqual([])
    expect(next.items.map((item) => `${item.subject} ${item.since?.slice(0, 10)}`)).toEqual(['https://github.com/lab/moe 2026-11-16'])
    // Stored again, so a second bad week still has it.
    const third = mergeWithState([readCheck('links', linksJson([])), readCheck('arxiv', findingsJson([])), readCheck('repos', undefined)], data, next.state, '2026-11-30T03:00:00.000Z')
    expect(third.items.map((item) => item.subject)).toEqual(['https://github.com/lab/moe'])
  })

  test('a check never verified and unusable now is blind: nothing can stand in for it', () => {
    const merged = mergeWithState([readCheck('links', linksJson([])), readCheck('arxiv', findingsJson([])), readCheck('repos', '')], data, undefined, '2026-11-23T03:00:00.000Z')
    expect(merged.blind).toEqual(['repos'])
    expect(merged.complete).toBe(false)
  })

  test('a link behind a bot wall keeps its earlier item, but never keeps the issue open by itself', () => {
    const walled = mergeWithState([readCheck('links', linksJson([link('https://example.org/gone', 'blocked', 'HTTP 403')])), readCheck('arxiv', findingsJson([])), readCheck('repos', findingsJson([]))], data, first.state, '2026-11-23T03:00:00.000Z')
    expect(walled.complete).toBe(true)
    expect(walled.items.map((item) => `${item.subject} ${item.since?.slice(0, 10)}`)).toEqual(['https://example.org/gone 2026-11-16'])
    // A link that was never a problem and is walled now: nothing to fix, and the issue may close.
    const fresh = mergeWithState([readCheck('links', linksJson([link('https://example.org/new', 'blocked', 'HTTP 403')])), readCheck('arxiv', findingsJson([])), readCheck('repos', findingsJson([]))], data, undefined, '2026-11-23T03:00:00.000Z')
    expect(fresh).toMatchObject({ complete: true, items: [] })
  })

  test('a fixed problem goes away once its check is verified again', () => {
    const next = mergeWithState(clean(), data, first.state, '2026-11-23T03:00:00.000Z')
    expect(next.items).toEqual([])
    expect(next.complete).toBe(true)
  })
})

describe('the body fits GitHub at any size, most actionable first', () => {
  const many = (count: number): CheckInput[] => [
    readCheck('links', linksJson([...Array.from({ length: count }, (_, index) => link(`https://example.org/dead/${index}/${'x'.repeat(40)}`, 'dead')), ...Array.from({ length: count }, (_, index) => link(`https://example.org/blocked/${index}`, 'blocked', `HTTP 403 from host ${index % 7}`))])),
    readCheck('arxiv', findingsJson(Array.from({ length: count }, (_, index) => ({ ruleId: 'arxiv/authors', severity: 'warning', line: 20 + index, pointer: '/entries/0/authors', message: `Unexpected author list: missing \`Author ${index}\`` })))),
    readCheck('repos', findingsJson(Array.from({ length: count }, (_, index) => ({ ruleId: 'repos/archived', severity: 'warning', line: 30 + index, pointer: '/entries/0/links/1/url', message: `Repository \`https://github.com/lab/r${index}\` is archived` }))))
  ]
  test.for([10, 1_000, 10_000])('%i findings of each kind', (count) => {
    const merged = mergeWithState(many(count), data, undefined, '2026-11-23T03:00:00.000Z')
    const issue = composeReport(merged, { dataFile: 'papers.json', checkedAt: '2026-11-23', budget: 65_536 - 100, fullReport: 'https://github.com/lab/list/actions/runs/1' })
    expect(issue.body.length).toBeLessThanOrEqual(65_536 - 100)
    const dead = issue.body.indexOf('## Dead links')
    expect(dead).toBeGreaterThan(0)
    // Dead links come first; what did not fit is counted, with the way to the rest.
    if (count >= 1_000) {
      expect(issue.left).toBeGreaterThan(0)
      expect(issue.body).toMatch(/…and \d+ more dead links, in the full report\./)
      expect(issue.body).toContain('https://github.com/lab/list/actions/runs/1')
    } else expect(issue.left).toBe(0)
    const summary = composeReport(merged, { dataFile: 'papers.json', checkedAt: '2026-11-23', budget: 1_000_000 })
    expect(Buffer.byteLength(summary.body)).toBeLessThan(1024 * 1024)
    expect(issue.title.length).toBeLessThan(256)
  })

  test('could-not-verify items are counts by reason, not one line each', () => {
    const merged = mergeWithState(many(1_000), data, undefined, '2026-11-23T03:00:00.000Z')
    const full = composeReport(merged, { dataFile: 'papers.json', checkedAt: '2026-11-23', budget: Number.POSITIVE_INFINITY })
    expect(full.body).toContain('## Could not verify (1000): checked again next run')
    expect(full.body.match(/^- \d+ links: `?HTTP 403 from host \d`?$/gm)).toHaveLength(7)
  })
})

describe('text from the data never pings or cross-links', () => {
  test.for([
    ['@octocat', '@\u2060octocat'],
    ['see #123', 'see #\u2060123'],
    ['GH-7', 'GH-\u20607'],
    ['mail me: a@b.org', 'mail me: a@\u2060b.org'],
    ['C# and F#', 'C# and F#'],
    ['100% #1', '100% #\u20601']
  ] as const)('%s', ([text, safe]) => {
    expect(neutralize(text)).toBe(safe)
  })

  test('in a whole report: titles, keys and messages; GitHub issue links become code', () => {
    const merged = mergeWithState(
      [
        readCheck('links', linksJson([{ url: 'https://github.com/lab/other/issues/9', group: 'dead', evidence: { reason: 'HTTP 404' }, entries: [{ key: '@team', title: 'Ping @octocat about #123 and GH-7', line: 20 }] }])),
        readCheck('arxiv', findingsJson([])),
        readCheck('repos', findingsJson([]))
      ],
      data,
      undefined,
      '2026-11-23T03:00:00.000Z'
    )
    const { body } = composeReport(merged, { dataFile: 'papers.json', checkedAt: '2026-11-23', budget: 65_000 })
    expect(body).not.toMatch(/@[A-Za-z]|#\d|GH-\d/)
    expect(body).toContain('`https://github.com/lab/other/issues/9`')
  })
})

describe('before GitHub disables the schedule after 60 days without a commit', () => {
  const now = Date.parse('2026-11-25T03:00:00Z')
  const daysAgo = (days: number) => new Date(now - days * 86_400_000).toISOString()
  test.for([
    [0, undefined],
    [44, undefined],
    [45, 'No commit for 45 days: GitHub disables this scheduled check after 60 days without activity in a public repository, in 15 days. Push any commit to keep it running.'],
    [59, 'in 1 day.'],
    [60, 'may already have disabled'],
    [400, 'may already have disabled']
  ] as const)('%i days since the last commit', ([days, expected]) => {
    const warning = inactivityWarning(daysAgo(days), now)
    if (expected === undefined) expect(warning).toBeUndefined()
    else expect(warning).toContain(expected)
  })
  test.for([[undefined], [''], ['not a date']] as const)('no date (%s): no warning', ([date]) => {
    expect(inactivityWarning(date, now)).toBeUndefined()
  })
  test('the warning leads the report', () => {
    const merged = mergeWithState(clean(), data, undefined, '2026-11-25T03:00:00.000Z')
    const { body } = composeReport(merged, { dataFile: 'papers.json', checkedAt: '2026-11-25', budget: 65_000, warnings: [inactivityWarning(daysAgo(50), now)!] })
    expect(body.split('\n\n')[1]).toMatch(/^> \*\*Warning:\*\* No commit for 50 days/)
  })
})
