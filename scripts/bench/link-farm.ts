/**
 * A loopback link farm like a real paper list's links: hosts on 127.0.0.1 to
 * 127.0.0.N, `latency` ms per answer, each host answering 429
 * (`Retry-After: 1`) to requests beyond `inFlightLimit` in flight. Each link
 * `/paper/<i>` behaves as a seeded draw decides, so every run has the same
 * farm and no fault sits where a checker might expect it.
 *
 * The full mix (`fullMix`, the one `defaultFarm` uses), share of links:
 *
 *     alive             81.1 %  200, a realistic body (below)
 *     missing            3 %    404
 *     gone               1 %    410
 *     moved              3 %    301 to `/paper/<i>/new`
 *     moved-twice        1 %    308 to `…/moved`, which is a 301 to `…/new`
 *     temporary          1 %    302 to `…/new`
 *     moved-to-missing   0.5 %  301 to `…/missing`, a 404
 *     head-405           3 %    HEAD answered 405, GET fine
 *     first-429          0.5 %  first hit 429 `Retry-After: 1`, then fine
 *     first-503          0.5 %  first hit 503, `Retry-After` an HTTP date at least 1.5 s ahead
 *                               (a whole second, rounded up, so 1.5 to 2.5 s), then fine
 *     always-429         0.5 %  429 `Retry-After: 1`, every time
 *     flaky-500          0.5 %  first hit 500, then fine
 *     always-502         0.5 %  502, every time
 *     forbidden          0.5 %  403
 *     challenge          0.5 %  403 with `cf-mitigated: challenge` (Cloudflare)
 *     non-standard-999   0.5 %  999 (LinkedIn)
 *     redirect-loop      0.5 %  302 to `…/loop`, which is a 302 back
 *     to-ftp             0.5 %  302 to `ftp://files.example.org/paper.pdf`
 *     to-javascript      0.5 %  302 to `javascript:alert(1)`
 *     slow               0.8 %  alive, but answers after `slowLatency` (3 s)
 *     reset              0.5 %  connection reset before the headers end
 *     reset-mid-body     0.8 %  GET: 200 with `content-length: 100000`, 32 KB of it, then
 *                               the socket destroyed; HEAD: the same headers, fine
 *
 * Alive pages (and redirect targets) are HTML, 10 to 120 KB, that ignore
 * `Range` like dynamic pages (half of them chunked, half with a length), or,
 * one in five, PDFs of 1 to 4 MB that honour `Range: bytes=a-b` with 206 and
 * `content-range` like static servers; kind and size are seeded draws too.
 * Bodies go out in 16 KB chunks, one per event-loop turn, so a client that
 * stops reading stops the byte count within about three chunks (48 KB)
 * instead of after the kernel's loopback buffers (megabytes) have filled; on
 * a real network, count about one TCP window in flight per abandoned body.
 *
 * `classicMix` is the farm's first mix (404, 410, 301, HEAD-405, first-hit
 * 429 and 503, slow); callers that pass their own options without `mix` get
 * it, so their numbers stay comparable.
 *
 * The farm counts requests, TCP connections accepted, body bytes handed to
 * the socket before it closed, and 429s for overflow; `reset()` zeroes them.
 * It also computes bounds for two polite clients, `bounds.get` (GET first)
 * and `bounds.head` (HEAD first, GET only after 405 or 501): see `script`.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { clientBounds, type ClientBounds } from './link-farm-bounds.ts'

export type { ClientBounds }

export type Behaviour =
  | 'alive'
  | 'missing'
  | 'gone'
  | 'moved'
  | 'moved-twice'
  | 'temporary'
  | 'moved-to-missing'
  | 'head-405'
  | 'first-429'
  | 'first-503'
  | 'always-429'
  | 'flaky-500'
  | 'always-502'
  | 'forbidden'
  | 'challenge'
  | 'non-standard-999'
  | 'redirect-loop'
  | 'to-ftp'
  | 'to-javascript'
  | 'slow'
  | 'reset'
  | 'reset-mid-body'

/** Faults and their shares; what is left is `alive`. */
export type Mix = ReadonlyArray<readonly [Behaviour, number]>

