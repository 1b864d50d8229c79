/**
 * The address policy as families, not single examples: every special range
 * and every way of writing or embedding an IPv4 address (mapped, translated,
 * compatible, NAT64, 6to4, Teredo; decimal, octal, hex and short URL hosts),
 * through the parser, the real HTTP client, the checker after a redirect, and
 * the secret rules that decide what `--fix` may write.
 */
import { readFileSync } from 'node:fs'
import type { LookupFunction } from 'node:net'
import path from 'node:path'
import { MockAgent } from 'undici'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { addressVerdict, isPrivateAddress, isPrivateHost } from '../scripts/checkers/links/addresses.ts'
import { checkLinks } from '../scripts/checkers/links/checker.ts'
import { createHttpClient } from '../scripts/checkers/links/http.ts'
import { defaultLinkOptions } from '../scripts/checkers/links/options.ts'
import { carriesSecrets, isSafeFixTarget, redactDeep, redactUrl } from '../scripts/checkers/links/redact.ts'
import { Scheduler } from '../scripts/checkers/links/scheduler.ts'
import { defaultConfig } from '../scripts/core/config.ts'
import { lintText } from '../scripts/lint/engine.ts'
import { fixtures } from './helpers.ts'
import { startServer, type TestServer } from './link-servers.ts'

/** An address and the range that makes it private, or `public`. */
const addresses: Array<[string, string]> = [
  // IPv4 special ranges.
  ['0.0.0.0', 'unspecified'],
  ['0.1.2.3', 'unspecified'],
  ['10.0.0.1', 'private'],
  ['10.255.255.255', 'private'],
  ['100.64.0.1', 'carrierGradeNat'],
  ['100.127.255.254', 'carrierGradeNat'],
  ['127.0.0.1', 'loopback'],
  ['127.255.255.254', 'loopback'],
  ['169.254.169.254', 'linkLocal'],
  ['169.254.0.1', 'linkLocal'],
  ['172.16.0.1', 'private'],
  ['172.31.255.254', 'private'],
  ['192.0.0.8', 'reserved'],
  ['192.0.2.1', 'reserved'],
  ['192.168.1.1', 'private'],
  ['198.18.0.1', 'reserved'],
  ['198.19.255.254', 'reserved'],
  ['198.51.100.7', 'reserved'],
  ['203.0.113.9', 'reserved'],
  ['224.0.0.1', 'multicast'],
  ['239.255.255.250', 'multicast'],
  ['240.0.0.1', 'reserved'],
  ['255.255.255.255', 'broadcast'],
  // IPv6 special ranges.
  ['::', 'unspecified'],
  ['::1', 'loopback'],
  ['[::1]', 'loopback'],
  ['0:0:0:0:0:0:0:1', 'loopback'],
  ['fe80::1', 'linkLocal'],
  ['FE80::1', 'linkLocal'],
  ['fe80::1%eth0', 'linkLocal'],
  ['fc00::1', 'uniqueLocal'],
  ['fd12:3456::1', 'uniqueLocal'],
  ['ff02::1', 'multicast'],
  ['2001:db8::1', 'reserved'],
  ['3fff::1', 'reserved'],
  ['fec0::1', 'deprecatedSiteLocal'],
  ['100::1', 'discard'],
  ['2001:2::1', 'benchmarking'],
  // IPv4-mapped, dotted and hex.
  ['::ffff:127.0.0.1', 'ipv4Mapped → loopback'],
  ['::ffff:7f00:1', 'ipv4Mapped → loopback'],
  ['[::ffff:7f00:1]', 'ipv4Mapped → loopback'],
  ['0:0:0:0:0:ffff:7f00:1', 'ipv4Mapped → loopback'],
  ['::ffff:a9fe:a9fe', 'ipv4Mapped → linkLocal'],
  ['::ffff:169.254.169.254', 'ipv4Mapped → linkLocal'],
  ['::ffff:0a00:0001', 'ipv4Mapped → private'],
  ['::ffff:0.0.0.0', 'ipv4Mapped → unspecified'],
  // IPv4-translated (RFC 6145) and IPv4-compatible (the first 96 bits zero).
  ['::ffff:0:7f00:1', 'rfc6145 → loopback'],
  ['::ffff:0:a9fe:a9fe', 'rfc6145 → linkLocal'],
  ['::7f00:1', 'ipv4Compatible → loopback'],
  ['::127.0.0.1', 'ipv4Compatible → loopback'],
  ['::a00:1', 'ipv4Compatible → private'],
  ['::2', 'ipv4Compatible → unspecified'],
  // ipaddr alone reads `::a.b.c.d` as `::ffff:a.b.c.d`; the socket reads `::0.0.0.1` as `::1`.
  ['::0.0.0.1', 'loopback'],
  // NAT64 (RFC 6052): the last 32 bits.
  ['64:ff9b::7f00:1', 'rfc6052 → loopback'],
  ['64:ff9b::169.254.169.254', 'rfc6052 → linkLocal'],
  ['64:ff9b:1::a00:1', 'rfc6052 → private'],
  // 6to4: bits 16 to 47.
  ['2002:7f00:1::1', '6to4 → loopback'],
  ['2002:a9fe:a9fe::', '6to4 → linkLocal'],
  ['2002:c0a8:101::1', '6to4 → private'],
  // Teredo: the client is the last 32 bits, inverted.
  ['2001:0:4136:e378:8000:63bf:80ff:fffe', 'teredo → loopback'],
  ['2001:0:4136:e378:8000:63bf:f5ff:fffe', 'teredo → private'],
  // Public, and must stay so.
  ['8.8.8.8', 'public'],
  ['1.1.1.1', 'public'],
  ['172.32.0.1', 'public'],
  ['100.128.0.1', 'public'],
  ['192.0.3.1', 'public'],
  ['2606:4700::1111', 'public'],
  ['[2606:4700::1111]', 'public'],
  ['2a00:1450:4001::200e', 'public'],
  ['::ffff:8.8.8.8', 'public'],
  ['::ffff:808:808', 'public'],
  ['::ffff:0:808:808', 'public'],
  ['64:ff9b::808:808', 'public'],
  ['64:ff9b::8.8.8.8', 'public'],
  ['2002:0808:0808::1', 'public'],
  ['2001:0:4136:e378:8000:63bf:f7f7:f7f7', 'public']
]

