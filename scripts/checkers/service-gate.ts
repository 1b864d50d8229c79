/**
 * One metadata service (arXiv's API, GitHub's APIs), asked politely and given
 * up on cleanly. Requests go one at a time, at least `interval` apart counted
 * from the last answer. A "too fast" answer (429, 503) doubles the interval
 * for the rest of the run and pauses for its `Retry-After`. After
 * `breakAfter` failed attempts in a row the service is not asked again this
 * run: every later call is unverified at once, with when to retry. Retries
 * follow the shared policy (`retry.ts`).
 */
import { decide, formatRetryAt, type RetryCount, type RetryPolicy } from './retry.ts'

export interface GateOptions {
  /** The service's name in messages: `arXiv`, `GitHub`. */
  name: string
  /** Milliseconds between an answer and the next request, at least. */
  interval: number
  /** What the interval grows to at most after "too fast" answers. */
  maxInterval: number
  /** Failed attempts in a row after which the service is not asked again this run. */
  breakAfter: number
  /** When to suggest retrying after an outage that named no time, in ms from its start. */
  cooldown: number
  policy: RetryPolicy
}

export interface Clock {
  now: () => number
  sleep: (ms: number) => Promise<void>
  random: () => number
}

/** What one attempt came to, as the service's client reads the answer. */
export type Attempt<T> =
  | { kind: 'ok'; value: T }
  /** "Too fast": 429, or 503 (arXiv's "Rate exceeded"); `after` from `Retry-After`. */
  | { kind: 'throttled'; reason: string; after?: number }
  /** May pass: no answer, 5xx, a timeout, an answer that did not parse or validate. */
  | { kind: 'transient'; reason: string }
  /** Refused for this request only (a 400 for a bad query): not retried, and the service did answer. */
  | { kind: 'refused'; reason: string }
  /** Stop asking for this run: the rate limit is spent, the token was refused. */
  | { kind: 'stop'; reason: string; retryAt?: number }

export type Called<T> = { ok: true; value: T } | { ok: false; reason: string }

/** Why the service is no longer asked, and when it is worth asking again. */
export interface Outage {
  reason: string
  retryAt: number
}

/** The smallest interval after a "too fast" answer from a service that had none. */
const throttledInterval = 1_000

export class ServiceGate {
  /** The interval now: the configured one, or more after "too fast" answers. */
  interval: number
  outage: Outage | undefined
  /** Each request's start (ms) and how it ended, for tests and the benchmark. */
  readonly log: Array<{ at: number; outcome: Attempt<unknown>['kind'] }> = []
  private consecutiveFailures = 0
  private notBefore = Number.NEGATIVE_INFINITY

  constructor(
    readonly options: GateOptions,
    private readonly clock: Clock
  ) {
    this.interval = options.interval
  }

  /** Runs `attempt` with the spacing, retries and breaker; an unverified reason when it could not. */
  async call<T>(attempt: () => Promise<Attempt<T>>): Promise<Called<T>> {
    const count: RetryCount = { failures: 0, throttles: 0 }
    for (;;) {
      if (this.outage) return { ok: false, reason: this.outageMessage()! }
      const wait = this.notBefore - this.clock.now()
      if (wait > 0) await this.clock.sleep(wait)
      const startedAt = this.clock.now()
      const result = await attempt()
      const now = this.clock.now()
      this.log.push({ at: startedAt, outcome: result.kind })
      if (result.kind === 'throttled') {
        // Kept for the rest of the run: a server that says "too fast" once will say it again at the same pace.
        this.interval = Math.min(this.options.maxInterval, Math.max(this.interval * 2, throttledInterval))
      }
      this.notBefore = Math.max(this.notBefore, now + this.interval)
      if (result.kind === 'ok') {
        this.consecutiveFailures = 0
        return { ok: true, value: result.value }
      }
      if (result.kind === 'refused') {
        this.consecutiveFailures = 0
        return { ok: false, reason: result.reason }
      }
      if (result.kind === 'stop') {
        this.outage = { reason: result.reason, retryAt: result.retryAt ?? now + this.options.cooldown }
        return { ok: false, reason: this.outageMessage()! }
      }
      if (++this.consecutiveFailures >= this.options.breakAfter) {
        this.outage = { reason: `${this.options.name} failed ${this.consecutiveFailures} times in a row (last: ${result.reason})`, retryAt: this.retryAtFrom(result, now) }
        return { ok: false, reason: this.outageMessage()! }
      }
      const decision = decide(result.kind === 'throttled' ? { kind: 'throttled', ...(result.after !== undefined ? { after: result.after } : {}) } : { kind: 'transient' }, count, this.options.policy, now, this.clock.random)
      if (!decision.retry) {
        if (decision.why === 'wait-too-long') {
          this.outage = { reason: `${result.reason}, a wait beyond the ${Math.round(this.options.policy.retryAfterCap / 1000)} s cap`, retryAt: decision.retryAt! }
          return { ok: false, reason: this.outageMessage()! }
        }
        return { ok: false, reason: `${result.reason}, after ${count.failures + count.throttles} attempts` }
      }
      this.notBefore = Math.max(this.notBefore, now + decision.wait)
    }
  }

  /** Requests sent so far. */
  get requests(): number {
    return this.log.length
  }

  private retryAtFrom(result: Attempt<unknown>, now: number): number {
    return result.kind === 'throttled' && result.after !== undefined ? now + Math.max(result.after, this.interval) : now + this.options.cooldown
  }

  /** Why the service is no longer asked and when to retry; `undefined` while it answers. */
  outageMessage(): string | undefined {
    return this.outage ? `${this.outage.reason}; stopped asking ${this.options.name}, retry after ${formatRetryAt(this.outage.retryAt)}` : undefined
  }
}
