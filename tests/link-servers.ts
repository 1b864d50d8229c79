/**
 * Real HTTP servers on 127.0.0.1 for the link checker's tests: each route a
 * fault class. Every request is counted, per path and method. And the
 * checker as the tests run it: test timings, a test resolver.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo, LookupFunction, Socket } from 'node:net'
import { checkLinks, type CheckDeps } from '../scripts/checkers/links/checker.ts'
import { createHttpClient } from '../scripts/checkers/links/http.ts'
import { defaultLinkOptions, type LinkOptions } from '../scripts/checkers/links/options.ts'
import { Scheduler } from '../scripts/checkers/links/scheduler.ts'

export interface TestServer {
  url: (path: string) => string
  host: string
  /** `METHOD /path` → count. */
  requests: Map<string, number>
  total: () => number
  /** Bytes of body written, per path. */
  sent: Map<string, number>
  /** The last `Range` header asked, per path. */
  ranges: Map<string, string>
  /** TCP connections accepted. */
  connections: () => number
  close: () => Promise<void>
}

type Route = (request: IncomingMessage, response: ServerResponse, state: { seen: number }) => void

export async function startServer(routes: Record<string, Route>, address = '127.0.0.1'): Promise<TestServer> {
  const requests = new Map<string, number>()
  const sent = new Map<string, number>()
  const ranges = new Map<string, string>()
  const sockets = new Set<Socket>()
  let connections = 0
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url!, 'http://x').pathname
    const key = `${request.method} ${path}`
    if (request.headers.range !== undefined) ranges.set(path, request.headers.range)
    requests.set(key, (requests.get(key) ?? 0) + 1)
    const seen = [...requests].filter(([name]) => name.endsWith(` ${path}`)).reduce((sum, [, count]) => sum + count, 0)
    const route = routes[path]
    if (!route) {
      response.writeHead(404).end('not found')
      return
    }
    route(request, response, { seen })
  })
  server.on('connection', (socket) => {
    connections++
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, address, resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: (path) => `http://${address}:${port}${path}`,
    host: `${address}:${port}`,
    requests,
    sent,
    ranges,
    connections: () => connections,
    total: () => [...requests.values()].reduce((sum, count) => sum + count, 0),
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      })
  }
}

