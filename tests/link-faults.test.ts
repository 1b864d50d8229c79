/**
 * The link checker against loopback servers that misbehave, in families: a
 * body that breaks off (never alive, whatever the neighbours), HEAD refused
 * by many links at once, single-link 429s that must not cost the host its
 * concurrency, hosts that stop answering, redirects that leave the web.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { createServer } from 'node:net'
import { describe, expect, test } from 'vitest'
import { check, resetMidBody, startServer, testOptions } from './link-servers.ts'

type Route = (request: IncomingMessage, response: ServerResponse) => void
const routes = (count: number, prefix: string, route: Route) => Object.fromEntries(Array.from({ length: count }, (_, index) => [`${prefix}${index}`, route]))

describe('a body that breaks off after the headers is never alive', () => {
  const shapes: ReadonlyArray<readonly [string, Route]> = [
    ['200, reset after 10 KB', (request, response) => resetMidBody(request, response, 200)],
    ['200, reset before any body', (_request, response) => {
      response.writeHead(200, { 'content-length': '5000' })
      response.flushHeaders()
      setTimeout(() => response.socket?.destroy(), 5)
    }],
    ['200 chunked, reset mid-chunk', (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html' })
      response.write('<html><body>' + 'x'.repeat(3000))
      setTimeout(() => response.socket?.destroy(), 5)
    }],
    ['200, fewer bytes than its length, then closed', (_request, response) => {
      response.socket!.end('HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n' + 'y'.repeat(100))
    }]
  ]
  test.for(shapes)('%s: transient alone, and transient beside links that refuse HEAD', { timeout: 30_000 }, async ([, route]) => {
    const server = await startServer({ ...routes(5, '/broken-', route), ...routes(5, '/head-405-', (request, response) => (request.method === 'HEAD' ? response.writeHead(405).end() : response.writeHead(200).end('ok'))) })
    try {
      const broken = Array.from({ length: 5 }, (_, index) => server.url(`/broken-${index}`))
      const neighbours = Array.from({ length: 5 }, (_, index) => server.url(`/head-405-${index}`))
      for (const method of ['GET', 'HEAD'] as const) {
        const alone = await check(broken, testOptions({ method, backoff: { base: 1, max: 5 } }))
        const beside = await check([...neighbours, ...broken], testOptions({ method, backoff: { base: 1, max: 5 } }))
        for (const url of broken) {
          if (method === 'GET') {
            expect(alone.results.get(url)!.kind, 'alone').toBe('transient')
            expect(beside.results.get(url)!.kind, 'beside HEAD-405 links').toBe('transient')
          } else {
            // HEAD mode believes HEAD, which has no body to break; whenever a GET was sent, its broken body counts.
            for (const status of [alone.results.get(url)!, beside.results.get(url)!]) {
              if (status.evidence.hops.some((hop) => hop.method === 'GET')) expect(status.kind, 'HEAD mode, after a GET').toBe('transient')
            }
          }
        }
      }
    } finally {
      await server.close()
    }
  })
})

test('HEAD mode: what a host taught about HEAD applies to every link still queued', async () => {
  const server = await startServer(routes(60, '/p', (request, response) => (request.method === 'HEAD' ? response.writeHead(405).end() : setTimeout(() => response.writeHead(200).end('ok'), 20))))
  try {
    const urls = Array.from({ length: 60 }, (_, index) => server.url(`/p${index}`))
    const { results } = await check(urls, testOptions({ method: 'HEAD', hostConcurrency: 8 }))
    expect([...results.values()].every((status) => status.kind === 'alive')).toBe(true)
    const heads = [...server.requests].filter(([key]) => key.startsWith('HEAD ')).reduce((sum, [, count]) => sum + count, 0)
    // Only the first wave (8 in flight, and a link whose turn came in the same tick) asked with HEAD; the old checker sent 60.
    expect(heads).toBeLessThanOrEqual(8 + 2)
    expect(server.total()).toBeLessThanOrEqual(60 + 8 + 2)
  } finally {
    await server.close()
  }
}, 30_000)

describe('429 for one link is about that link: the host keeps its concurrency', () => {
  test.for([
    ['Retry-After in seconds', () => ({ 'retry-after': '1' })],
    ['Retry-After as a date', () => ({ 'retry-after': new Date(Date.now() + 1_000).toUTCString() })],
    ['no Retry-After', () => ({})]
  ] as ReadonlyArray<readonly [string, () => Record<string, string>]>)('%s', { timeout: 30_000 }, async ([, headers]) => {
    const seen = new Set<string>()
    let inFlight = 0
    let peak = 0
    const server = await startServer(
      routes(40, '/p', (request, response) => {
        const path = request.url!
        // Three links answer 429 the first time, whatever else is in flight.
        if (['/p5', '/p20', '/p35'].includes(path) && !seen.has(path)) {
          seen.add(path)
          return void response.writeHead(429, headers()).end()
        }
        inFlight++
        peak = Math.max(peak, inFlight)
        setTimeout(() => {
          inFlight--
          response.writeHead(200).end('ok')
        }, 30)
      })
    )
    try {
      const { results, deps } = await check(
        Array.from({ length: 40 }, (_, index) => server.url(`/p${index}`)),
        testOptions({ hostConcurrency: 8 })
      )
      expect([...results.values()].every((status) => status.kind === 'alive')).toBe(true)
      expect(deps.scheduler.limitOf(server.host)).toBe(8)
      expect(peak).toBe(8)
    } finally {
      await server.close()
    }
  })
})

describe('a host that stops answering is not asked again this run', () => {
  test.for([
    ['connections refused', 'refused'],
    ['connections accepted, never answered', 'hang']
  ] as const)('%s: at most a few attempts, every link transient with the reason', { timeout: 30_000 }, async ([, kind]) => {
    let url: (path: string) => string
    let close: () => Promise<void>
    let attempts = 0
    if (kind === 'refused') {
      const probe = createServer()
      await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
      const port = (probe.address() as { port: number }).port
      await new Promise<void>((resolve) => probe.close(() => resolve()))
      url = (path) => `http://127.0.0.1:${port}${path}`
      close = async () => {}
    } else {
      const server = await startServer(routes(30, '/p', () => void attempts++))
      url = server.url
      close = server.close
    }
    try {
      const urls = Array.from({ length: 30 }, (_, index) => url(`/p${index}`))
      const started = Date.now()
      const { results } = await check(urls, testOptions({ hostConcurrency: 4, hostBreakAfter: 6, backoff: { base: 1, max: 5 } }))
      const statuses = [...results.values()]
      expect(statuses.every((status) => status.kind === 'transient')).toBe(true)
      const sent = statuses.reduce((sum, status) => sum + status.evidence.hops.filter((hop) => hop.error !== 'EHOSTSTOPPED').length, 0)
      // Six silent answers stop the host; the requests already in flight finish. The old checker sent 90 (30 links × 3 attempts).
      expect(sent).toBeLessThanOrEqual(6 + 4)
      expect(statuses.filter((status) => status.evidence.reason.includes('not asked again this run')).length).toBeGreaterThanOrEqual(20)
      if (kind === 'hang') expect(attempts).toBeLessThanOrEqual(10)
      expect(Date.now() - started).toBeLessThan(10_000)
    } finally {
      await close()
    }
  })
})
