/**
 * The link checker's engine: each unique URL once, HEAD first (GET when HEAD
 * is refused), redirects followed with their chain, retries with backoff,
 * `Retry-After` honoured per host. The network (an HTTP client), the clock
 * and chance are passed in.
 */
import { classify, type Outcome, type Verdict } from './classify.ts'
import type { HttpClient } from './http.ts'
import { hostRule, type LinkOptions } from './options.ts'
import type { Scheduler } from './scheduler.ts'
import type { Hop, LinkStatus } from './types.ts'

export interface CheckDeps {
  client: HttpClient
  scheduler: Scheduler
  options: LinkOptions
  /** Milliseconds since the epoch. */
  now: () => number
  sleep: (ms: number) => Promise<void>
  /** In [0, 1), for jitter. */
  random: () => number
}

export interface CheckProgress {
  done: number
  total: number
  last: LinkStatus
}

/** Checks every URL once, all hosts at once; `onResult` hears of each as it ends. */
export async function checkLinks(urls: readonly string[], deps: CheckDeps, onResult?: (url: string, progress: CheckProgress) => void): Promise<Map<string, LinkStatus>> {
  const results = new Map<string, LinkStatus>()
  const unique = [...new Set(urls)]
  const excluded = deps.options.exclude.map((pattern) => new RegExp(pattern))
  // Hosts that answered HEAD with 405 or 501: their next links go straight to GET.
  const headless = new Set<string>()
  await Promise.all(
    unique.map(async (url) => {
      const status = excluded.some((pattern) => pattern.test(url)) ? skipped(url, 'excluded by the configuration') : await checkUrl(url, deps, headless)
      results.set(url, status)
      onResult?.(url, { done: results.size, total: unique.length, last: status })
    })
  )
  return new Map(unique.map((url) => [url, results.get(url)!]))
}

/** Retries after a 429: the host's signal that we were too fast, not a fault of the link, so a budget of its own. */
const throttleRetries = 3

export async function checkUrl(url: string, deps: CheckDeps, headless = new Set<string>()): Promise<LinkStatus> {
  const hops: Hop[] = []
  let last: Verdict | undefined
  let failures = 0
  let throttles = 0
  for (let attempt = 1; ; attempt++) {
    const { outcome, finalUrl } = await follow(url, deps, hops, headless)
    if (outcome.kind === 'response' && outcome.status < 400) deps.scheduler.succeeded(parse(finalUrl)?.host ?? '')
    const target = parse(finalUrl) ?? parse(url)
    // Politeness is per server (host and port); rules are per host name.
    const host = target?.host ?? ''
    last = classify(outcome, hostRule(target?.hostname ?? '', deps.options.hosts), { hops: [...hops], attempts: attempt, finalUrl }, deps.now())
    if (!last.retry) break
    const throttled = last.overloaded && last.status.kind === 'blocked'
    if (throttled ? ++throttles > throttleRetries : ++failures > deps.options.retries) break
    if (last.after !== undefined && last.after > deps.options.retryAfterCap) {
      const evidence = { ...last.status.evidence, reason: `${last.status.evidence.reason.replace(/, after every retry$/, '')}; the wait exceeds the ${Math.round(deps.options.retryAfterCap / 1000)} s cap, not waited out` }
      return { ...last.status, kind: last.status.kind === 'transient' ? 'transient' : 'blocked', evidence } as LinkStatus
    }
    if (last.overloaded) deps.scheduler.slowDown(host)
    if (last.after !== undefined) {
      // The whole host waits, not only this link.
      deps.scheduler.pause(host, deps.now() + last.after)
    } else {
      const backoff = Math.min(deps.options.backoff.max, deps.options.backoff.base * 2 ** (Math.max(failures, throttles) - 1))
      await deps.sleep(backoff * (0.5 + deps.random()))
    }
  }
  return last!.status
}

/** HEAD (or GET) along the redirect chain, each request through the scheduler, each hop recorded. */
async function follow(start: string, deps: CheckDeps, hops: Hop[], headless: Set<string>): Promise<{ outcome: Outcome; finalUrl: string }> {
  const redirects: Array<{ status: number; from: string; to: string }> = []
  const seen = new Set<string>([start])
  let current = start
  for (;;) {
    let url: URL
    try {
      url = new URL(current)
    } catch {
      return { outcome: { kind: 'error', code: 'ERR_INVALID_URL', message: `\`${current}\` is not a URL` }, finalUrl: current }
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      const outcome: Outcome = redirects.length > 0 ? { kind: 'unsupported-redirect', to: current } : { kind: 'skipped', reason: `\`${url.protocol}\` links are not checked` }
      return { outcome, finalUrl: current }
    }
    const rule = hostRule(url.hostname, deps.options.hosts)
    if (rule.skip) return { outcome: { kind: 'skipped', reason: `links to ${url.hostname} are skipped by the configuration` }, finalUrl: current }
    const headers = rule.headers ?? {}
    let method: 'HEAD' | 'GET' = rule.method ?? (headless.has(url.host) ? 'GET' : 'HEAD')
    let exchange = await send(url, method, headers, deps, hops)
    // HEAD refused or answered oddly: ask again with GET before believing it (429 and 503 are retried as they are).
    if (method === 'HEAD' && 'status' in exchange && exchange.status >= 400 && exchange.status !== 429 && exchange.status !== 503) {
      const refused = exchange.status
      method = 'GET'
      exchange = await send(url, method, headers, deps, hops)
      if ((refused === 405 || refused === 501) && 'status' in exchange && exchange.status < 400) headless.add(url.host)
    }
    if ('error' in exchange) return { outcome: { kind: 'error', code: exchange.error, message: exchange.message }, finalUrl: current }
    const location = exchange.headers.location
    if (exchange.status >= 300 && exchange.status < 400 && location) {
      let next: string
      try {
        next = new URL(location, url).href
      } catch {
        return { outcome: { kind: 'error', code: 'ERR_INVALID_REDIRECT', message: `redirect to \`${location}\`, which is not a URL` }, finalUrl: current }
      }
      redirects.push({ status: exchange.status, from: current, to: next })
      if (seen.has(next)) return { outcome: { kind: 'redirect-loop', to: next }, finalUrl: next }
      if (redirects.length > deps.options.maxRedirects) return { outcome: { kind: 'too-many-redirects', limit: deps.options.maxRedirects }, finalUrl: next }
      seen.add(next)
      current = next
      continue
    }
    return { outcome: { kind: 'response', status: exchange.status, headers: exchange.headers, redirects }, finalUrl: current }
  }
}

async function send(url: URL, method: 'HEAD' | 'GET', headers: Record<string, string>, deps: CheckDeps, hops: Hop[]) {
  const exchange = await deps.scheduler.run(url.host, () => deps.client.send(url, method, headers))
  hops.push({ url: url.href, method, ...('status' in exchange ? { status: exchange.status } : { error: exchange.error }), ms: exchange.ms })
  return exchange
}

function parse(url: string): URL | undefined {
  try {
    return new URL(url)
  } catch {
    return undefined
  }
}

function skipped(url: string, reason: string): LinkStatus {
  return { kind: 'skipped', evidence: { hops: [], attempts: 0, finalUrl: url, reason } }
}
