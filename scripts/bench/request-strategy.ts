/**
 * Which request a link checker should send, chosen by measurement. On a
 * loopback farm of 1,000 alive links over 4 hosts (the link farm's bodies:
 * HTML of 10–120 KB that ignores `Range`, one in five a PDF of 1–4 MB that
 * honours it; 3 % of links answer HEAD with 405), each strategy checks every
 * link with a keep-alive undici `Agent`, 8 in flight per host, and the farm
 * counts requests, TCP connections and body bytes written. Then the cost on
 * a real https host is estimated from those counts (assumptions printed),
 * and the cheapest strategy named from them.
 *
 * First, the premise: undici closes the socket after every HEAD
 * (client-h1.js sets `socket[kReset]` for HEAD, "to interop with misbehaving
 * servers" that send a body); a request's own `reset: false` is applied after
 * that rule and lifts it, which strategy E uses. Prints what it measured;
 * asserts nothing.
 *
 *     node --import tsx scripts/bench/request-strategy.ts [runs]
 *
 * Each figure is the median of `runs` runs (3 by default).
 */
import { createServer as createTcpServer, type AddressInfo, type Socket } from 'node:net'
import { Agent, request, type Dispatcher } from 'undici'
import { startFarm, type Farm } from './link-farm.ts'

const runs = Math.max(1, Number(process.argv[2]) || 3)
const cap = 64 * 1024
/**
 * A real https host, for the estimate: a request costs a round trip; a new
 * connection two more (TCP's, then TLS 1.3's) and ~5 KB of certificates;
 * a body byte its time on the wire.
 */
interface Network {
  rtt: number
  bitsPerSecond: number
}
const assumed: Network = { rtt: 50, bitsPerSecond: 50e6 }
const handshakeRoundTrips = 2
const certificateBytes = 5 * 1024
const slots = 32

interface Strategy {
  id: string
  name: string
  /** Every link is asked with GET, so a body that breaks off is seen (HEAD-first strategies see it only after a fallback). */
  body: boolean
  /** Checks one link; the final status. */
  check: (url: string, dispatcher: Dispatcher) => Promise<number>
}

type Method = 'GET' | 'HEAD'
const send = (url: string, dispatcher: Dispatcher, method: Method, extra: { headers?: Record<string, string>; reset?: boolean } = {}) =>
  request(url, { dispatcher, method, headers: { 'user-agent': 'request-strategy-bench/0', ...extra.headers }, ...(extra.reset !== undefined ? { reset: extra.reset } : {}) })

/** Reads at most `limit` bytes of a body, then drops the rest (which costs the connection when the body is not over). */
async function readUpTo(body: Dispatcher.ResponseData['body'], limit: number): Promise<void> {
  let read = 0
  for await (const chunk of body) {
    read += (chunk as Buffer).length
    if (read >= limit) break
  }
}

/**
 * `body.dump({limit})`, as the checker used it: a body whose `content-length`
 * exceeds the limit is destroyed at once, unread; another is read until more
 * than the limit has come, then destroyed. Either way an unfinished body
 * costs the connection. (A `limit` of 0 is falsy and means the 128 KB default.)
 */
const dump = (body: Dispatcher.ResponseData['body']) => body.dump({ limit: cap }).catch(() => undefined)

async function headThenGet(url: string, dispatcher: Dispatcher, reset: boolean | undefined): Promise<number> {
  const head = await send(url, dispatcher, 'HEAD', reset === undefined ? {} : { reset })
  await head.body.dump()
  if (head.statusCode < 400) return head.statusCode
  const get = await send(url, dispatcher, 'GET')
  await dump(get.body)
  return get.statusCode
}

async function ranged(url: string, dispatcher: Dispatcher, range: string, limit: number): Promise<number> {
  let response = await send(url, dispatcher, 'GET', { headers: { range } })
  if (response.statusCode === 416) {
    await response.body.dump()
    response = await send(url, dispatcher, 'GET')
  }
  await readUpTo(response.body, limit)
  return response.statusCode
}