describe('isPrivateAddress and addressVerdict', () => {
  test('the family is large enough to mean something', () => {
    expect(addresses.filter(([, range]) => range !== 'public').length).toBeGreaterThanOrEqual(40)
  })

  test.each(addresses)('%s is %s', (address, range) => {
    expect(isPrivateAddress(address)).toBe(range !== 'public')
    expect(addressVerdict(address)).toEqual(range === 'public' ? { public: true } : { public: false, range })
  })

  test.each(['arxiv.org', 'localhost', 'papers.example.org', '', '1.2.3.4.5', '::g', '[arxiv.org]', '::ffff:0177.0.0.1', '::ffff:127.1'])('%j is a name, not an address: left to the DNS answer', (text) => {
    expect(isPrivateAddress(text)).toBe(false)
    expect(addressVerdict(text).public).toBe(false)
  })
})

describe('isPrivateHost, on host names as new URL() gives them', () => {
  test.each([
    'http://127.0.0.1/',
    'http://127.0.0.1./',
    'http://2130706433/',
    'http://017700000001/',
    'http://0177.0.0.1/',
    'http://0x7f.1/',
    'http://0x7f000001/',
    'http://0x7f.0x0.0x0.0x1/',
    'http://127.1/',
    'http://0/',
    'http://１２７.０.０.１/',
    'http://[::ffff:127.0.0.1]/',
    'http://[::ffff:7f00:1]/',
    'http://[::ffff:a9fe:a9fe]/',
    'http://[::127.0.0.1]/',
    'http://[64:ff9b::7f00:1]/',
    'http://[2002:7f00:1::]/',
    'http://[::1]/',
    'http://[0:0:0:0:0:0:0:1]/',
    'http://[fe80::1]/',
    'http://[fd00::1]/',
    'http://localhost/',
    'http://LOCALHOST./',
    'http://a.localhost/',
    'http://a.b.localhost:8080/',
    'http://169.254.169.254/',
    'http://10.0.0.1/',
    'http://172.16.0.1/',
    'https://192.168.0.1:8443/',
    'http://100.64.0.1/'
  ])('%s is private', (url) => {
    expect(isPrivateHost(new URL(url).hostname)).toBe(true)
  })

  test.each([
    'https://arxiv.org/',
    'http://8.8.8.8/',
    'http://[2606:4700::1111]/',
    'http://[::ffff:8.8.8.8]/',
    'https://localhost.example.org/',
    'https://notlocalhost/',
    // A name that resolves to loopback is the DNS answer's business, not the name's.
    'https://127.0.0.1.nip.io/'
  ])('%s is not private by its name', (url) => {
    expect(isPrivateHost(new URL(url).hostname)).toBe(false)
  })
})