export const classicMix: Mix = [
  ['missing', 0.04],
  ['gone', 0.01],
  ['moved', 0.04],
  ['head-405', 0.03],
  ['first-429', 0.004],
  ['first-503', 0.004],
  ['slow', 0.008]
]

export const fullMix: Mix = [
  ['missing', 0.03],
  ['gone', 0.01],
  ['moved', 0.03],
  ['moved-twice', 0.01],
  ['temporary', 0.01],
  ['moved-to-missing', 0.005],
  ['head-405', 0.03],
  ['first-429', 0.005],
  ['first-503', 0.005],
  ['always-429', 0.005],
  ['flaky-500', 0.005],
  ['always-502', 0.005],
  ['forbidden', 0.005],
  ['challenge', 0.005],
  ['non-standard-999', 0.005],
  ['redirect-loop', 0.005],
  ['to-ftp', 0.005],
  ['to-javascript', 0.005],
  ['slow', 0.008],
  ['reset', 0.005],
  ['reset-mid-body', 0.008]
]

export interface FarmOptions {
  hosts: number
  linksPerHost: number
  latency: number
  slowLatency: number
  inFlightLimit: number
  /** `classicMix` when left out. */
  mix?: Mix
}

export const defaultFarm: FarmOptions = { hosts: 4, linksPerHost: 250, latency: 50, slowLatency: 3_000, inFlightLimit: 8, mix: fullMix }

/** A seeded draw in [0, 1) for (host, index, salt): mulberry32 over the three. Salt 0 is the behaviour's draw. */
function draw(host: number, index: number, salt: number): number {
  let seed = (host * 100_003 + index * 7_919 + 12_345 + salt * 1_000_003) | 0
  seed = (seed + 0x6d2b79f5) | 0
  let value = Math.imul(seed ^ (seed >>> 15), 1 | seed)
  value = (value + Math.imul(value ^ (value >>> 7), 61 | value)) ^ value
  return ((value ^ (value >>> 14)) >>> 0) / 4294967296
}

export function behaviourOf(host: number, index: number, mix: Mix = classicMix): Behaviour {
  let value = draw(host, index, 0)
  for (const [behaviour, share] of mix) {
    if (value < share) return behaviour
    value -= share
  }
  return 'alive'
}

/** The body behind a link (and behind its redirect targets). */
export interface Page {
  type: 'html' | 'pdf'
  bytes: number
  /** Sent without `content-length` (HTML only). */
  chunked: boolean
}

export function pageOf(host: number, index: number): Page {
  const size = draw(host, index, 2)
  if (draw(host, index, 1) < 0.2) return { type: 'pdf', bytes: Math.round((1 + 3 * size) * 1024 * 1024), chunked: false }
  return { type: 'html', bytes: Math.round((10 + 110 * size) * 1024), chunked: draw(host, index, 3) < 0.5 }
}


export interface Farm {
  urls: string[]
  behaviours: Map<string, Behaviour>
  pages: Map<string, Page>
  /** Requests received, over all hosts. */
  requests: () => number
  /** Requests answered 429 because more than the limit were in flight. */
  overflows: () => number
  /** TCP connections accepted, over all hosts. */
  connections: () => number
  /** Body bytes handed to sockets before they closed, over all hosts. */
  bytes: () => number
  /** Zeroes every counter and forgets which links were hit. */
  reset: () => void
  bounds: { get: ClientBounds; head: ClientBounds }
  /** The least wall time any client needs for the farm, in ms: the smaller of the two clients' lower bounds. */
  lowerBound: number
  /** The smaller of the two clients' in-order bounds, in ms. */
  inOrderBound: number
  /** Requests the farm forces on a HEAD-first client (`bounds.head.forcedRequests`). */
  forcedRequests: number
  close: () => Promise<void>
}

const chunk = Buffer.alloc(16 * 1024, 'x')
const midBodyLength = 100_000
const midBodyCut = 32 * 1024

