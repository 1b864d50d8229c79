/**
 * Politeness and speed at once: a global limit on requests in flight, a
 * per-host limit, a minimum interval between a host's requests, and per-host
 * pauses for `Retry-After`. Hosts are served round-robin and never wait on
 * each other. The limit drops only on evidence that it is too high (two
 * different links throttled with no answer in between: a burst of
 * overflow), not for one link's 429. A host that gives no answer at all
 * several times in a row is not asked again this run.
 */
import { hostRule, type HostRule } from './options.ts'

interface HostState {
  limit: number
  /** The configured limit. */
  max: number
  /** What the limit climbs back to: lowered when the host says it is overloaded, raised again after long runs of successes. */
  ceiling: number
  /** Successes since the limit last changed. */
  successes: number
  interval: number
  inFlight: number
  pausedUntil: number
  lastStart: number
  waiting: Array<() => void>
  /** Links throttled since the host's last other answer. */
  throttled: Set<string>
  /** Requests in a row that got no answer at all (refused, timed out, reset before the headers). */
  silent: number
  /** Why the host is no longer asked, once it is not. */
  stopped?: string
}

export interface SchedulerOptions {
  concurrency: number
  hostConcurrency: number
  hosts: readonly HostRule[]
  /** Requests in a row without an answer after which a host is not asked again this run. */
  hostBreakAfter: number
}

export class Scheduler {
  private readonly hosts = new Map<string, HostState>()
  private inFlight = 0
  private timer: NodeJS.Timeout | undefined
  private timerAt = Number.POSITIVE_INFINITY
  /** Requests started, per host, for statistics. */
  readonly started = new Map<string, number>()

  constructor(private readonly options: SchedulerOptions) {}

  /** Runs `task` when a slot for `host` (a URL's `host`: name and port) is free, and frees it after. */
  async run<T>(host: string, task: () => Promise<T>): Promise<T> {
    await new Promise<void>((resolve) => {
      this.state(host).waiting.push(resolve)
      this.pump()
    })
    const state = this.state(host)
    this.started.set(host, (this.started.get(host) ?? 0) + 1)
    try {
      return await task()
    } finally {
      state.inFlight--
      this.inFlight--
      this.pump()
    }
  }

  /** No new request to `host` before `until` (ms since epoch); a later pause wins. */
  pause(host: string, until: number): void {
    const state = this.state(host)
    state.pausedUntil = Math.max(state.pausedUntil, until)
  }

  /**
   * After evidence that the host is overloaded: a quarter off its limit (at
   * least 1), and never climb back to the limit that overloaded it.
   */
  slowDown(host: string): void {
    const state = this.state(host)
    state.ceiling = Math.max(1, Math.min(state.ceiling, state.limit - 1))
    state.limit = Math.max(1, Math.floor((state.limit * 3) / 4))
    state.successes = 0
  }

  /**
   * What the host answered `url`: a throttle (429, or 503 with
   * `Retry-After`) or anything else. Two different links throttled with no
   * other answer in between is a burst of overflow: the limit drops.
   */
  answered(host: string, url: string, throttled: boolean): void {
    const state = this.state(host)
    state.silent = 0
    if (!throttled) {
      state.throttled.clear()
      return this.succeeded(host)
    }
    state.throttled.add(url)
    if (state.throttled.size >= 2) {
      state.throttled.clear()
      this.slowDown(host)
    }
  }

  /** The host did not answer at all; after `hostBreakAfter` in a row it is not asked again this run. */
  silent(host: string, why: string): void {
    const state = this.state(host)
    if (++state.silent >= this.options.hostBreakAfter && !state.stopped) state.stopped = `${host} did not answer ${state.silent} times in a row (last: ${why}); not asked again this run`
  }

  /** Why `host` is no longer asked, or `undefined`. */
  stoppedReason(host: string): string | undefined {
    return this.state(host).stopped
  }

  /**
   * After as many successes in a row as the limit, the limit grows by one, up
   * to the ceiling; after four times as many at the ceiling, the ceiling
   * grows too, up to the configured limit. A host that is really full keeps
   * its lower ceiling.
   */
  private succeeded(host: string): void {
    const state = this.state(host)
    state.successes++
    if (state.limit < state.ceiling) {
      if (state.successes < state.limit) return
    } else if (state.ceiling < state.max) {
      if (state.successes < 4 * state.ceiling) return
      state.ceiling++
    } else return
    state.limit++
    state.successes = 0
    this.pump()
  }

  limitOf(host: string): number {
    return this.state(host).limit
  }

  private state(host: string): HostState {
    let state = this.hosts.get(host)
    if (!state) {
      const rule = hostRule(host.replace(/:\d+$/, ''), this.options.hosts)
      const limit = rule.concurrency ?? this.options.hostConcurrency
      state = { limit, max: limit, ceiling: limit, successes: 0, interval: rule.interval ?? 0, inFlight: 0, pausedUntil: 0, lastStart: Number.NEGATIVE_INFINITY, waiting: [], throttled: new Set(), silent: 0 }
      this.hosts.set(host, state)
    }
    return state
  }

  /** Starts what may start, one per host per round; arms a timer for hosts that must wait. */
  private pump(): void {
    const now = Date.now()
    let wakeAt = Number.POSITIVE_INFINITY
    let started = true
    while (started && this.inFlight < this.options.concurrency) {
      started = false
      for (const state of this.hosts.values()) {
        if (state.waiting.length === 0 || state.inFlight >= state.limit) continue
        const readyAt = Math.max(state.pausedUntil, state.lastStart + state.interval)
        if (readyAt > now) {
          wakeAt = Math.min(wakeAt, readyAt)
          continue
        }
        if (this.inFlight >= this.options.concurrency) break
        state.inFlight++
        this.inFlight++
        state.lastStart = now
        state.waiting.shift()!()
        started = true
      }
    }
    if (wakeAt < Number.POSITIVE_INFINITY && wakeAt < this.timerAt) {
      clearTimeout(this.timer)
      this.timerAt = wakeAt
      this.timer = setTimeout(() => {
        this.timerAt = Number.POSITIVE_INFINITY
        this.pump()
      }, wakeAt - now)
    }
  }
}
