/**
 * `check:links` as a user runs it: reports, exit codes, and a cache that
 * makes the next run cheap without ever trusting a failure.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { runCli } from '../scripts/cli.ts'
import { startServer, type TestServer } from './link-servers.ts'
import { temporaryFolder } from './helpers.ts'

let missingIsBack = false
let server: TestServer
let folder: string

async function run(args: string[]) {
  let stdout = ''
  let stderr = ''
  const code = await runCli(args, { cwd: folder, env: { CI: 'true' }, stdout: { write: (text) => void (stdout += text) }, stderr: { write: (text) => void (stderr += text) } })
  return { code, stdout, stderr }
}

beforeAll(async () => {
  server = await startServer({
    '/ok': (_request, response) => response.writeHead(200).end('ok'),
    '/also-ok': (_request, response) => response.writeHead(200).end('ok'),
    '/missing': (_request, response) => (missingIsBack ? response.writeHead(200).end('ok') : response.writeHead(404).end()),
    '/moved': (_request, response) => response.writeHead(301, { location: '/ok' }).end()
  })
  folder = temporaryFolder()
  const entry = (key: string, url: string) => ({ kind: 'paper', key, title: `Paper ${key} | with [brackets]`, links: [{ type: 'paper', url }] })
  writeFileSync(
    path.join(folder, 'papers.json'),
    JSON.stringify({ venues: {}, categories: [], entries: [entry('A', server.url('/ok')), entry('B', server.url('/also-ok')), entry('C', server.url('/missing')), entry('D', server.url('/moved')), entry('E', server.url('/ok'))] }, null, 2)
  )
  writeFileSync(
    path.join(folder, 'paper-list.config.json'),
    JSON.stringify({ links: { allowPrivate: true, timeouts: { connect: 1000, headers: 1000, total: 2000 }, backoff: { base: 10, max: 50 }, cache: { deadAfterRuns: 2, deadAfterDays: 0 } } })
  )
})
afterAll(() => server.close())

describe('runs in a row', () => {
  test('first run: every unique link once; a 404 is "failing", not yet dead; exit 0; reports written', async () => {
    const result = await run(['check:links'])
    expect(result.code).toBe(0)
    // One GET a link, the redirect's target one more.
    expect(result.stdout).toContain('4 links: 2 alive, 1 moved, 1 failing; 5 requests')
    expect(result.stdout).toMatch(/^failing {3}http:\/\/127\.0\.0\.1:\d+\/missing {2}HTTP 404; failing since \d{4}-\d\d-\d\d, 1 run in a row {2}\(papers\.json:34\)$/m)
    expect(server.requests.get('GET /ok')).toBe(2)
    const markdown = readFileSync(path.join(folder, 'reports/links.md'), 'utf8')
    expect(markdown).toContain('## Failing, not yet called dead (1)')
    expect(markdown).toContain('- [ ] **C** _Paper C | with \\[brackets]_ (papers.json:34): ')
    expect(markdown).toContain('## Moved permanently (fixable with `npm run check:links -- --fix`) (1)')
    expect(markdown).toMatch(/— 301 → 200, now at <http:\/\/127\.0\.0\.1:\d+\/ok>$/m)
    const json = JSON.parse(readFileSync(path.join(folder, 'reports/links.json'), 'utf8'))
    expect(json.links.find((link: { url: string }) => link.url.endsWith('/moved'))).toMatchObject({ group: 'moved', kind: 'redirected', permanent: true, target: server.url('/ok') })
  })

  test('second run: only the failing link is checked again, and two failures in a row make it dead (exit 1)', async () => {
    const before = server.total()
    const result = await run(['check:links'])
    expect(server.total() - before).toBe(1)
    expect(server.requests.get('GET /missing')).toBe(2)
    expect(result.stdout).toContain('4 links (3 from cache): 2 alive, 1 moved, 1 dead; 1 request')
    expect(result.code).toBe(1)
  })

  test('a link that recovers is forgotten; a stale entry is checked again', async () => {
    missingIsBack = true
    const cacheFile = path.join(folder, '.cache/link-check.json')
    const cache = JSON.parse(readFileSync(cacheFile, 'utf8'))
    cache.entries[server.url('/also-ok')].expiresAt = '2000-01-01T00:00:00.000Z'
    writeFileSync(cacheFile, JSON.stringify(cache))
    const before = server.total()
    const result = await run(['check:links'])
    expect(result.code).toBe(0)
    expect(server.total() - before).toBe(2)
    expect(result.stdout).toContain('4 links (2 from cache): 3 alive, 1 moved; 2 requests')
    const after = JSON.parse(readFileSync(cacheFile, 'utf8'))
    expect(after.entries[server.url('/missing')]).toMatchObject({ state: 'ok', kind: 'alive' })
  })

  test('--fix writes the target of a permanent redirect into papers.json', async () => {
    const result = await run(['check:links', '--fix', '--no-cache'])
    expect(result.stdout).toContain('papers.json: 1 moved link updated; run `npm run generate`')
    const data = JSON.parse(readFileSync(path.join(folder, 'papers.json'), 'utf8'))
    expect(data.entries.find((entry: { key: string }) => entry.key === 'D').links[0].url).toBe(server.url('/ok'))
  })
})

test('on a loopback link farm, from the command line: every link classified, one GET per link and what the farm forces', async () => {
  const { startFarm } = await import('../scripts/bench/link-farm.ts')
  const farm = await startFarm({ hosts: 2, linksPerHost: 60, latency: 5, slowLatency: 300, inFlightLimit: 8 })
  try {
    const dir = temporaryFolder()
    const entries = farm.urls.map((url, index) => ({ kind: 'paper', title: `Paper ${index}`, links: [{ type: 'paper', url }] }))
    writeFileSync(path.join(dir, 'papers.json'), JSON.stringify({ venues: {}, categories: [], entries }, null, 2))
    const { runCliProcess } = await import('./helpers.ts')
    const result = await runCliProcess(['check:links', '--allow-private', '--no-cache'], dir, { CI: 'true' })
    const dead = [...farm.behaviours.values()].filter((behaviour) => behaviour === 'missing' || behaviour === 'gone').length
    const moved = [...farm.behaviours.values()].filter((behaviour) => behaviour === 'moved').length
    expect(result.stdout).toContain(`120 links: ${120 - dead - moved} alive, ${moved} moved, ${dead} failing;`)
    expect(result.code).toBe(0)
    // One GET a link and what the farm forces (redirect targets, retries after 429 and 503): nothing more.
    expect(farm.requests()).toBe(farm.bounds.get.forcedRequests)
  } finally {
    await farm.close()
  }
}, 30_000)

test('when no host answers at all, the network is down: nothing is called dead, one line, exit 5', async () => {
  const dir = temporaryFolder()
  const entries = ['http://nowhere-a.test/x', 'http://nowhere-b.test/y'].map((url, index) => ({ kind: 'paper', title: `Paper ${index}`, links: [{ type: 'paper', url }] }))
  writeFileSync(path.join(dir, 'papers.json'), JSON.stringify({ venues: {}, categories: [], entries }, null, 2))
  const lookup = ((hostname: string, _options: unknown, callback: (error: Error) => void) => callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }))) as never
  let stdout = ''
  const code = await runCli(['check:links'], { cwd: dir, env: { CI: 'true' }, network: { lookup }, stdout: { write: (text) => void (stdout += text) }, stderr: { write: () => {} } })
  expect(code).toBe(5)
  expect(stdout.split('\n').slice(0, 2)).toEqual(['no host answered: 2 links not verified (ENOTFOUND); the network, or every host, is down. Nothing was changed; run again later', '2 links: 0 alive, 2 transient; 0 requests'])
})

test('--fix never writes a redirect target that carries credentials or tokens, and never prints them', async () => {
  const secrets = await startServer({
    '/ok': (_request, response) => response.writeHead(200).end('ok'),
    '/to-token': (_request, response) => response.writeHead(301, { location: '/ok?access_token=s3cr3t-query' }).end(),
    '/to-fragment': (_request, response) => response.writeHead(308, { location: '/ok#access_token=s3cr3t-fragment&token_type=bearer' }).end(),
    '/to-credentials': (request, response) => response.writeHead(301, { location: `http://user:s3cr3t-password@${request.headers.host}/ok` }).end(),
    '/to-signature': (_request, response) => response.writeHead(301, { location: '/ok?X-Amz-Signature=s3cr3t-signature&X-Amz-Credential=x' }).end(),
    '/plain': (_request, response) => response.writeHead(301, { location: '/ok' }).end()
  })
  try {
    const dir = temporaryFolder()
    const paths = ['/to-token', '/to-fragment', '/to-credentials', '/to-signature', '/plain']
    const entries = paths.map((route, index) => ({ kind: 'paper', title: `Paper ${index}`, links: [{ type: 'paper', url: secrets.url(route) }] }))
    writeFileSync(path.join(dir, 'papers.json'), JSON.stringify({ venues: {}, categories: [], entries }, null, 2))
    let stdout = ''
    const code = await runCli(['check:links', '--fix', '--allow-private', '--no-cache'], { cwd: dir, env: { CI: 'true' }, stdout: { write: (text) => void (stdout += text) }, stderr: { write: () => {} } })
    expect(code).toBe(0)
    const written = readFileSync(path.join(dir, 'papers.json'), 'utf8')
    const urls = JSON.parse(written).entries.map((entry: { links: Array<{ url: string }> }) => entry.links[0]!.url)
    // Only the plain move is written; the four that would carry a secret keep their old URL.
    expect(urls).toEqual([...paths.slice(0, 4).map((route) => secrets.url(route)), secrets.url('/ok')])
    expect(stdout).toContain('papers.json: 1 moved link updated')
    expect(stdout.match(/not updated: .+ moves to a URL that carries credentials or tokens/g)).toHaveLength(4)
    for (const file of [stdout, written, readFileSync(path.join(dir, 'reports/links.md'), 'utf8'), readFileSync(path.join(dir, 'reports/links.json'), 'utf8')]) expect(file).not.toMatch(/s3cr3t/)
  } finally {
    await secrets.close()
  }
})