const strategies: Strategy[] = [
  { id: 'A', name: 'HEAD, GET on ≥400 (today)', body: false, check: (url, dispatcher) => headThenGet(url, dispatcher, undefined) },
  {
    id: 'B',
    name: 'GET, dump({limit: 64 KB})',
    body: true,
    check: async (url, dispatcher) => {
      const response = await send(url, dispatcher, 'GET')
      await dump(response.body)
      return response.statusCode
    }
  },
  {
    id: "B'",
    name: 'GET, read ≤64 KB',
    body: true,
    check: async (url, dispatcher) => {
      const response = await send(url, dispatcher, 'GET')
      await readUpTo(response.body, cap)
      return response.statusCode
    }
  },
  { id: 'C', name: 'GET bytes=0-0, read ≤64 KB', body: true, check: (url, dispatcher) => ranged(url, dispatcher, 'bytes=0-0', cap) },
  { id: 'D', name: 'GET bytes=0-65535, read ≤64 KB', body: true, check: (url, dispatcher) => ranged(url, dispatcher, 'bytes=0-65535', cap) },
  { id: 'E', name: 'HEAD reset:false, GET on ≥400', body: false, check: (url, dispatcher) => headThenGet(url, dispatcher, false) },
  { id: 'F', name: 'GET bytes=0-0, read ≤256 KB', body: true, check: (url, dispatcher) => ranged(url, dispatcher, 'bytes=0-0', 256 * 1024) }
]

interface Measure {
  requests: number
  connections: number
  bytes: number
  wall: number
  /** Links whose final status was 400 or more (all are alive). */
  failed: number
  overflows: number
}

await premise()

const farm = await startFarm({ hosts: 4, linksPerHost: 250, latency: 50, slowLatency: 3_000, inFlightLimit: 8, mix: [['head-405', 0.03]] })
const rows: Array<{ strategy: Strategy; measure: Measure }> = []
try {
  const pages = [...farm.pages.values()]
  const pdfs = pages.filter((page) => page.type === 'pdf')
  const html = pages.filter((page) => page.type === 'html')
  console.log(`\nfarm: ${farm.urls.length} alive links on 4 hosts, 50 ms per answer; ${farm.urls.filter((url) => farm.behaviours.get(url) === 'head-405').length} answer HEAD with 405`)
  console.log(`  ${html.length} HTML pages (ignore Range; ${html.filter((page) => page.bytes > cap).length} over 64 KB; ${html.filter((page) => page.chunked).length} chunked), ${megabytes(sum(html.map((page) => page.bytes)))} MB`)
  console.log(`  ${pdfs.length} PDFs (honour Range), ${megabytes(sum(pdfs.map((page) => page.bytes)))} MB`)
  console.log(`each strategy: keep-alive undici Agent, 8 in flight per host, median of ${runs} runs\n`)
  for (const strategy of strategies) {
    const measures: Measure[] = []
    for (let run = 0; run < runs; run++) measures.push(await measure(farm, strategy))
    rows.push({ strategy, measure: median(measures) })
  }
} finally {
  await farm.close()
}
report(rows)

async function measure(farm: Farm, strategy: Strategy): Promise<Measure> {
  farm.reset()
  const agent = new Agent({ keepAliveTimeout: 10_000, headersTimeout: 15_000, bodyTimeout: 15_000 })
  const byHost = new Map<string, string[]>()
  for (const url of farm.urls) byHost.set(new URL(url).host, [...(byHost.get(new URL(url).host) ?? []), url])
  let failed = 0
  const started = performance.now()
  try {
    await Promise.all(
      [...byHost.values()].map((urls) =>
        inFlight(urls, 8, async (url) => {
          const status = await strategy.check(url, agent).catch(() => 0)
          if (status === 0 || status >= 400) failed++
        })
      )
    )
  } finally {
    await agent.close()
  }
  return { requests: farm.requests(), connections: farm.connections(), bytes: farm.bytes(), wall: performance.now() - started, failed, overflows: farm.overflows() }
}

/** `task` over `items`, at most `limit` at a time, in order. */
async function inFlight<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  const worker = async () => {
    while (next < items.length) await task(items[next++]!)
  }
  await Promise.all(Array.from({ length: limit }, worker))
}

/** Seconds of one connection's time a run would cost on a real https host. */
function estimate(measure: Measure, network: Network) {
  const roundTrips = (measure.requests * network.rtt) / 1000
  const handshakes = measure.connections * ((handshakeRoundTrips * network.rtt) / 1000 + (certificateBytes * 8) / network.bitsPerSecond)
  const transfer = (measure.bytes * 8) / network.bitsPerSecond
  return { roundTrips, handshakes, transfer, total: roundTrips + handshakes + transfer }
}

