/** Unit tests of the link checker's pieces, with undici's MockAgent: no socket is opened. */
import { MockAgent } from 'undici'
import { afterEach, describe, expect, test } from 'vitest'
import { isFresh, isConfirmedDead, record } from '../scripts/checkers/links/cache.ts'
import { checkLinks } from '../scripts/checkers/links/checker.ts'
import { retryAfter } from '../scripts/checkers/retry.ts'
import { createHttpClient } from '../scripts/checkers/links/http.ts'
import { defaultLinkOptions, hostRule } from '../scripts/checkers/links/options.ts'
import { isPrivateAddress } from '../scripts/checkers/links/addresses.ts'
import { redactUrl } from '../scripts/checkers/links/redact.ts'
import { Scheduler } from '../scripts/checkers/links/scheduler.ts'
import type { LinkStatus } from '../scripts/checkers/links/types.ts'

describe('with MockAgent', () => {
  let agent: MockAgent
  afterEach(async () => {
    agent.assertNoPendingInterceptors()
    await agent.close()
  })

  async function check(urls: string[], method: 'GET' | 'HEAD' = 'GET') {
    const options = { ...defaultLinkOptions, method, backoff: { base: 1, max: 1 } }
    const client = createHttpClient({ ...options, dispatcher: agent })
    return checkLinks(urls, { client, scheduler: new Scheduler(options), options, now: Date.now, sleep: async () => {}, random: () => 0 })
  }

  test('a redirect to a private address is not followed', async () => {
    agent = new MockAgent()
    agent.disableNetConnect()
    agent.get('https://papers.example.org').intercept({ path: '/paper', method: 'GET' }).reply(302, '', { headers: { location: 'http://10.1.2.3/admin' } })
    const results = await check(['https://papers.example.org/paper'])
    const status = results.get('https://papers.example.org/paper')!
    expect(status.kind).toBe('blocked')
    expect(status.evidence.reason).toContain('10.1.2.3 is a private address')
    expect(status.evidence.reason).toContain('`https://papers.example.org/paper` --302--> `http://10.1.2.3/admin`')
  })

  test('in HEAD mode, HEAD refused with 405 is asked again with GET', async () => {
    agent = new MockAgent()
    agent.disableNetConnect()
    const pool = agent.get('https://site.example.org')
    pool.intercept({ path: '/a', method: 'HEAD' }).reply(405, '')
    pool.intercept({ path: '/a', method: 'GET' }).reply(200, 'ok')
    const first = await check(['https://site.example.org/a'], 'HEAD')
    expect(first.get('https://site.example.org/a')!.evidence.hops.map((hop) => `${hop.method} ${hop.status}`)).toEqual(['HEAD 405', 'GET 200'])
  })

  test('IEEE answers automated clients 202 with a challenge page: blocked, not alive', async () => {
    agent = new MockAgent()
    agent.disableNetConnect()
    agent.get('https://ieeexplore.ieee.org').intercept({ path: '/document/1', method: 'GET' }).reply(202, '')
    const status = (await check(['https://ieeexplore.ieee.org/document/1'])).get('https://ieeexplore.ieee.org/document/1')!
    expect(status.kind).toBe('blocked')
  })
})

test.each([
  ['120', 120_000],
  ['0', 0],
  [new Date(Date.UTC(2026, 10, 23, 12, 0, 30)).toUTCString(), 30_000],
  ['soon', undefined],
  [undefined, undefined]
])('Retry-After %s is %s ms', (value, expected) => {
  expect(retryAfter(value, Date.UTC(2026, 10, 23, 12, 0, 0))).toBe(expected)
})

test.each([
  ['127.0.0.1', true],
  ['10.20.30.40', true],
  ['172.16.0.1', true],
  ['172.32.0.1', false],
  ['192.168.1.1', true],
  ['169.254.169.254', true],
  ['100.64.0.1', true],
  ['8.8.8.8', false],
  ['::1', true],
  ['fe80::1', true],
  ['fd12:3456::1', true],
  ['::ffff:127.0.0.1', true],
  ['2606:4700::1111', false]
])('%s is private: %s', (address, expected) => {
  expect(isPrivateAddress(address)).toBe(expected)
})

test('secrets are masked in URLs shown to people', () => {
  expect(redactUrl('https://user:pass@example.org/x?token=abc&page=2')).toBe('https://***:***@example.org/x?token=***&page=2')
  expect(redactUrl('https://example.org/x?page=2')).toBe('https://example.org/x?page=2')
})

test('host rules: the most specific match, over wildcards', () => {
  const rules = [{ host: '*.example.org', concurrency: 2 }, { host: 'api.example.org', method: 'GET' as const }]
  expect(hostRule('api.example.org', rules)).toEqual({ host: 'api.example.org', concurrency: 2, method: 'GET' })
  expect(hostRule('www.example.org', rules)).toMatchObject({ concurrency: 2 })
  expect(hostRule('example.com', rules)).toEqual({ host: 'example.com' })
})

describe('the cache', () => {
  const options = defaultLinkOptions.cache
  const day = 86_400_000
  const now = Date.UTC(2026, 10, 23)
  const status = (kind: LinkStatus['kind']) => ({ kind, evidence: { hops: [], attempts: 1, finalUrl: 'x', reason: kind } }) as LinkStatus

  test('alive links expire after about a week, spread over different days', () => {
    const days = new Set<number>()
    for (let index = 0; index < 500; index++) {
      const entry = record(`https://example.org/${index}`, undefined, status('alive'), now, options)!
      const age = (Date.parse(entry.expiresAt!) - now) / day
      expect(age).toBeGreaterThanOrEqual(5.25)
      expect(age).toBeLessThanOrEqual(8.75)
      days.add(Math.floor(age))
      expect(isFresh(entry, now + 5 * day)).toBe(true)
      expect(isFresh(entry, now + 9 * day)).toBe(false)
    }
    expect(days.size).toBeGreaterThanOrEqual(4)
  })

  test('a failure is never fresh; dead needs enough runs over enough days; a blocked run keeps the streak', () => {
    let entry = record('u', undefined, status('dead'), now, options)
    expect(isFresh(entry, now)).toBe(false)
    entry = record('u', entry, status('dead'), now + day, options)
    entry = record('u', entry, status('transient'), now + 2 * day, options)
    expect(entry).toMatchObject({ failures: 2 })
    expect(isConfirmedDead(entry, now + 2 * day, options)).toBe(false)
    entry = record('u', entry, status('dead'), now + 3 * day, options)
    expect(isConfirmedDead(entry, now + 3 * day, options)).toBe(true)
    expect(record('u', entry, status('alive'), now + 4 * day, options)).toMatchObject({ state: 'ok' })
  })
})
