/**
 * The shared retry policy and the service gate on a virtual clock: servers
 * stricter than the default interval, servers that are down, `Retry-After`
 * in both forms and beyond the cap. Each a family of shapes.
 */
import { describe, expect, test } from 'vitest'
import { backoffDelay, decide, defaultRetryPolicy, retryAfter } from '../scripts/checkers/retry.ts'
import { ServiceGate, type Attempt, type Clock, type GateOptions } from '../scripts/checkers/service-gate.ts'

/** A clock that only moves when someone sleeps. */
function virtualClock(start = Date.UTC(2026, 10, 25, 9, 0, 0)): Clock & { time: () => number } {
  let now = start
  return {
    now: () => now,
    sleep: async (ms) => {
      now += ms
    },
    random: () => 0.5,
    time: () => now
  }
}

const gateOptions = (overrides: Partial<GateOptions> = {}): GateOptions => ({
  name: 'Service',
  interval: 3_000,
  maxInterval: 60_000,
  breakAfter: 3,
  cooldown: 30 * 60_000,
  policy: { ...defaultRetryPolicy, retries: 2 },
  ...overrides
})

/**
 * A server that refuses requests sooner than `minInterval` after its last
 * answer, the way a stricter arXiv would, optionally saying how long to wait.
 */
function stricterServer(clock: Clock, minInterval: number, retryAfterForm?: 'seconds' | 'date') {
  let lastAnswer = Number.NEGATIVE_INFINITY
  let violations = 0
  let requests = 0
  const answer = async (): Promise<Attempt<string>> => {
    requests++
    const now = clock.now()
    const early = now - lastAnswer < minInterval
    lastAnswer = now
    if (!early) return { kind: 'ok', value: 'feed' }
    violations++
    const wait = minInterval
    const header = retryAfterForm === 'seconds' ? String(wait / 1000) : retryAfterForm === 'date' ? new Date(now + wait).toUTCString() : undefined
    const after = retryAfter(header, now)
    return { kind: 'throttled', reason: 'HTTP 503 Rate exceeded', ...(after !== undefined ? { after } : {}) }
  }
  return { answer, violations: () => violations, requests: () => requests }
}

describe('a server stricter than the configured interval', () => {
  test.for([
    { minInterval: 5_000, form: undefined },
    { minInterval: 5_000, form: 'seconds' },
    { minInterval: 5_000, form: 'date' },
    { minInterval: 10_000, form: undefined },
    { minInterval: 20_000, form: 'seconds' }
  ] as const)('$minInterval ms, Retry-After $form: the interval doubles until it suffices and stays, one refusal per doubling', async ({ minInterval, form }) => {
    const clock = virtualClock()
    const server = stricterServer(clock, minInterval, form)
    const gate = new ServiceGate(gateOptions(), clock)
    for (let batch = 0; batch < 11; batch++) expect((await gate.call(server.answer)).ok).toBe(true)
    // 3 s → 6 s → 12 s → 24 s: a refusal teaches at most once per doubling needed.
    expect(server.violations()).toBeLessThanOrEqual(Math.ceil(Math.log2(minInterval / 3_000)))
    expect(gate.interval).toBeGreaterThanOrEqual(minInterval)
    expect(gate.outage).toBeUndefined()
  })

  test('the old client (a fixed interval) made many more violations on the same server', async () => {
    const clock = virtualClock()
    const server = stricterServer(clock, 5_000)
    // A gate whose interval cannot grow stands for the old client.
    const gate = new ServiceGate(gateOptions({ maxInterval: 3_000 }), clock)
    for (let batch = 0; batch < 5; batch++) await gate.call(server.answer)
    expect(server.violations()).toBeGreaterThanOrEqual(3)
  })
})