function report(rows: Array<{ strategy: Strategy; measure: Measure }>): void {
  const cost = (row: { measure: Measure }, network = assumed) => estimate(row.measure, network).total
  const s = (value: number) => `${value.toFixed(1)} s`
  const columns = (cells: string[], widths: number[]) => cells.map((cell, index) => cell.padStart(widths[index]!)).join('')
  console.log(`${''.padEnd(34)}${columns(['reqs', 'conns', 'body', 'wall'], [5, 6, 8, 8])} |${columns(['RTTs', 'handsh.', 'transf.', 'total', 'fail'], [7, 8, 8, 8, 5])}`)
  for (const row of rows) {
    const { strategy, measure } = row
    const parts = estimate(measure, assumed)
    const measured = columns([String(measure.requests), String(measure.connections), `${megabytes(measure.bytes)} MB`, `${(measure.wall / 1000).toFixed(2)} s`], [5, 6, 8, 8])
    const estimated = columns([s(parts.roundTrips), s(parts.handshakes), s(parts.transfer), s(parts.total), String(measure.failed + measure.overflows)], [7, 8, 8, 8, 5])
    console.log(`${strategy.id.padEnd(3)}${strategy.name.padEnd(31)}${measured} |${estimated}`)
  }
  console.log('left of |: measured on loopback; body: bytes the farm wrote before each socket closed.')
  console.log(`right of |: estimated for a real https host at ${assumed.rtt} ms RTT and ${assumed.bitsPerSecond / 1e6} Mbit/s, in seconds of one`)
  console.log(`connection's time (about total / ${slots} of wall time at ${slots} in flight): RTTs = requests × 1 RTT;`)
  console.log(`handsh. = connections × (${handshakeRoundTrips} RTT, TCP then TLS 1.3, + ${certificateBytes / 1024} KB of certificates); transf. = body bytes.`)
  console.log('An abandoned body costs about one TCP window more in flight on a real network.')
  console.log('fail: links not found alive, plus overflow 429s (0 expected).')

  const fewest = (key: 'connections' | 'bytes' | 'requests') => rows.reduce((best, row) => (row.measure[key] < best.measure[key] ? row : best))
  const cheapest = (candidates: typeof rows, network = assumed) => candidates.reduce((best, row) => (cost(row, network) < cost(best, network) ? row : best))
  const today = rows.find((row) => row.strategy.id === 'A')!
  const conns = fewest('connections')
  const bytes = fewest('bytes')
  const best = cheapest(rows)
  const bestGet = cheapest(rows.filter((row) => row.strategy.body))
  console.log(
    `\nfewest connections: ${conns.strategy.id} (${conns.measure.connections}, A ${today.measure.connections}); fewest body bytes: ${bytes.strategy.id} (${megabytes(bytes.measure.bytes)} MB); ` +
      `fewest requests: ${fewest('requests').strategy.id} (${fewest('requests').measure.requests})`
  )
  console.log(conns === bytes ? `${conns.strategy.id} has both the fewest connections and the fewest bytes.` : `no strategy has both the fewest connections and the fewest bytes; the estimate weighs them.`)
  console.log(`by estimated cost: ${[...rows].sort((a, b) => cost(a) - cost(b)).map((row) => `${row.strategy.id} ${s(cost(row))}`).join(' < ')}`)
  const against = (row: (typeof rows)[number]) =>
    `${s(cost(row))} against ${s(cost(today))} for A: about ${s((cost(today) - cost(row)) / slots)} of wall time less per ${farm.urls.length.toLocaleString('en')} links`
  console.log(`cheapest: ${best.strategy.id} (${best.strategy.name}),\n  ${against(best)}`)
  if (bestGet !== best) console.log(`cheapest that asks every link with GET (so sees every body): ${bestGet.strategy.id} (${bestGet.strategy.name}),\n  ${against(bestGet)}`)

  const rtts = [20, 50, 150]
  const speeds = [10e6, 50e6, 200e6]
  console.log('\ncheapest by network (runner-up and its extra cost):')
  console.log(`${''.padEnd(9)}${speeds.map((speed) => `${speed / 1e6} Mbit/s`.padStart(17)).join('')}`)
  for (const rtt of rtts) {
    const cells = speeds.map((bitsPerSecond) => {
      const network = { rtt, bitsPerSecond }
      const [first, second] = [...rows].sort((a, b) => cost(a, network) - cost(b, network))
      return `${first!.strategy.id} (${second!.strategy.id} +${Math.round((cost(second!, network) / cost(first!, network) - 1) * 100)} %)`.padStart(17)
    })
    console.log(`${`${rtt} ms`.padStart(7)}  ${cells.join('')}`)
  }
}

