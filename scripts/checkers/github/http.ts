/**
 * One request to GitHub's APIs and what its status means for asking again:
 * network errors and 5xx may pass; a 403 or 429 with `Retry-After`, or that
 * names a secondary rate limit, is "too fast"; a spent primary limit or a
 * refused token stops the run. The answer's body is the caller's to read.
 */
import { request, type Dispatcher } from 'undici'
import { errorCode } from '../error-code.ts'
import { retryAfter } from '../retry.ts'
import type { Attempt } from '../service-gate.ts'

export interface GithubDeps {
  userAgent: string
  timeout: number
  token?: string
  dispatcher?: Dispatcher
  now: () => number
}

export interface GithubResponse {
  status: number
  body: string
  header: (name: string) => string | undefined
}

/** The answer, or a failed attempt when the network failed. */
export async function githubRequest(url: string, init: { method?: 'GET' | 'POST'; headers?: Record<string, string>; body?: string }, deps: GithubDeps): Promise<GithubResponse | Exclude<Attempt<never>, { kind: 'ok' }>> {
  try {
    const response = await request(url, {
      method: init.method ?? 'GET',
      ...(deps.dispatcher ? { dispatcher: deps.dispatcher } : {}),
      headers: {
        'user-agent': deps.userAgent,
        ...(deps.token ? { authorization: `bearer ${deps.token}` } : {}),
        ...init.headers
      },
      ...(init.body !== undefined ? { body: init.body } : {}),
      signal: AbortSignal.timeout(deps.timeout)
    })
    const body = await response.body.text()
    return {
      status: response.statusCode,
      body,
      header: (name) => {
        const value = response.headers[name]
        return Array.isArray(value) ? value[0] : value
      }
    }
  } catch (error) {
    return { kind: 'transient', reason: `GitHub did not answer (${errorCode(error)})` }
  }
}

/**
 * What a status says about the service (not about a repository): `undefined`
 * when the caller should read the answer (200, 301, 304, 404, 451, ...).
 */
export function serviceSignal(response: GithubResponse, now: number): Exclude<Attempt<never>, { kind: 'ok' }> | undefined {
  const { status } = response
  if (status === 401) return { kind: 'stop', reason: 'GitHub refused the token (HTTP 401: bad or expired credentials; check `GITHUB_TOKEN`)' }
  if (status === 403 || status === 429) {
    const after = retryAfter(response.header('retry-after'), now)
    const message = githubMessage(response.body)
    if (after !== undefined) return { kind: 'throttled', reason: `GitHub's secondary rate limit (HTTP ${status}, Retry-After ${Math.round(after / 1000)} s)`, after }
    if (response.header('x-ratelimit-remaining') === '0') {
      const reset = Number(response.header('x-ratelimit-reset'))
      return { kind: 'stop', reason: `GitHub's rate limit is spent (HTTP ${status})`, ...(Number.isFinite(reset) && reset > 0 ? { retryAt: reset * 1000 } : {}) }
    }
    // GitHub's documentation: without Retry-After, wait at least a minute after a secondary limit.
    if (/secondary rate limit|abuse/i.test(message)) return { kind: 'throttled', reason: `GitHub's secondary rate limit (HTTP ${status})`, after: 60_000 }
    if (status === 429) return { kind: 'throttled', reason: 'GitHub answered HTTP 429 (too many requests)' }
    return undefined
  }
  if (status >= 500) return { kind: 'transient', reason: `GitHub answered HTTP ${status}` }
  return undefined
}

/** GitHub's `message` from an error body, or the start of whatever came. */
export function githubMessage(body: string): string {
  try {
    const parsed = JSON.parse(body) as { message?: unknown }
    if (typeof parsed?.message === 'string') return parsed.message
  } catch {
    // Not JSON.
  }
  return body.slice(0, 120).replace(/\s+/g, ' ').trim()
}

/** JSON, or `undefined` when the body is not JSON (an HTML error page, a cut-off answer). */
export function parseJson(body: string): unknown {
  try {
    return JSON.parse(body) as unknown
  } catch {
    return undefined
  }
}