test('the linter names the range and the link as written', () => {
  const text = readFileSync(path.join(fixtures, 'rules/urls/well-formed/not-ok.json'), 'utf8')
  const findings = lintText(text, 'papers.json', defaultConfig).filter((finding) => finding.ruleId === 'urls/well-formed')
  expect(findings.map((finding) => finding.message)).toEqual(
    expect.arrayContaining([
      'Unexpected host `127.0.0.1` (loopback address) in link `http://2130706433/`, expected a public host name',
      'Unexpected host `169.254.169.254` (linkLocal address) in link `http://169.254.169.254/latest/meta-data`, expected a public host name',
      'Unexpected host `[::ffff:7f00:1]` (ipv4Mapped → loopback address) in link `http://[::ffff:7f00:1]/admin`, expected a public host name',
      'Unexpected host `localhost` (local host name) in link `http://localhost:3000/`, expected a public host name'
    ])
  )
  expect(findings.find((finding) => finding.message.includes('10.0.0.1'))?.hint).toBe('a list must not point at private networks; use the public address of the page')
})

describe('the real HTTP client refuses before connecting', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startServer({ '/ok': (_request, response) => response.writeHead(200).end('ok') })
  })
  afterAll(() => server.close())

  const port = () => new URL(server.url('/')).port
  const client = (lookup?: LookupFunction) => createHttpClient({ ...defaultLinkOptions, allowPrivate: false, ...(lookup ? { lookup } : {}) })

  test('the server answers when private addresses are allowed (so 0 requests below means refused)', async () => {
    const allowed = createHttpClient({ ...defaultLinkOptions, allowPrivate: true })
    try {
      expect(await allowed.send(new URL(server.url('/ok')), 'GET', {})).toMatchObject({ status: 200 })
    } finally {
      await allowed.close()
    }
    expect(server.total()).toBe(1)
  })

  test.for(['http://[::ffff:127.0.0.1]:PORT/ok', 'http://[::ffff:7f00:1]:PORT/ok', 'http://[::7f00:1]:PORT/ok', 'http://127.1:PORT/ok', 'http://2130706433:PORT/ok', 'http://0x7f.1:PORT/ok', 'http://127.0.0.1:PORT/ok', 'http://localhost:PORT/ok'])(
    '%s is refused with EPRIVATE',
    async (template) => {
      const http = client()
      const before = server.total()
      try {
        expect(await http.send(new URL(template.replace('PORT', port())), 'GET', {})).toMatchObject({ error: 'EPRIVATE' })
      } finally {
        await http.close()
      }
      expect(server.total()).toBe(before)
    }
  )

  /** Answers every name with `address`, in both shapes Node asks for. */
  const answering = (address: string, family: number): LookupFunction => (_hostname, options, callback) => {
    if ((options as { all?: boolean }).all) return (callback as unknown as (error: null, addresses: Array<{ address: string; family: number }>) => void)(null, [{ address, family }])
    callback(null, address, family)
  }

  test.for([
    ['::ffff:7f00:1', 6],
    ['::ffff:127.0.0.1', 6],
    ['::7f00:1', 6],
    ['64:ff9b::7f00:1', 6],
    ['127.0.0.1', 4]
  ] as const)('a DNS answer of %s is refused with EPRIVATE', async ([address, family]) => {
    const http = client(answering(address, family))
    const before = server.total()
    try {
      const exchange = await http.send(new URL(`http://papers.example.org:${port()}/ok`), 'GET', {})
      expect(exchange).toMatchObject({ error: 'EPRIVATE' })
      expect('message' in exchange && exchange.message).toContain(address)
    } finally {
      await http.close()
    }
    expect(server.total()).toBe(before)
  })
})

