/**
 * A server on 127.0.0.1 that misbehaves one way, for every request, the way
 * real services do: down, 503 always, 429 with `Retry-After` in seconds or as
 * a date, a document cut short, HTML where XML or JSON belongs, an empty
 * answer, an answer slower than any timeout, a reset in the middle of the
 * body, GraphQL's top-level error and partial data. The good answer it spoils
 * comes from the caller, so one server fakes any service.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'

export const faults = ['down', '503 always', '429 Retry-After seconds', '429 Retry-After date', 'truncated body', 'HTML instead of XML/JSON', 'empty answer', 'slower than the timeout', 'reset mid-body', 'GraphQL top-level error', 'partial GraphQL data'] as const

export type Fault = (typeof faults)[number]

export interface Answer {
  status: number
  headers?: Record<string, string>
  body: string
}

export interface Request {
  method: string
  path: string
  body: string
}

export interface FaultServer {
  /** `http://127.0.0.1:PORT` */
  origin: string
  requests: () => number
  close: () => Promise<void>
}

export interface FaultOptions {
  /** How long a "slower than the timeout" answer takes. */
  slowMs: number
  /** The good answer to a GraphQL request with part of its data taken out (for `partial GraphQL data`). */
  partial?: (good: Answer) => Answer
}

const html = '<!DOCTYPE html>\n<html><head><title>Access Denied</title></head><body><h1>Access Denied</h1><p>You don’t have permission to access this server.<br>Reference #18.5c0f1002</body></html>\n'

export async function startFaultServer(fault: Fault, good: (request: Request) => Answer, options: FaultOptions): Promise<FaultServer> {
  if (fault === 'down') return downServer()
  let requests = 0
  const sockets = new Set<Socket>()
  const timers = new Set<NodeJS.Timeout>()
  const server: Server = createServer(async (request: IncomingMessage, response) => {
    requests++
    let body = ''
    for await (const chunk of request) body += chunk
    const graphql = request.method === 'POST' && (request.url ?? '').endsWith('/graphql')
    const answer = good({ method: request.method ?? 'GET', path: request.url ?? '/', body })
    const send = ({ status, headers = {}, body: text }: Answer) => response.writeHead(status, { 'content-length': String(Buffer.byteLength(text)), ...headers }).end(request.method === 'HEAD' ? undefined : text)
    switch (fault) {
      case '503 always':
        return send({ status: 503, headers: { 'content-type': 'text/plain' }, body: 'Rate exceeded.' })
      case '429 Retry-After seconds':
        return send({ status: 429, headers: { 'retry-after': '1', 'content-type': 'text/plain' }, body: 'Too Many Requests' })
      case '429 Retry-After date':
        return send({ status: 429, headers: { 'retry-after': new Date(Date.now() + 2_000).toUTCString(), 'content-type': 'text/plain' }, body: 'Too Many Requests' })
      case 'truncated body': {
        // A complete HTTP answer whose document stops halfway.
        return send({ ...answer, body: answer.body.slice(0, Math.floor(answer.body.length / 2)) })
      }
      case 'HTML instead of XML/JSON':
        return send({ status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: html })
      case 'empty answer':
        return send({ status: 200, headers: { 'content-type': answer.headers?.['content-type'] ?? 'text/plain' }, body: '' })
      case 'slower than the timeout': {
        const timer = setTimeout(() => {
          timers.delete(timer)
          if (!response.destroyed) send(answer)
        }, options.slowMs)
        timers.add(timer)
        return
      }
      case 'reset mid-body': {
        const bytes = Buffer.from(answer.body.length > 0 ? answer.body : 'x'.repeat(1_000))
        response.writeHead(answer.status, { ...answer.headers, 'content-length': String(bytes.length * 2) })
        if (request.method === 'HEAD') return void response.end()
        response.write(bytes.subarray(0, Math.ceil(bytes.length / 2)))
        return void setTimeout(() => response.socket?.destroy(), 5)
      }
      case 'GraphQL top-level error':
        if (!graphql) return send(answer)
        return send({ status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ data: null, errors: [{ message: 'Something went wrong while executing your query. This may be the result of a timeout, or it could be a GitHub bug. Please include `C3D2:2F5E:1A2B3C:4D5E6F` when reporting this issue.' }] }) })
      case 'partial GraphQL data':
        if (!graphql || !options.partial) return send(answer)
        return send(options.partial(answer))
    }
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    origin: `http://127.0.0.1:${port}`,
    requests: () => requests,
    close: () =>
      new Promise((resolve) => {
        for (const timer of timers) clearTimeout(timer)
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      })
  }
}

/** A port that was free a moment ago and has nothing listening: every connection is refused. */
async function downServer(): Promise<FaultServer> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return { origin: `http://127.0.0.1:${port}`, requests: () => 0, close: async () => {} }
}
