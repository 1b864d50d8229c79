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
  | { status: number; headers: Record<string, string>; ms: number }
  | { error: string; message: string; ms: number }

export interface HttpClient {
  send(url: URL, method: 'HEAD' | 'GET', headers: Record<string, string>): Promise<Exchange>
  close(): Promise<void>
}

export interface HttpClientOptions {
  timeouts: { connect: number; headers: number; total: number }
  bodyCap: number
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
        const response = await request(url, {
          dispatcher: agent,
          method,
          headers: { 'user-agent': options.userAgent, accept: '*/*', ...headers },
          signal: AbortSignal.timeout(options.timeouts.total)
        })
        const ms = elapsed()
        // Read at most the cap: enough to keep the connection when the body is small, never a whole download.
        await response.body.dump({ limit: method === 'HEAD' ? 0 : options.bodyCap }).catch(() => undefined)
        return { status: response.statusCode, headers: flatten(response.headers), ms }
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