export async function startFarm(options: FarmOptions = defaultFarm): Promise<Farm> {
  const mix = options.mix ?? classicMix
  const counters = { requests: 0, overflows: 0, connections: 0, bytes: 0 }
  const seen = new Map<string, number>()
  const servers: Array<{ server: Server; sockets: Set<Socket> }> = []
  const urls: string[] = []
  const behaviours = new Map<string, Behaviour>()
  const pages = new Map<string, Page>()
  const count = (bytes: number) => void (counters.bytes += bytes)
  for (let host = 1; host <= options.hosts; host++) {
    let inFlight = 0
    const sockets = new Set<Socket>()
    const server = createServer((request: IncomingMessage, response: ServerResponse) => {
      counters.requests++
      const path = request.url ?? '/'
      if (inFlight >= options.inFlightLimit) {
        counters.overflows++
        return reply(request, response, 429, { 'retry-after': '1' }, '', count)
      }
      inFlight++
      const match = /^\/paper\/(\d+)(?:\/(new|moved|missing|loop))?$/.exec(path)
      const index = Number(match?.[1] ?? -1)
      const behaviour = match ? behaviourOf(host, index, mix) : 'missing'
      const key = `${host}${path}`
      const hits = (seen.get(key) ?? 0) + 1
      seen.set(key, hits)
      const delay = behaviour === 'slow' && !match?.[2] ? options.slowLatency : options.latency
      setTimeout(() => {
        inFlight--
        answer({ request, response, host, index, behaviour, step: match?.[2], hits, count })
      }, delay)
    })
    server.on('connection', (socket) => {
      counters.connections++
      sockets.add(socket)
      socket.on('close', () => sockets.delete(socket))
    })
    await new Promise<void>((resolve) => server.listen(0, `127.0.0.${host}`, resolve))
    const { port } = server.address() as AddressInfo
    for (let index = 0; index < options.linksPerHost; index++) {
      const url = `http://127.0.0.${host}:${port}/paper/${index}`
      urls.push(url)
      behaviours.set(url, behaviourOf(host, index, mix))
      pages.set(url, pageOf(host, index))
    }
    servers.push({ server, sockets })
  }

  const get = clientBounds(options, (host, index) => behaviourOf(host, index, mix), 'GET')
  const head = clientBounds(options, (host, index) => behaviourOf(host, index, mix), 'HEAD')
  return {
    urls,
    behaviours,
    pages,
    requests: () => counters.requests,
    overflows: () => counters.overflows,
    connections: () => counters.connections,
    bytes: () => counters.bytes,
    reset() {
      Object.assign(counters, { requests: 0, overflows: 0, connections: 0, bytes: 0 })
      seen.clear()
    },
    bounds: { get, head },
    lowerBound: Math.min(get.lowerBound, head.lowerBound),
    inOrderBound: Math.min(get.inOrderBound, head.inOrderBound),
    forcedRequests: head.forcedRequests,
    close: () =>
      Promise.all(
        servers.map(
          ({ server, sockets }) =>
            new Promise<void>((resolve) => {
              for (const socket of sockets) socket.destroy()
              server.close(() => resolve())
            })
        )
      ).then(() => undefined)
  }
}

interface Call {
  request: IncomingMessage
  response: ServerResponse
  host: number
  index: number
  behaviour: Behaviour
  /** The redirect target asked for (`new`, `moved`, `missing`, `loop`), if any. */
  step: string | undefined
  /** Requests for this path so far, this one included. */
  hits: number
  count: (bytes: number) => void
}