/**
 * The premise: 100 requests one after another on one keep-alive origin, with
 * undici as it is and with `reset: false`, on Node's server (which answers
 * `Connection: keep-alive`), on a bare HTTP/1.1 server that leaves that
 * header out (persistence is HTTP/1.1's default), and on one that also
 * leaves out the length (the message then ends when the connection does).
 */
async function premise(): Promise<void> {
  const count = 100
  const node = await startFarm({ hosts: 1, linksPerHost: count, latency: 0, slowLatency: 0, inFlightLimit: 8, mix: [] })
  const servers: Array<{ name: string; urls: string[]; connections: () => number; reset: () => void; close: () => Promise<void> }> = [
    { name: 'Node', urls: node.urls, connections: node.connections, reset: node.reset, close: node.close },
    await startBareServer(count, true),
    await startBareServer(count, false)
  ]
  const sequences: Array<[string, Method, boolean | undefined]> = [
    ['HEAD, undici as it is', 'HEAD', undefined],
    ['HEAD, reset: false', 'HEAD', false],
    ['GET Range: bytes=0-0, body read to its end', 'GET', undefined]
  ]
  try {
    console.log(`premise: ${count} requests one after another on one keep-alive undici Agent;`)
    console.log('connections the server accepted:')
    console.log(`${'server:'.padEnd(46)}${servers.map((server) => server.name.padStart(16)).join('')}`)
    for (const [name, method, reset] of sequences) {
      const cells: string[] = []
      for (const server of servers) {
        server.reset()
        const agent = new Agent({ keepAliveTimeout: 10_000 })
        try {
          for (const url of server.urls) {
            const response = await send(url, agent, method, { headers: { range: 'bytes=0-0' }, ...(reset === undefined ? {} : { reset }) })
            await response.body.dump({ limit: 1 << 30 })
          }
        } finally {
          await agent.close()
        }
        cells.push(String(server.connections()).padStart(16))
      }
      console.log(`  ${name.padEnd(44)}${cells.join('')}`)
    }
    console.log('  (Node answers `Connection: keep-alive`; bare leaves that header out and sends a content-length;')
    console.log('  bare, no length sends neither a length nor chunks, so its messages end when the connection does)')
  } finally {
    for (const server of servers) await server.close()
  }
}

/** An HTTP/1.1 server that answers every request 200 without a `Connection` header, with a one-byte body and its length or with neither; it counts connections. */
async function startBareServer(count: number, withLength: boolean) {
  let connections = 0
  const sockets = new Set<Socket>()
  const server = createTcpServer((socket) => {
    connections++
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.on('error', () => undefined)
    let buffered = ''
    socket.on('data', (data) => {
      buffered += data.toString('latin1')
      for (let end = buffered.indexOf('\r\n\r\n'); end >= 0; end = buffered.indexOf('\r\n\r\n')) {
        const head = buffered.slice(0, end)
        buffered = buffered.slice(end + 4)
        const body = head.startsWith('HEAD ') ? '' : 'x'
        socket.write(`HTTP/1.1 200 OK\r\ncontent-type: application/pdf\r\n${withLength ? 'content-length: 1\r\n' : ''}\r\n${body}`)
        if (!withLength && body) socket.end()
      }
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    name: withLength ? 'bare' : 'bare, no length',
    urls: Array.from({ length: count }, (_, index) => `http://127.0.0.1:${port}/paper/${index}`),
    connections: () => connections,
    reset: () => void (connections = 0),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      })
  }
}

function median(measures: Measure[]): Measure {
  const middle = <K extends keyof Measure>(key: K) => [...measures].sort((a, b) => a[key] - b[key])[Math.floor(measures.length / 2)]![key]
  return { requests: middle('requests'), connections: middle('connections'), bytes: middle('bytes'), wall: middle('wall'), failed: middle('failed'), overflows: middle('overflows') }
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0)
}

function megabytes(bytes: number): string {
  return (bytes / 1e6).toFixed(1)
}
