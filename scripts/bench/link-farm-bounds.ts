/**
 * The link farm's bounds: what a polite client must do for each link (its
 * requests and waits) and, from that, per client kind (GET first, HEAD
 * first), the requests the farm forces, the least time any client needs, and
 * an exact-latency simulation of a client that checks links in list order.
 */
import type { Behaviour, FarmOptions } from './link-farm.ts'

/** The bounds of one kind of polite client on this farm. */
export interface ClientBounds {
  /** Requests the farm forces on it (see `script`). */
  forcedRequests: number
  /** Per host, its forced request time spread over the in-flight limit, or its longest single chain; the worst host. In ms. */
  lowerBound: number
  /** An exact-latency simulation of it checking links in list order, waits for the whole host (the minimal client's policy). In ms. */
  inOrderBound: number
}

/**
 * What a polite client must do for one link, as requests (with their
 * latency) and waits. The policy assumed, the checker's and the minimal
 * client's: redirects followed, a revisited URL ends the chain (a loop costs
 * two requests), a redirect out of http(s) is not followed; after a 429 or a
 * 503 with `Retry-After`, the wait it asks for (`hostWait`), then a retry, at
 * most 3 (so always-429 costs 4 requests and 3 s; first-503's date is taken
 * at its least, 1.5 s, though it may ask up to 2.5 s); after another 5xx or a
 * network error, a retry after the client's own backoff (`backoff`, 1 s, left
 * out of the lower bound since a client may choose it shorter), at most 2
 * (always-502, reset: 3 requests).
 *
 * GET first: reset-mid-body fails while reading the body, so it is retried
 * like a reset (3 requests). HEAD first (GET only after 405 or 501, the
 * checker's `forcedRequests` of old): head-405 costs a GET more, flaky-500's
 * 500 is retried, and reset-mid-body passes on its HEAD (one request; such a
 * client never sees the fault).
 */
type Step = { request: number } | { hostWait: number } | { backoff: number }

function script(behaviour: Behaviour, method: 'GET' | 'HEAD', options: FarmOptions): Step[] {
  const request = { request: options.latency }
  const retried = (times: number, wait: Step): Step[] => [request, ...Array.from({ length: times }, () => [wait, request]).flat()]
  const backoff = { backoff: 1_000 }
  switch (behaviour) {
    case 'moved':
    case 'temporary':
    case 'moved-to-missing':
    case 'redirect-loop':
      return [request, request]
    case 'moved-twice':
      return [request, request, request]
    case 'head-405':
      return method === 'HEAD' ? [request, request] : [request]
    case 'first-429':
      return retried(1, { hostWait: 1_000 })
    case 'first-503':
      return retried(1, { hostWait: 1_500 })
    case 'always-429':
      return retried(3, { hostWait: 1_000 })
    case 'flaky-500':
      return retried(1, backoff)
    case 'always-502':
    case 'reset':
      return retried(2, backoff)
    case 'reset-mid-body':
      return method === 'HEAD' ? [request] : retried(2, backoff)
    case 'slow':
      return [{ request: options.slowLatency }]
    default:
      return [request]
  }
}

export function clientBounds(options: FarmOptions, behaviourAt: (host: number, index: number) => Behaviour, method: 'GET' | 'HEAD'): ClientBounds {
  let forcedRequests = 0
  let lowerBound = 0
  let inOrderBound = 0
  for (let host = 1; host <= options.hosts; host++) {
    const scripts = Array.from({ length: options.linksPerHost }, (_, index) => script(behaviourAt(host, index), method, options))
    let slotTime = 0
    let longest = 0
    for (const steps of scripts) {
      const requests = steps.flatMap((step) => ('request' in step ? [step.request] : []))
      forcedRequests += requests.length
      slotTime += requests.reduce((sum, ms) => sum + ms, 0)
      longest = Math.max(longest, steps.reduce((sum, step) => sum + ('request' in step ? step.request : 'hostWait' in step ? step.hostWait : 0), 0))
    }
    lowerBound = Math.max(lowerBound, slotTime / options.inFlightLimit, longest)
    inOrderBound = Math.max(inOrderBound, simulateInOrder(scripts, options.inFlightLimit))
  }
  return { forcedRequests, lowerBound: Math.round(lowerBound), inOrderBound: Math.round(inOrderBound) }
}

/**
 * One host, exact latencies, no overhead: links start in list order on
 * `slots` slots; a link's next request (redirect, retry) goes before links
 * not yet started; a `hostWait` holds the whole host's next start; a
 * `backoff` holds only its link.
 */
function simulateInOrder(scripts: Step[][], slots: number): number {
  type Job = { steps: Step[]; at: number }
  const queue: Job[] = scripts.map((steps) => ({ steps, at: 0 }))
  const events: Array<{ time: number; job: Job; done: boolean }> = []
  let free = slots
  let now = 0
  let pausedUntil = 0
  let end = 0
  const advance = (job: Job) => {
    for (; job.at < job.steps.length; job.at++) {
      const step = job.steps[job.at]!
      if ('request' in step) return void queue.unshift(job)
      if ('hostWait' in step) pausedUntil = Math.max(pausedUntil, now + step.hostWait)
      else return void events.push({ time: now + step.backoff, job: { steps: job.steps, at: job.at + 1 }, done: false })
    }
    end = Math.max(end, now)
  }
  for (;;) {
    while (free > 0 && queue.length > 0 && now >= pausedUntil) {
      const job = queue.shift()!
      free--
      events.push({ time: now + (job.steps[job.at] as { request: number }).request, job, done: true })
    }
    const waiting = free > 0 && queue.length > 0 ? pausedUntil : Number.POSITIVE_INFINITY
    const next = events.reduce((best, event, index) => (event.time < (events[best]?.time ?? Number.POSITIVE_INFINITY) ? index : best), -1)
    if (next < 0 && waiting === Number.POSITIVE_INFINITY) return end
    if (next < 0 || waiting < events[next]!.time) {
      now = waiting
      continue
    }
    const event = events.splice(next, 1)[0]!
    now = event.time
    if (event.done) {
      free++
      event.job.at++
      advance(event.job)
    } else advance(event.job)
  }
}
