/**
 * The link checker against real HTTP servers on 127.0.0.1: every fault class,
 * Retry-After in both forms, a host that throttles, the address policy.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { LinkStatus } from '../scripts/checkers/links/types.ts'
import { check, faultRoutes, startServer, testLookup, testOptions, type TestServer } from './link-servers.ts'

describe('every fault class', () => {
  let server: TestServer
  const sent = new Map<string, number>()
  let results: Map<string, LinkStatus>

  beforeAll(async () => {
    server = await startServer(faultRoutes(() => sent))
    const paths = Object.keys(faultRoutes(() => sent))
    ;({ results } = await check([...paths.map((path) => server.url(path)), 'http://nowhere.test/paper'], testOptions(), testLookup))
  }, 30_000)
  afterAll(() => server.close())

  const result = (path: string) => results.get(path.startsWith('http') ? path : server.url(path))!
  const requests = (path: string) => (server.requests.get(`HEAD ${path}`) ?? 0) + (server.requests.get(`GET ${path}`) ?? 0)

  test.each([
    ['/ok', 'alive', 'HTTP 200'],
    ['/missing', 'dead', 'HTTP 404'],
    ['/gone', 'dead', 'HTTP 410'],
    ['/moved-to-missing', 'dead', 'HTTP 404'],
    ['/head-405', 'alive', 'HTTP 200'],
    ['/retry-seconds', 'alive', 'HTTP 200'],
    ['/retry-date', 'alive', 'HTTP 200'],
    ['/flaky-500', 'alive', 'HTTP 200'],
    ['/always-429', 'blocked', 'HTTP 429 (Retry-After 1 s), after every retry'],
    ['/huge-retry-after', 'blocked', 'exceeds the 5 s cap, not waited out'],
    ['/always-502', 'transient', 'HTTP 502, after every retry'],
    ['/forbidden', 'blocked', 'HTTP 403: the site refuses the checker'],
    ['/challenge', 'blocked', 'Cloudflare challenge'],
    ['/linkedin', 'blocked', 'HTTP 999, a non-standard refusal'],
    ['/loop-a', 'blocked', 'redirect loop'],
    ['/to-ftp', 'blocked', 'redirects to a `ftp:` URL, which cannot be checked'],
    ['/to-javascript', 'blocked', 'hijacked or unsafe: redirects to a `javascript:` URL'],
    ['/to-data', 'blocked', 'hijacked or unsafe: redirects to a `data:` URL'],
    ['/reset-mid-body', 'transient', 'the answer broke off after its headers (HTTP 200'],
    ['/reset-mid-404', 'transient', 'the answer broke off after its headers (HTTP 404'],
    ['/hang', 'transient', 'UND_ERR_HEADERS_TIMEOUT'],
    ['/reset', 'transient', ''],
    ['/big', 'alive', 'HTTP 200'],
    ['http://nowhere.test/paper', 'dead', 'does not resolve (ENOTFOUND)']
  ])('%s is %s', (path, kind, reason) => {
    expect(result(path).kind).toBe(kind)
    expect(result(path).evidence.reason).toContain(reason)
  })

  test('redirects are followed, with the chain and whether they are permanent', () => {
    expect(result('/moved')).toMatchObject({ kind: 'redirected', permanent: true, target: server.url('/ok') })
    expect(result('/moved-twice')).toMatchObject({ kind: 'redirected', permanent: true, target: server.url('/ok') })
    expect(result('/moved-twice').evidence.hops.map((hop) => `${hop.method} ${new URL(hop.url).pathname} ${hop.status}`)).toEqual(['GET /moved-twice 308', 'GET /moved 301', 'GET /ok 200'])
    expect(result('/temporary')).toMatchObject({ kind: 'redirected', permanent: false })
  })

  test('a link costs one GET, asking for its first byte; a 404 too; a hijacked redirect shows its chain', () => {
    expect(result('/ok').evidence.hops.map((hop) => hop.method)).toEqual(['GET'])
    expect(server.requests.get('GET /head-405')).toBe(1)
    expect(server.requests.get('HEAD /head-405')).toBeUndefined()
    expect(result('/missing').evidence.hops.map((hop) => `${hop.method} ${hop.status}`)).toEqual(['GET 404'])
    expect(server.ranges.get('/ok')).toBe('bytes=0-0')
    expect(result('/to-javascript').evidence.reason).toMatch(/`http:\/\/127\.0\.0\.1:\d+\/to-javascript` --302--> `javascript:alert\(document\.cookie\)`$/)
  })

  test('a server that cannot serve the first byte alone (416) is asked for the page', () => {
    expect(result('/no-ranges').kind).toBe('alive')
    expect(result('/no-ranges').evidence.hops.map((hop) => `${hop.method} ${hop.status}`)).toEqual(['GET 416', 'GET 200'])
  })

  test('Retry-After is waited out, in seconds and as a date; a longer one than the cap is not', () => {
    expect(result('/retry-seconds').evidence.attempts).toBe(2)
    expect(result('/retry-date').evidence.attempts).toBe(2)
    expect(requests('/huge-retry-after')).toBe(1)
    expect(result('/always-429').evidence.attempts).toBe(4)
  })

  test('transient failures are retried a bounded number of times', () => {
    expect(result('/always-502').evidence.attempts).toBe(3)
    expect(result('/hang').evidence.attempts).toBe(3)
    expect(result('/reset').evidence.attempts).toBe(3)
  })

  test('a 20 MB body is not downloaded', () => {
    expect(sent.get('/big') ?? 0).toBeLessThan(10 * 1024 * 1024)
  })
})

test('a host that throttles beyond N requests in flight is slowed down until it stops', async () => {
  let inFlight = 0
  let peak = 0
  let throttled = 0
  const server = await startServer(
    Object.fromEntries(
      Array.from({ length: 40 }, (_, index) => [
        `/paper/${index}`,
        (_request: unknown, response: import('node:http').ServerResponse) => {
          inFlight++
          peak = Math.max(peak, inFlight)
          if (inFlight > 3) {
            throttled++
            inFlight--
            return void response.writeHead(429, { 'retry-after': '1' }).end()
          }
          setTimeout(() => {
            inFlight--
            response.writeHead(200).end('ok')
          }, 50)
        }
      ])
    )
  )
  try {
    const urls = Array.from({ length: 40 }, (_, index) => server.url(`/paper/${index}`))
    const { results, deps } = await check(urls, testOptions({ hostConcurrency: 8 }))
    expect([...results.values()].every((status) => status.kind === 'alive')).toBe(true)
    // Slowed down by half per burst of 429s, climbing back by one per run of successes.
    expect(deps.scheduler.limitOf(server.host)).toBeLessThan(8)
    // The first burst overflows; after slowing down, few more 429s.
    expect(throttled).toBeLessThan(12)
    expect(server.total()).toBe(40 + throttled)
  } finally {
    await server.close()
  }
}, 30_000)

test('hosts never wait on each other: a paused host does not hold up another', async () => {
  const slow = await startServer({ '/wait': (_request, response, { seen }) => (seen === 1 ? response.writeHead(429, { 'retry-after': '2' }).end() : response.writeHead(200).end()) })
  const fast = await startServer(Object.fromEntries(Array.from({ length: 20 }, (_, index) => [`/p${index}`, (_request: unknown, response: import('node:http').ServerResponse) => void response.writeHead(200).end()])))
  try {
    const fastUrls = Array.from({ length: 20 }, (_, index) => fast.url(`/p${index}`))
    const { results, finished } = await check([slow.url('/wait'), ...fastUrls], testOptions())
    expect(results.get(slow.url('/wait'))!.kind).toBe('alive')
    expect(finished.get(slow.url('/wait'))!).toBeGreaterThanOrEqual(1_900)
    expect(Math.max(...fastUrls.map((url) => finished.get(url)!))).toBeLessThan(1_000)
  } finally {
    await Promise.all([slow.close(), fast.close()])
  }
}, 30_000)

describe('the address policy', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startServer(faultRoutes(() => new Map()))
  })
  afterAll(() => server.close())

  test('by default, loopback and private addresses are not connected to, even behind a DNS name', async () => {
    const { results } = await check([server.url('/ok'), `http://private.test:${server.url('/ok').split(':')[2]}`], testOptions({ allowPrivate: false }), testLookup)
    for (const status of results.values()) {
      expect(status.kind).toBe('skipped')
      expect(status.evidence.reason).toContain('private address')
    }
    expect(server.total()).toBe(0)
  })

  test('only http and https are checked', async () => {
    const { results } = await check(['ftp://files.example.org/x', 'mailto:someone@example.org'], testOptions())
    expect([...results.values()].map((status) => status.kind)).toEqual(['skipped', 'skipped'])
  })
})
