/**
 * The one retry policy of every checker (links, arXiv, GitHub): how long a
 * `Retry-After` asks to wait (seconds or an HTTP date), how long to back off
 * after a transient failure, and whether a failure is worth another try.
 * Pure: the clock and chance are passed in.
 */

export interface RetryPolicy {
  /** Retries of a transient failure (5xx, reset, timeout, a garbled answer). */
  retries: number
  /** Retries after the server said "too fast" (429, or 503 with `Retry-After`): a budget of its own. */
  throttleRetries: number
  /** Exponential backoff with jitter, in ms: `base · 2^(n-1)`, at most `max`. */
  backoff: { base: number; max: number }
  /** The longest `Retry-After` waited out; a longer one is reported with when to come back. */
  retryAfterCap: number
}

export const defaultRetryPolicy: RetryPolicy = { retries: 2, throttleRetries: 3, backoff: { base: 1_000, max: 30_000 }, retryAfterCap: 60_000 }

/** What a failed attempt says about retrying. */
export type Failure =
  /** The server asked us to slow down; `after` from its `Retry-After`, when it gave one. */
  | { kind: 'throttled'; after?: number }
  /** It may pass: 5xx, a reset, a timeout, an answer that did not parse. */
  | { kind: 'transient' }

/** Failures so far, per kind. */
export interface RetryCount {
  failures: number
  throttles: number
}

export type Decision =
  /** Try again after `wait` ms; `fromServer` when the server chose the wait (it then applies to the whole host). */
  | { retry: true; wait: number; fromServer: boolean }
  /** Give up: the budget is spent, or the server asks for a wait beyond the cap (`retryAt`, ms since the epoch). */
  | { retry: false; why: 'budget' | 'wait-too-long'; retryAt?: number }

/** Counts `failure` into `count` and decides. */
export function decide(failure: Failure, count: RetryCount, policy: RetryPolicy, now: number, random: () => number): Decision {
  if (failure.kind === 'throttled') {
    count.throttles++
    if (failure.after !== undefined && failure.after > policy.retryAfterCap) return { retry: false, why: 'wait-too-long', retryAt: now + failure.after }
    if (count.throttles > policy.throttleRetries) return { retry: false, why: 'budget', ...(failure.after !== undefined ? { retryAt: now + failure.after } : {}) }
    if (failure.after !== undefined) return { retry: true, wait: failure.after, fromServer: true }
    return { retry: true, wait: backoffDelay(count.throttles, policy, random), fromServer: false }
  }
  count.failures++
  if (count.failures > policy.retries) return { retry: false, why: 'budget' }
  return { retry: true, wait: backoffDelay(count.failures, policy, random), fromServer: false }
}

/** The wait before retry number `n` (1-based): exponential, capped, with jitter in [0.5, 1.5). */
export function backoffDelay(n: number, policy: Pick<RetryPolicy, 'backoff'>, random: () => number): number {
  const plain = Math.min(policy.backoff.max, policy.backoff.base * 2 ** Math.max(0, n - 1))
  return Math.round(plain * (0.5 + random()))
}

/** `Retry-After` in seconds or as an HTTP date, as milliseconds from `now`; `undefined` when absent or unreadable. */
export function retryAfter(value: string | string[] | undefined, now: number): number | undefined {
  const text = (Array.isArray(value) ? value[0] : value)?.trim()
  if (text === undefined || text === '') return undefined
  if (/^\d+$/.test(text)) return Number(text) * 1000
  // Only real HTTP dates (`Wed, 21 Oct 2015 07:28:00 GMT` and its obsolete forms), not any text Date.parse accepts.
  if (!/^[A-Za-z]{3,9},? /.test(text)) return undefined
  const date = Date.parse(text)
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}

/** `2026-11-25 10:15 UTC`, for "retry after" messages. */
export function formatRetryAt(at: number): string {
  return `${new Date(at).toISOString().slice(0, 16).replace('T', ' ')} UTC`
}