/** Routes for every fault class the checker must tell apart. */
export function faultRoutes(sent: () => Map<string, number>): Record<string, Route> {
  return {
    '/ok': (_request, response) => response.writeHead(200, { 'content-type': 'text/html' }).end('<p>ok</p>'),
    '/missing': (_request, response) => response.writeHead(404).end('missing'),
    '/gone': (_request, response) => response.writeHead(410).end('gone'),
    '/moved': (_request, response) => response.writeHead(301, { location: '/ok' }).end(),
    '/moved-twice': (_request, response) => response.writeHead(308, { location: '/moved' }).end(),
    '/temporary': (_request, response) => response.writeHead(302, { location: '/ok' }).end(),
    '/moved-to-missing': (_request, response) => response.writeHead(301, { location: '/missing' }).end(),
    '/head-405': (request, response) => (request.method === 'HEAD' ? response.writeHead(405).end() : response.writeHead(200).end('ok')),
    '/retry-seconds': (_request, response, { seen }) => (seen === 1 ? response.writeHead(429, { 'retry-after': '1' }).end() : response.writeHead(200).end('ok')),
    '/retry-date': (_request, response, { seen }) =>
      seen === 1 ? response.writeHead(503, { 'retry-after': new Date(Date.now() + 1500).toUTCString() }).end() : response.writeHead(200).end('ok'),
    '/always-429': (_request, response) => response.writeHead(429, { 'retry-after': '1' }).end(),
    '/huge-retry-after': (_request, response) => response.writeHead(429, { 'retry-after': '3600' }).end(),
    '/flaky-500': (_request, response, { seen }) => (seen === 1 ? response.writeHead(500).end() : response.writeHead(200).end('ok')),
    '/always-502': (_request, response) => response.writeHead(502).end(),
    '/forbidden': (_request, response) => response.writeHead(403).end('no bots'),
    '/challenge': (_request, response) => response.writeHead(403, { 'cf-mitigated': 'challenge' }).end('<title>Just a moment...</title>'),
    '/linkedin': (_request, response) => response.writeHead(999).end(),
    '/loop-a': (_request, response) => response.writeHead(302, { location: '/loop-b' }).end(),
    '/loop-b': (_request, response) => response.writeHead(302, { location: '/loop-a' }).end(),
    '/to-ftp': (_request, response) => response.writeHead(302, { location: 'ftp://files.example.org/paper.pdf' }).end(),
    '/to-javascript': (_request, response) => response.writeHead(302, { location: 'javascript:alert(document.cookie)' }).end(),
    '/to-data': (_request, response) => response.writeHead(301, { location: 'data:text/html,<script>alert(1)</script>' }).end(),
    '/no-ranges': (request, response) => (request.headers.range ? response.writeHead(416, { 'content-range': 'bytes */0' }).end() : response.writeHead(200).end('ok')),
    '/reset-mid-body': (request, response) => resetMidBody(request, response, 200),
    '/reset-mid-404': (request, response) => resetMidBody(request, response, 404),
    '/hang': () => {
      // Accepts and never answers.
    },
    '/reset': (_request, response) => {
      response.socket!.write('HTTP/1.1 200 OK\r\nContent-Len')
      response.socket!.destroy()
    },
    '/big': (request, response) => {
      if (request.method === 'HEAD') return void response.writeHead(405).end()
      const total = 20 * 1024 * 1024
      const chunk = Buffer.alloc(64 * 1024, 'x')
      response.writeHead(200, { 'content-length': String(total) })
      let written = 0
      const pump = () => {
        while (written < total) {
          written += chunk.length
          sent().set('/big', written)
          if (!response.write(chunk)) return void response.once('drain', pump)
        }
        response.end()
      }
      response.on('close', () => sent().set('/big', written))
      pump()
    }
  }
}

/** Headers say 100 KB are coming; 10 KB come, then the connection is reset (HEAD gets its headers, as servers do). */
export function resetMidBody(request: IncomingMessage, response: ServerResponse, status: number): void {
  response.writeHead(status, { 'content-length': String(100_000), 'content-type': 'text/html' })
  if (request.method === 'HEAD') return void response.end()
  response.write(Buffer.alloc(10_000, 'x'))
  setTimeout(() => response.socket?.destroy(), 5)
}

/** Test timings: short timeouts and backoff, Retry-After up to 5 s waited out. */
export function testOptions(overrides: Partial<LinkOptions> = {}): LinkOptions {
  return {
    ...defaultLinkOptions,
    allowPrivate: true,
    timeouts: { connect: 1_000, headers: 400, total: 1_500 },
    backoff: { base: 20, max: 100 },
    retryAfterCap: 5_000,
    ...overrides
  }
}

/** Resolves `*.test` names for the tests: some to loopback, `nowhere.test` to nothing. */
export const testLookup: LookupFunction = (hostname, options, callback) => {
  if (hostname === 'nowhere.test') return callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }), '', 4)
  const address = '127.0.0.1'
  if ((options as { all?: boolean }).all) return (callback as unknown as (error: null, addresses: Array<{ address: string; family: number }>) => void)(null, [{ address, family: 4 }])
  callback(null, address, 4)
}

/** Runs the checker on `urls` with a real client; when each finished, and the deps (the scheduler). */
export async function check(urls: string[], options: LinkOptions, lookup?: LookupFunction) {
  const client = createHttpClient({ ...options, ...(lookup ? { lookup } : {}) })
  const deps: CheckDeps = { client, scheduler: new Scheduler(options), options, now: Date.now, sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)), random: () => 0.5 }
  const finished = new Map<string, number>()
  const started = Date.now()
  try {
    const results = await checkLinks(urls, deps, (url) => finished.set(url, Date.now() - started))
    return { results, finished, deps }
  } finally {
    await client.close()
  }
}
