/**
 * A loopback link farm like a real paper list's links: hosts on 127.0.0.1 to
 * 127.0.0.N, 50 ms per answer, each host answering 429 (Retry-After: 1) to
 * requests beyond 8 in flight; mostly alive links, some 404 and 410,
 * permanent redirects, HEAD answered 405, a few first-hit 429s and 503s, a
 * few answering after 3 s. It counts every request and computes the lower
 * bound of the time any checker needs for it.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'

export type Behaviour = 'alive' | 'missing' | 'gone' | 'moved' | 'head-405' | 'first-429' | 'first-503' | 'slow'

export interface FarmOptions {
  hosts: number
  linksPerHost: number
  latency: number
  slowLatency: number
  inFlightLimit: number
}

export const defaultFarm: FarmOptions = { hosts: 4, linksPerHost: 250, latency: 50, slowLatency: 3_000, inFlightLimit: 8 }

/**
 * The mix, per link: drawn from a seeded generator, so every run has the same
 * farm and no fault sits where a checker might expect it.
 */
const mix: Array<[Behaviour, number]> = [
  ['missing', 0.04],
  ['gone', 0.01],
  ['moved', 0.04],
  ['head-405', 0.03],
  ['first-429', 0.004],
  ['first-503', 0.004],
  ['slow', 0.008]
]

export function behaviourOf(host: number, index: number): Behaviour {
  // mulberry32 over (host, index).
  let seed = (host * 100_003 + index * 7_919 + 12_345) | 0
  seed = (seed + 0x6d2b79f5) | 0
  let value = Math.imul(seed ^ (seed >>> 15), 1 | seed)
  value = (value + Math.imul(value ^ (value >>> 7), 61 | value)) ^ value
  let draw = ((value ^ (value >>> 14)) >>> 0) / 4294967296
  for (const [behaviour, share] of mix) {
    if (draw < share) return behaviour
    draw -= share
  }
  return 'alive'
}

export interface Farm {
  urls: string[]
  behaviours: Map<string, Behaviour>
  /** Requests received, over all hosts. */
  requests: () => number
  /** Requests answered 429 because more than the limit were in flight. */
  overflows: () => number
  reset: () => void
  /** The least wall time any client needs for the farm, in ms. */
  lowerBound: number
  /**
   * The least wall time of a client that checks links in list order, 8 at a
   * time per host, and waits out each Retry-After for the whole host, as the
   * politeness rules ask (simulated with exact latencies, no overhead).
   */
  inOrderBound: number
  /** Requests the farm forces: one per link, plus one per redirect, HEAD-405, first-hit 429 and 503. */
  forcedRequests: number
  close: () => Promise<void>
}