describe('a service that is down', () => {
  test.for([
    ['no answer', { kind: 'transient', reason: 'did not answer (ECONNREFUSED)' }],
    ['503 always', { kind: 'throttled', reason: 'HTTP 503' }],
    ['429 with Retry-After 1', { kind: 'throttled', reason: 'HTTP 429', after: 1_000 }],
    ['garbage', { kind: 'transient', reason: 'not an Atom feed' }]
  ] as const)('%s: at most `breakAfter` requests for the whole run, every later call unverified at once, with when to retry', async ([, failure]) => {
    const clock = virtualClock()
    const gate = new ServiceGate(gateOptions(), clock)
    let requests = 0
    const results = []
    // 47 IDs in batches of 10: five calls.
    for (let batch = 0; batch < 5; batch++) {
      results.push(
        await gate.call(async () => {
          requests++
          return failure as Attempt<string>
        })
      )
    }
    expect(requests).toBe(3)
    expect(results.every((result) => !result.ok)).toBe(true)
    expect(gate.outageMessage()).toMatch(/^Service failed 3 times in a row \(last: .+\); stopped asking Service, retry after 2026-11-25 \d\d:\d\d UTC$/)
  })

  test('a service that recovers within the budget is not stopped', async () => {
    const clock = virtualClock()
    const gate = new ServiceGate(gateOptions(), clock)
    let requests = 0
    const result = await gate.call<string>(async () => (++requests < 3 ? { kind: 'transient', reason: 'HTTP 502' } : { kind: 'ok', value: 'feed' }))
    expect(result).toEqual({ ok: true, value: 'feed' })
    expect(gate.outage).toBeUndefined()
  })
})

describe('Retry-After', () => {
  test.for([
    ['seconds', '7', 7_000],
    ['HTTP date', new Date(Date.UTC(2026, 10, 25, 9, 0, 12)).toUTCString(), 12_000],
    ['RFC 850 date', 'Wednesday, 25-Nov-26 09:00:20 GMT', 20_000],
    ['asctime date', 'Wed Nov 25 09:00:30 2026', 30_000],
    ['a date in the past', new Date(Date.UTC(2026, 10, 25, 8, 0, 0)).toUTCString(), 0]
  ] as const)('%s is read and waited out before the next request', async ([, header, expected]) => {
    const clock = virtualClock()
    expect(retryAfter(header, clock.now())).toBe(expected)
    const gate = new ServiceGate(gateOptions({ interval: 0 }), clock)
    const starts: number[] = []
    await gate.call<string>(async () => {
      starts.push(clock.now())
      return starts.length === 1 ? { kind: 'throttled', reason: 'HTTP 429', after: retryAfter(header, clock.now())! } : { kind: 'ok', value: 'ok' }
    })
    expect(starts[1]! - starts[0]!).toBeGreaterThanOrEqual(expected)
  })

  test.for([['soon'], [''], ['-5'], ['1.5'], ['tomorrow at noon']])('`%s` is not a Retry-After', ([header]) => {
    expect(retryAfter(header, Date.now())).toBeUndefined()
  })

  test('beyond the cap: not waited out; the service is stopped and the message says when to retry', async () => {
    const clock = virtualClock()
    const gate = new ServiceGate(gateOptions(), clock)
    const result = await gate.call<string>(async () => ({ kind: 'throttled', reason: 'HTTP 429', after: 3_600_000 }))
    expect(result.ok).toBe(false)
    expect(clock.time()).toBe(Date.UTC(2026, 10, 25, 9, 0, 0))
    expect(gate.outageMessage()).toContain('retry after 2026-11-25 10:00 UTC')
  })
})

test('the policy: exponential backoff with jitter, separate budgets for throttles and failures', () => {
  const policy = { ...defaultRetryPolicy, backoff: { base: 100, max: 1_000 } }
  expect([1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, policy, () => 0.5))).toEqual([100, 200, 400, 800, 1_000, 1_000])
  expect(backoffDelay(1, policy, () => 0)).toBe(50)
  const count = { failures: 0, throttles: 0 }
  const decisions = [decide({ kind: 'transient' }, count, policy, 0, () => 0.5), decide({ kind: 'throttled', after: 500 }, count, policy, 0, () => 0.5), decide({ kind: 'transient' }, count, policy, 0, () => 0.5), decide({ kind: 'transient' }, count, policy, 0, () => 0.5)]
  expect(decisions.map((decision) => decision.retry)).toEqual([true, true, true, false])
  expect(decisions[1]).toEqual({ retry: true, wait: 500, fromServer: true })
})
