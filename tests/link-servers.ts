/**
 * Real HTTP servers on 127.0.0.1 for the link checker's tests: each route a
 * fault class. Every request is counted, per path and method.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'

export interface TestServer {
  url: (path: string) => string
  host: string
  /** `METHOD /path` → count. */
  requests: Map<string, number>
  total: () => number
  /** Bytes of body written, per path. */
  sent: Map<string, number>
  close: () => Promise<void>
}

type Route = (request: IncomingMessage, response: ServerResponse, state: { seen: number }) => void

export async function startServer(routes: Record<string, Route>, address = '127.0.0.1'): Promise<TestServer> {
  const requests = new Map<string, number>()
  const sent = new Map<string, number>()
  const sockets = new Set<Socket>()
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url!, 'http://x').pathname
    const key = `${request.method} ${path}`
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
