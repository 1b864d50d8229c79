/**
 * One HTTP exchange, with undici: keep-alive pools, connect/headers/total
 * timeouts, a capped body, a descriptive User-Agent, and the address policy
 * (no loopback, private or link-local peers unless allowed), checked on the
 * DNS answer itself. Redirects, retries and politeness live elsewhere.
 */
import { lookup as systemLookup, type LookupAddress } from 'node:dns'
import type { LookupFunction } from 'node:net'
import { Agent, request, type Dispatcher } from 'undici'
import { errorCode } from '../error-code.ts'
import { isPrivateAddress, isPrivateHost } from './addresses.ts'

export type Exchange =
  /** An answer, its body read to the end or to the cap (`bytes` read). */
  | { status: number; headers: Record<string, string>; ms: number; bytes: number }
  /** No answer; `answered` with the status when the headers came and the body broke off. */
  | { error: string; message: string; ms: number; answered?: number }

export interface HttpClient {
  send(url: URL, method: 'HEAD' | 'GET', headers: Record<string, string>): Promise<Exchange>
  close(): Promise<void>
}

export interface HttpClientOptions {
  timeouts: { connect: number; headers: number; total: number }
  bodyCap: number
  /** Ask GETs for the first byte only. */
  range: boolean
  userAgent: string
  allowPrivate: boolean
  /** The resolver (tests pass their own); the system's by default. */
  lookup?: LookupFunction
  /** A dispatcher to use instead of the client's own pool (undici's MockAgent in unit tests). */
  dispatcher?: Dispatcher
}

export function createHttpClient(options: HttpClientOptions): HttpClient {
  const base = options.lookup ?? (systemLookup as unknown as LookupFunction)
  const guardedLookup: LookupFunction = (hostname, lookupOptions, callback) => {
    base(hostname, lookupOptions, (error, address, family) => {
      if (error) return callback(error, address, family)
      const addresses: LookupAddress[] = Array.isArray(address) ? address : [{ address: address as string, family: family ?? 4 }]
      const unsafe = options.allowPrivate ? undefined : addresses.find((candidate) => isPrivateAddress(candidate.address))
      if (unsafe) {
        const refusal = Object.assign(new Error(`${hostname} resolves to ${unsafe.address}, a private address`), { code: 'EPRIVATE' })
        return callback(refusal, address, family)
      }
      callback(null, address, family)
    })
  }
  const agent: Dispatcher = options.dispatcher ?? new Agent({
    connect: { timeout: options.timeouts.connect, lookup: guardedLookup },
    headersTimeout: options.timeouts.headers,
    bodyTimeout: options.timeouts.headers,
    keepAliveTimeout: 10_000
  })

  return {
    async send(url, method, headers) {
      const started = performance.now()
      const elapsed = () => Math.round(performance.now() - started)
      // An IP literal in any form the URL parser accepts, or localhost: refused before connecting.
      const host = url.hostname.replace(/^\[|\]$/g, '')
      if (!options.allowPrivate && isPrivateHost(url.hostname)) {
        return { error: 'EPRIVATE', message: `${host} is a private address`, ms: 0 }
      }
      try {
        // GET asks for the first byte (a `range` header given as '' asks for the whole page); HEAD keeps its connection (undici closes it by default).
        const { range = method === 'GET' && options.range ? 'bytes=0-0' : '', ...rest } = headers
        const response = await request(url, {
          dispatcher: agent,
          method,
          headers: { 'user-agent': options.userAgent, accept: '*/*', ...rest, ...(range ? { range } : {}) },
          ...(method === 'HEAD' ? { reset: false } : {}),
          signal: AbortSignal.timeout(options.timeouts.total)
        })
        const ms = elapsed()
        const read = await readBody(response.body, method === 'HEAD' ? 0 : options.bodyCap)
        // A body that broke off is not an answer: a 200 whose body resets is not alive.
        if (read.error) return { error: errorCode(read.error), message: `the answer broke off after its headers (HTTP ${response.statusCode}, ${read.bytes} bytes of body): ${read.error.message}`, ms: elapsed(), answered: response.statusCode }
        return { status: response.statusCode, headers: flatten(response.headers), ms, bytes: read.bytes }
      } catch (error) {
        return { error: errorCode(error), message: (error as Error).message, ms: elapsed() }
      }
    },
    close: () => agent.close()
  }
}

function flatten(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const result: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers)) if (value !== undefined) result[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value
  return result
}

/**
 * Reads a body to its end or to `cap` bytes, whichever comes first (a body
 * read to its end keeps the connection for the next request; one cut at the
 * cap costs it). An error before either is returned, not swallowed.
 */
async function readBody(body: Dispatcher.ResponseData['body'], cap: number): Promise<{ bytes: number; error?: Error }> {
  let bytes = 0
  try {
    for await (const chunk of body) {
      bytes += (chunk as Buffer).length
      if (bytes >= cap) break
    }
  } catch (error) {
    return { bytes, error: error as Error }
  }
  // Leaving the loop early destroys the stream; a body read to its end has nothing left.
  if (!body.destroyed) body.destroy()
  return { bytes }
}