describe('the checker does not follow a redirect to a private address', () => {
  test.for([
    ['http://[::ffff:7f00:1]/admin', '::ffff:7f00:1'],
    ['http://[::ffff:a9fe:a9fe]/latest/meta-data', '::ffff:a9fe:a9fe'],
    ['http://[64:ff9b::a9fe:a9fe]/latest/meta-data', '64:ff9b::a9fe:a9fe'],
    ['http://0x7f.1/', '127.0.0.1'],
    ['http://2130706433/', '127.0.0.1']
  ] as const)('302 to %s', async ([location, address]) => {
    const agent = new MockAgent()
    agent.disableNetConnect()
    agent.get('https://papers.example.org').intercept({ path: '/paper', method: 'GET' }).reply(302, '', { headers: { location } })
    // Answers if the checker ever asks: then the link would look alive.
    const target = new URL(location)
    agent.get(target.origin).intercept({ path: target.pathname, method: 'GET' }).reply(200, '')
    const options = { ...defaultLinkOptions, backoff: { base: 1, max: 1 } }
    const client = createHttpClient({ ...options, dispatcher: agent })
    try {
      const results = await checkLinks(['https://papers.example.org/paper'], { client, scheduler: new Scheduler(options), options, now: Date.now, sleep: async () => {}, random: () => 0 })
      const status = results.get('https://papers.example.org/paper')!
      // Blocked, with the chain: a public link that now leads into a private network is something to see.
      expect(status.kind).toBe('blocked')
      expect(status.evidence.reason).toContain(address)
      expect(status.evidence.reason).toContain('`https://papers.example.org/paper` --302-->')
      expect(agent.pendingInterceptors().map((interceptor) => interceptor.origin)).toEqual([target.origin])
    } finally {
      await agent.close()
    }
  })
})

describe('secrets in URLs', () => {
  test.each([
    ['https://user:pass@example.org/x', 'https://***:***@example.org/x'],
    ['https://user@example.org/x', 'https://***@example.org/x'],
    ['https://example.org/x?token=abc&page=2', 'https://example.org/x?token=***&page=2'],
    ['https://example.org/x?page=2&access_token=abc', 'https://example.org/x?page=2&access_token=***'],
    ['https://bucket.s3.amazonaws.com/p.pdf?X-Amz-Credential=a%2Fb&X-Amz-Signature=f00d', 'https://bucket.s3.amazonaws.com/p.pdf?X-Amz-Credential=***&X-Amz-Signature=***'],
    ['https://example.org/x?q=a%20b&token=abc', 'https://example.org/x?q=a%20b&token=***'],
    ['https://example.org/cb#access_token=abc&token_type=bearer', 'https://example.org/cb#access_token=***&token_type=bearer'],
    ['https://example.org/cb#id_token=eyJ.x.y&state=x', 'https://example.org/cb#id_token=***&state=x'],
    ['https://example.org/app#/callback?access_token=abc', 'https://example.org/app#/callback?access_token=***'],
    ['https://example.org/cb?code=1#Access_Token=abc', 'https://example.org/cb?code=1#Access_Token=***']
  ])('%s carries secrets, shown as %s', (url, shown) => {
    expect(redactUrl(url)).toBe(shown)
    expect(carriesSecrets(url)).toBe(true)
    expect(isSafeFixTarget(url)).toBe(false)
  })

  test.each([
    'https://example.org/paper#section-2',
    'https://example.org/paper#page=3',
    'https://openreview.net/forum?id=abc',
    'https://example.org/x?page=2&tokens=many',
    'https://example.org/x?token=***'
  ])('%s carries no secret and is left as it is', (url) => {
    expect(redactUrl(url)).toBe(url)
    expect(carriesSecrets(url)).toBe(false)
  })

  test.each([
    ['https://example.org/paper#section-2', true],
    ['https://arxiv.org/abs/2401.04088', true],
    ['http://8.8.8.8/', true],
    ['javascript:alert(1)', false],
    ['data:text/html,<script>alert(1)</script>', false],
    ['ftp://files.example.org/paper.pdf', false],
    ['file:///etc/passwd', false],
    ['not a url', false],
    ['http://127.0.0.1/', false],
    ['http://[::ffff:7f00:1]/', false],
    ['http://0x7f.1/', false],
    ['http://localhost:3000/', false],
    ['http://169.254.169.254/latest/meta-data', false],
    ['https://user:pass@example.org/', false],
    ['https://example.org/cb#access_token=abc', false]
  ])('%s is a safe target for --fix: %s', (url, safe) => {
    expect(isSafeFixTarget(url)).toBe(safe)
  })

  test('redactDeep masks URLs inside text, fragments too', () => {
    expect(redactDeep({ reason: 'redirects to https://example.org/cb#access_token=abc now' })).toEqual({ reason: 'redirects to https://example.org/cb#access_token=*** now' })
  })
})