/** One link's answer, by its behaviour (and, for redirect targets, by the step asked for). */
function answer(call: Call): void {
  const { request, response, index, hits, count } = call
  const base = `/paper/${index}`
  const status = (code: number, headers: Record<string, string> = {}, text = '') => reply(request, response, code, headers, text, count)
  const send = () => sendPage(request, response, pageOf(call.host, index), count)
  switch (call.step) {
    case 'new':
      return send()
    case 'moved':
      return status(301, { location: `${base}/new` })
    case 'missing':
      return status(404, {}, 'not found')
    case 'loop':
      return status(302, { location: base })
  }
  switch (call.behaviour) {
    case 'missing':
      return status(404, {}, 'not found')
    case 'gone':
      return status(410, {}, 'gone')
    case 'moved':
      return status(301, { location: `${base}/new` })
    case 'moved-twice':
      return status(308, { location: `${base}/moved` })
    case 'temporary':
      return status(302, { location: `${base}/new` })
    case 'moved-to-missing':
      return status(301, { location: `${base}/missing` })
    case 'head-405':
      return request.method === 'HEAD' ? status(405) : send()
    case 'first-429':
      return hits === 1 ? status(429, { 'retry-after': '1' }) : send()
    case 'first-503':
      return hits === 1 ? status(503, { 'retry-after': new Date(Math.ceil((Date.now() + 1_500) / 1_000) * 1_000).toUTCString() }) : send()
    case 'always-429':
      return status(429, { 'retry-after': '1' })
    case 'flaky-500':
      return hits === 1 ? status(500) : send()
    case 'always-502':
      return status(502)
    case 'forbidden':
      return status(403, {}, 'no bots')
    case 'challenge':
      return status(403, { 'cf-mitigated': 'challenge', 'content-type': 'text/html' }, '<title>Just a moment...</title>')
    case 'non-standard-999':
      return status(999)
    case 'redirect-loop':
      return status(302, { location: `${base}/loop` })
    case 'to-ftp':
      return status(302, { location: 'ftp://files.example.org/paper.pdf' })
    case 'to-javascript':
      return status(302, { location: 'javascript:alert(1)' })
    case 'reset':
      response.socket?.write('HTTP/1.1 200 OK\r\nContent-Len')
      return void response.socket?.destroy()
    case 'reset-mid-body':
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': String(midBodyLength) })
      return request.method === 'HEAD' ? void response.end() : stream(response, midBodyLength, count, midBodyCut)
    default:
      return send()
  }
}

function reply(request: IncomingMessage, response: ServerResponse, code: number, headers: Record<string, string>, text: string, count: (bytes: number) => void): void {
  response.writeHead(code, headers)
  if (request.method !== 'HEAD' && text) count(Buffer.byteLength(text))
  response.end(request.method === 'HEAD' ? undefined : text)
}

/** A page: HTML ignores `Range`; a PDF honours `bytes=a-b` (and `bytes=a-`) with 206, and answers 416 past its end. */
function sendPage(request: IncomingMessage, response: ServerResponse, page: Page, count: (bytes: number) => void): void {
  const headers: Record<string, string> = { 'content-type': page.type === 'pdf' ? 'application/pdf' : 'text/html; charset=utf-8' }
  let start = 0
  let length = page.bytes
  let code = 200
  if (page.type === 'pdf') {
    headers['accept-ranges'] = 'bytes'
    const range = /^bytes=(\d+)-(\d*)$/.exec(request.headers.range ?? '')
    if (range) {
      start = Number(range[1])
      if (start >= page.bytes) return reply(request, response, 416, { 'content-range': `bytes */${page.bytes}` }, '', count)
      const end = Math.min(page.bytes - 1, range[2] ? Number(range[2]) : page.bytes - 1)
      length = end - start + 1
      code = 206
      headers['content-range'] = `bytes ${start}-${end}/${page.bytes}`
    }
  }
  if (!page.chunked) headers['content-length'] = String(length)
  response.writeHead(code, headers)
  if (request.method === 'HEAD') return void response.end()
  stream(response, length, count)
}

/** Writes `length` bytes in 16 KB chunks, one per event-loop turn (after a drain if one is due), counting each; destroys the socket after `cutAfter` bytes. */
function stream(response: ServerResponse, length: number, count: (bytes: number) => void, cutAfter = Number.POSITIVE_INFINITY): void {
  let written = 0
  let closed = false
  response.on('close', () => (closed = true))
  const next = (): void => {
    if (closed) return
    if (written >= cutAfter) return void response.socket?.destroy()
    if (written >= length) return void response.end()
    const size = Math.min(chunk.length, length - written, cutAfter - written)
    written += size
    count(size)
    // A drain comes on the next tick: waiting for the next turn as well lets the reader run in between.
    if (response.write(size === chunk.length ? chunk : chunk.subarray(0, size))) setImmediate(next)
    else response.once('drain', () => setImmediate(next))
  }
  next()
}
