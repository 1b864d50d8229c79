/**
 * GitHub misbehaving, in families, through `check:repos` in both modes:
 * GraphQL answering without data, with HTML or with JSON of another shape;
 * partial data; NOT_FOUND that REST must explain; REST answers that do not
 * validate, that recover, or that throttle. A service error is never a
 * "does not exist" error, never cached, never fixed.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { runCli } from '../scripts/cli.ts'
import { startGithubFake, type GithubFake, type GithubFakeOptions } from '../scripts/fakes/github.ts'
import { temporaryFolder } from './helpers.ts'

const repositories = [
  { id: 1, fullName: 'lab/renamed-now' },
  { id: 2, fullName: 'lab/fine' },
  { id: 3, fullName: 'lab/blocked', legal: true },
  { id: 4, fullName: 'lab/tree', paths: ['main:src'] }
]
const code = (title: string, url: string) => ({ kind: 'paper', title, links: [{ type: 'code', url }] })
const papers = JSON.stringify(
  {
    venues: {},
    categories: [],
    entries: [
      code('Renamed', 'https://github.com/lab/renamed-before'),
      code('Fine', 'https://github.com/lab/fine'),
      code('Blocked', 'https://github.com/lab/blocked'),
      code('Gone', 'https://github.com/lab/gone'),
      code('Tree', 'https://github.com/lab/tree/tree/main/src')
    ]
  },
  null,
  2
)

type Findings = Array<{ line: number; ruleId: string; severity: string; message: string }>

async function checkRepos(options: GithubFakeOptions, args: string[] = [], token?: string) {
  const fake: GithubFake = await startGithubFake(repositories, { renamed: { 'lab/renamed-before': 1 }, ...options })
  const folder = temporaryFolder()
  writeFileSync(path.join(folder, 'papers.json'), papers)
  writeFileSync(path.join(folder, 'paper-list.config.json'), JSON.stringify({ services: { github: { restUrl: fake.restUrl, graphqlUrl: fake.graphqlUrl }, timeout: 1_000, politeness: { backoff: { base: 1, max: 5 }, retryAfterCap: 2_000, maxInterval: 100 } } }))
  let stdout = ''
  let stderr = ''
  try {
    const code = await runCli(['check:repos', '--format', 'json', ...args], {
      cwd: folder,
      env: { CI: 'true', ...(token ? { GITHUB_TOKEN: token } : {}) },
      stdout: { write: (text) => void (stdout += text) },
      stderr: { write: (text) => void (stderr += text) }
    })
    const cacheFile = path.join(folder, '.cache/github.json')
    return {
      code,
      stderr,
      findings: JSON.parse(stdout).findings as Findings,
      counts: { ...fake.counts },
      data: readFileSync(path.join(folder, 'papers.json'), 'utf8'),
      cache: existsSync(cacheFile) ? (JSON.parse(readFileSync(cacheFile, 'utf8')).entries as Record<string, unknown>) : {}
    }
  } finally {
    await fake.close()
  }
}

const byLine = (findings: Findings) => findings.map((finding) => `${finding.line} ${finding.ruleId}`)
const serviceDown = (result: Awaited<ReturnType<typeof checkRepos>>) => {
  expect(result.findings.filter((finding) => finding.severity === 'error')).toEqual([])
  expect(result.findings.every((finding) => finding.ruleId === 'repos/unverified')).toBe(true)
  expect(result.code).toBe(5)
  expect(result.data).toBe(papers)
  expect(result.cache).toEqual({})
}

describe('GraphQL answering without usable data: every repository unverified, exit 5', () => {
  const graphqlOnly = (status: number, body: string, headers: Record<string, string> = {}): GithubFakeOptions => ({ intercept: ({ api }) => (api === 'graphql' ? { status, body, headers } : undefined) })
  test.for([
    ['data null, a timeout error', graphqlOnly(200, JSON.stringify({ data: null, errors: [{ message: 'Something went wrong while executing your query. This may be the result of a timeout, or it could be a GitHub bug.' }] }))],
    ['errors without data', graphqlOnly(200, JSON.stringify({ errors: [{ type: 'INTERNAL', message: 'Internal error' }] }))],
    ['an HTML page with 200', graphqlOnly(200, '<!DOCTYPE html><html><body><h1>Unicorn!</h1></body></html>', { 'content-type': 'text/html' })],
    ['a JSON array', graphqlOnly(200, '[]')],
    ['a JSON string', graphqlOnly(200, '"ok"')],
    ['JSON cut short', graphqlOnly(200, '{"data": {"r0": {"nameWithOwner": "lab/fi')],
    ['an empty body', graphqlOnly(200, '')],
    ['502 (GitHub’s 10 s limit)', graphqlOnly(502, '<html>Bad gateway</html>')],
    ['a secondary rate limit beyond the cap', graphqlOnly(403, JSON.stringify({ message: 'You have exceeded a secondary rate limit.' }), { 'retry-after': '3600' })]
  ] as const)('%s', async ([, options]) => {
    const result = await checkRepos(options, ['--fix'], 'token')
    serviceDown(result)
    // Bounded: the breaker stops after three failed attempts, however many batches there are.
    expect(result.counts.graphql).toBeLessThanOrEqual(3)
  })
})

describe('GraphQL partial data: only the repository it concerns is unverified', () => {
  const rewrite = (edit: (data: Record<string, unknown>) => void): GithubFakeOptions => {
    // Answers every alias with a valid repository, then spoils the answer with `edit`.
    return {
      intercept: ({ api, body }) => {
        if (api !== 'graphql') return undefined
        const { variables } = JSON.parse(body) as { variables: Record<string, string> }
        const data: Record<string, unknown> = {}
        Object.keys(variables)
          .filter((name) => name.startsWith('o'))
          .forEach((name) => {
            const index = name.slice(1)
            const full = `${variables[`o${index}`]}/${variables[`n${index}`]}`
            data[`r${index}`] = full === 'lab/fine' ? { nameWithOwner: 'lab/fine', isArchived: false, isDisabled: false } : full === 'lab/tree' ? { nameWithOwner: 'lab/tree', isArchived: false, isDisabled: false, p0: { __typename: 'Tree' } } : { nameWithOwner: full, isArchived: false, isDisabled: false }
          })
        edit(data)
        return { status: 200, body: JSON.stringify({ data }) }
      }
    }
  }
  test.for([
    ['an alias left out', rewrite((data) => delete data.r1), 21],
    ['a field left out', rewrite((data) => delete (data.r1 as Record<string, unknown>).isArchived), 21],
    ['a field of another type', rewrite((data) => ((data.r1 as Record<string, unknown>).isArchived = 'no')), 21],
    ['a name that is not owner/name', rewrite((data) => ((data.r1 as Record<string, unknown>).nameWithOwner = '')), 21],
    ['null without an error', rewrite((data) => (data.r1 = null)), 21],
    ['the path object left out', rewrite((data) => delete (data.r4 as Record<string, unknown>).p0), 51]
  ] as const)('%s', async ([, options, line]) => {
    const result = await checkRepos(options, ['--fix'], 'token')
    expect(result.findings.filter((finding) => finding.line === line).map((finding) => finding.ruleId)).toEqual(['repos/unverified'])
    expect(result.findings.filter((finding) => finding.severity === 'error')).toEqual([])
    expect(result.code).toBe(5)
  })
})

describe('what GraphQL calls NOT_FOUND, REST explains', () => {
  test('renamed (301), blocked (451) and gone (404) come out as moved, unavailable and not-found', async () => {
    const result = await checkRepos({ graphqlFollowsRenames: false, graphqlLegalAs: 'NOT_FOUND' }, [], 'token')
    expect(byLine(result.findings)).toEqual(['11 repos/moved', '31 repos/unavailable', '41 repos/not-found'])
    expect(result.findings[0]!.message).toBe('Repository `https://github.com/lab/renamed-before` moved to `https://github.com/lab/renamed-now`')
    expect(result.code).toBe(1)
  })

  test('the same findings without a token, through REST alone', async () => {
    const result = await checkRepos({})
    expect(byLine(result.findings)).toEqual(['11 repos/moved', '31 repos/unavailable', '41 repos/not-found'])
  })

  test('REST down for the follow-up: unverified, not "does not exist"', async () => {
    const result = await checkRepos({ graphqlFollowsRenames: false, graphqlLegalAs: 'NOT_FOUND', intercept: ({ api }) => (api === 'rest' ? { status: 503, body: 'unavailable' } : undefined) }, ['--fix'], 'token')
    expect(byLine(result.findings)).toEqual(['11 repos/unverified', '31 repos/unverified', '41 repos/unverified'])
    expect(result.findings[0]!.message).toContain('GraphQL said not found, and REST could not confirm it')
    expect(result.data).toBe(papers)
  })
})

describe('REST misbehaving', () => {
  const restOnly = (answer: (path: string, index: number) => { status: number; body: string; headers?: Record<string, string> } | undefined): GithubFakeOptions => ({ intercept: ({ api, path, index }) => (api === 'rest' ? answer(path, index) : undefined) })
  test.for([
    ['an HTML page with 200', restOnly(() => ({ status: 200, body: '<html>Unicorn</html>', headers: { 'content-type': 'text/html' } }))],
    ['JSON of another shape', restOnly(() => ({ status: 200, body: JSON.stringify({ message: 'Server Error' }) }))],
    ['a repository without `archived`', restOnly((url) => ({ status: 200, body: JSON.stringify({ full_name: url.split('/').slice(2, 4).join('/'), disabled: false }) }))],
    ['500 always', restOnly(() => ({ status: 500, body: '' }))],
    ['429 with Retry-After as a date beyond the cap', restOnly(() => ({ status: 429, body: '', headers: { 'retry-after': new Date(Date.now() + 3_600_000).toUTCString() } }))],
    ['403 with a spent primary limit', restOnly(() => ({ status: 403, body: JSON.stringify({ message: 'API rate limit exceeded' }), headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 600) } }))],
    ['401 for a bad token', restOnly(() => ({ status: 401, body: JSON.stringify({ message: 'Bad credentials' }) }))]
  ] as const)('%s: unverified, exit 5, nothing cached or fixed', async ([, options]) => {
    serviceDown(await checkRepos(options, ['--fix']))
  })

  test('a 500 that recovers is retried (the GitHub clients retry too)', async () => {
    const seen = new Set<string>()
    const result = await checkRepos(restOnly((url) => (seen.has(url) ? undefined : (seen.add(url), { status: 500, body: '' }))))
    expect(byLine(result.findings)).toEqual(['11 repos/moved', '31 repos/unavailable', '41 repos/not-found'])
    expect(result.code).toBe(1)
  })

  test('a secondary rate limit with Retry-After in seconds is waited out, then the check goes on', async () => {
    const started = Date.now()
    const result = await checkRepos(restOnly((_path, index) => (index === 1 ? { status: 403, body: JSON.stringify({ message: 'You have exceeded a secondary rate limit' }), headers: { 'retry-after': '1' } } : undefined)))
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000)
    expect(byLine(result.findings)).toEqual(['11 repos/moved', '31 repos/unavailable', '41 repos/not-found'])
  })

  test('a path that cannot be checked is unverified, never "exists"', async () => {
    const result = await checkRepos(restOnly((url) => (url.includes('/contents/') ? { status: 502, body: '' } : undefined)))
    expect(result.findings.find((finding) => finding.line === 51)?.ruleId).toBe('repos/unverified')
  })
})

describe('offline', () => {
  let folder: string
  beforeAll(() => {
    folder = temporaryFolder()
    writeFileSync(path.join(folder, 'papers.json'), papers)
    // Port 9 (discard) refuses connections on loopback.
    writeFileSync(path.join(folder, 'paper-list.config.json'), JSON.stringify({ services: { github: { restUrl: 'http://127.0.0.1:9', graphqlUrl: 'http://127.0.0.1:9/graphql' }, politeness: { backoff: { base: 1, max: 5 } } } }))
  })
  afterAll(() => undefined)

  test.for([['REST', undefined], ['GraphQL', 'token']] as const)('%s: exit 5, one summary line, no stack trace, three requests at most', async ([, token]) => {
    let stdout = ''
    let stderr = ''
    const code = await runCli(['check:repos'], { cwd: folder, env: { CI: 'true', ...(token ? { GITHUB_TOKEN: token } : {}) }, stdout: { write: (text) => void (stdout += text) }, stderr: { write: (text) => void (stderr += text) } })
    expect(code).toBe(5)
    expect(stdout.trim().split('\n')).toEqual([expect.stringMatching(/^⚠ 5 repositories not verified: GitHub failed 3 times in a row \(last: GitHub did not answer \(ECONNREFUSED\)\); stopped asking GitHub, retry after .+ UTC {2}repos\/unverified$/)])
    expect(stderr.trim().split('\n')).toEqual([expect.stringMatching(/^check:repos \((REST|GraphQL)\): 5 repositories, 0 verified, 5 not verified, 3 requests\. GitHub failed 3 times in a row/)])
    expect(stderr).not.toContain('    at ')
  })
})