export async function startFarm(options: FarmOptions = defaultFarm): Promise<Farm> {
  let requests = 0
  let overflows = 0
  const seen = new Map<string, number>()
  const servers: Array<{ server: Server; sockets: Set<Socket> }> = []
  const urls: string[] = []
  const behaviours = new Map<string, Behaviour>()
  for (let host = 1; host <= options.hosts; host++) {
    let inFlight = 0
    const sockets = new Set<Socket>()
    const server = createServer((request: IncomingMessage, response: ServerResponse) => {
      requests++
      const path = request.url ?? '/'
      const match = /^\/paper\/(\d+)(\/new)?$/.exec(path)
      if (inFlight >= options.inFlightLimit) {
        overflows++
        return void response.writeHead(429, { 'retry-after': '1' }).end()
      }
      inFlight++
      const behaviour = match ? behaviourOf(host, Number(match[1])) : 'missing'
      const key = `${host}${path}`
      const count = (seen.get(key) ?? 0) + 1
      seen.set(key, count)
      const answer = () => {
        inFlight--
        if (match?.[2]) return void response.writeHead(200).end('moved here')
        switch (behaviour) {
          case 'missing':
            return void response.writeHead(404).end('not found')
          case 'gone':
            return void response.writeHead(410).end('gone')
          case 'moved':
            return void response.writeHead(301, { location: `${path}/new` }).end()
          case 'head-405':
            return void (request.method === 'HEAD' ? response.writeHead(405).end() : response.writeHead(200).end('ok'))
          case 'first-429':
            return void (count === 1 ? response.writeHead(429, { 'retry-after': '1' }).end() : response.writeHead(200).end('ok'))
          case 'first-503':
            return void (count === 1 ? response.writeHead(503).end() : response.writeHead(200).end('ok'))
          default:
            return void response.writeHead(200).end('ok')
        }
      }
      setTimeout(answer, behaviour === 'slow' && !match?.[2] ? options.slowLatency : options.latency)
    })
    server.on('connection', (socket) => {
      sockets.add(socket)
      socket.on('close', () => sockets.delete(socket))
    })
    await new Promise<void>((resolve) => server.listen(0, `127.0.0.${host}`, resolve))
    const { port } = server.address() as AddressInfo
    for (let index = 0; index < options.linksPerHost; index++) {
      const url = `http://127.0.0.${host}:${port}/paper/${index}`
      urls.push(url)
      behaviours.set(url, behaviourOf(host, index))
    }
    servers.push({ server, sockets })
  }

  // The bound: per host, all forced request time spread over the in-flight limit, or the longest single chain.
  let bound = 0
  let forced = 0
  for (let host = 1; host <= options.hosts; host++) {
    let slotTime = 0
    let longest = 0
    for (let index = 0; index < options.linksPerHost; index++) {
      const behaviour = behaviourOf(host, index)
      const extra = behaviour === 'moved' || behaviour === 'head-405' || behaviour === 'first-429' || behaviour === 'first-503' ? 1 : 0
      forced += 1 + extra
      const own = behaviour === 'slow' ? options.slowLatency : options.latency * (1 + extra)
      slotTime += own
      longest = Math.max(longest, behaviour === 'first-429' ? 2 * options.latency + 1_000 : own)
    }
    bound = Math.max(bound, slotTime / options.inFlightLimit, longest)
  }

  let inOrder = 0
  for (let host = 1; host <= options.hosts; host++) {
    inOrder = Math.max(inOrder, simulateInOrder(host, options))
  }

  return {
    urls,
    behaviours,
    inOrderBound: Math.round(inOrder),
    requests: () => requests,
    overflows: () => overflows,
    reset() {
      requests = 0
      overflows = 0
      seen.clear()
    },
    lowerBound: Math.round(bound),
    forcedRequests: forced,
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

/** Event simulation of one host for a polite in-order client: exact latencies, 8 slots, host-wide Retry-After waits. */
function simulateInOrder(host: number, options: FarmOptions): number {
  type Job = { requests: number[]; index: number; retry?: 'after-429' | 'after-503' }
  const queue: Job[] = []
  for (let index = 0; index < options.linksPerHost; index++) {
    const behaviour = behaviourOf(host, index)
    const latency = options.latency
    const requests = behaviour === 'slow' ? [options.slowLatency] : behaviour === 'moved' || behaviour === 'head-405' ? [latency, latency] : [latency]
    queue.push({ requests, index, ...(behaviour === 'first-429' ? { retry: 'after-429' as const } : behaviour === 'first-503' ? { retry: 'after-503' as const } : {}) })
  }
  const slots: number[] = Array(options.inFlightLimit).fill(0)
  let pausedUntil = 0
  let end = 0
  while (queue.length > 0) {
    const job = queue.shift()!
    const slot = slots.indexOf(Math.min(...slots))
    const start = Math.max(slots[slot]!, pausedUntil)
    const finish = start + job.requests.reduce((sum, value) => sum + value, 0)
    slots[slot] = finish
    end = Math.max(end, finish)
    if (job.retry === 'after-429') {
      pausedUntil = Math.max(pausedUntil, finish + 1_000)
      queue.push({ requests: [options.latency], index: job.index })
    } else if (job.retry === 'after-503') {
      queue.push({ requests: [options.latency], index: job.index })
    }
  }
  return end
}
