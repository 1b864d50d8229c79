/**
 * The link checker's engine: each unique URL once, redirects followed with
 * their chain, retries by the shared policy (`../retry.ts`), `Retry-After`
 * honoured for the whole host. The method is chosen when the request's turn
 * comes, so what a host taught about HEAD applies to every link still
 * queued. A host that stops answering is not asked again this run. The
 * network (an HTTP client), the clock and chance are passed in.
 */
import { decide, type RetryCount } from '../retry.ts'
import { classify, type Outcome } from './classify.ts'
import type { Exchange, HttpClient } from './http.ts'
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
  // Hosts that answered HEAD with 405 or 501: their next requests are GETs.
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

export async function checkUrl(url: string, deps: CheckDeps, headless = new Set<string>()): Promise<LinkStatus> {
  const hops: Hop[] = []
  const count: RetryCount = { failures: 0, throttles: 0 }
  const policy = { retries: deps.options.retries, throttleRetries: deps.options.throttleRetries, backoff: deps.options.backoff, retryAfterCap: deps.options.retryAfterCap }
  for (let attempt = 1; ; attempt++) {
    const { outcome, finalUrl } = await follow(url, deps, hops, headless)
    const target = parse(finalUrl) ?? parse(url)
    // Politeness is per server (host and port); rules are per host name.
    const host = target?.host ?? ''
    const verdict = classify(outcome, hostRule(target?.hostname ?? '', deps.options.hosts), { hops: [...hops], attempts: attempt, finalUrl }, deps.now())
    if (!verdict.retry) return verdict.status
    const decision = decide(verdict.overloaded ? { kind: 'throttled', ...(verdict.after !== undefined ? { after: verdict.after } : {}) } : { kind: 'transient' }, count, policy, deps.now(), deps.random)
    if (!decision.retry) {
      if (decision.why !== 'wait-too-long') return verdict.status
      const evidence = { ...verdict.status.evidence, reason: `${verdict.status.evidence.reason.replace(/, after every retry$/, '')}; the wait exceeds the ${Math.round(deps.options.retryAfterCap / 1000)} s cap, not waited out` }
      return { ...verdict.status, evidence } as LinkStatus
    }
    // A wait the server asked for holds the whole host; a backoff holds only this link.
    if (decision.fromServer) deps.scheduler.pause(host, deps.now() + decision.wait)
    else await deps.sleep(decision.wait)
  }
}

/** Along the redirect chain, each request through the scheduler, each hop recorded. */
async function follow(start: string, deps: CheckDeps, hops: Hop[], headless: Set<string>): Promise<{ outcome: Outcome; finalUrl: string }> {
  const redirects: Array<{ status: number; from: string; to: string }> = []
  const seen = new Set<string>([start])
  let current = start
  for (;;) {
    let url: URL
    try {
      url = new URL(current)
    } catch {
      return { outcome: { kind: 'error', code: 'ERR_INVALID_URL', message: `\`${current}\` is not a URL`, redirects }, finalUrl: current }
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      const outcome: Outcome = redirects.length > 0 ? { kind: 'unsupported-redirect', to: current, redirects } : { kind: 'skipped', reason: `\`${url.protocol}\` links are not checked` }
      return { outcome, finalUrl: current }
    }
    const rule = hostRule(url.hostname, deps.options.hosts)
    if (rule.skip) return { outcome: { kind: 'skipped', reason: `links to ${url.hostname} are skipped by the configuration` }, finalUrl: current }
    const exchange = await ask(url, rule.method, rule.headers ?? {}, deps, hops, headless)
    if ('error' in exchange) return { outcome: { kind: 'error', code: exchange.error, message: exchange.message, redirects }, finalUrl: current }
    const location = exchange.headers.location
    if (exchange.status >= 300 && exchange.status < 400 && location) {
      let next: string
      try {
        next = new URL(location, url).href
      } catch {
        return { outcome: { kind: 'error', code: 'ERR_INVALID_REDIRECT', message: `redirect to \`${location}\`, which is not a URL`, redirects }, finalUrl: current }
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

/**
 * One URL asked once: with the configured method, or HEAD then GET when HEAD
 * is refused or answered with an error (429 and 503 are retried as they
 * are). A host that answered HEAD with 405 or 501 gets GET from then on; a
 * GET answered 416 (no first byte alone) is asked again for the page.
 */
async function ask(url: URL, ruleMethod: 'HEAD' | 'GET' | undefined, headers: Record<string, string>, deps: CheckDeps, hops: Hop[], headless: Set<string>): Promise<Exchange> {
  const chosen = () => ruleMethod ?? (headless.has(url.host) ? 'GET' : deps.options.method)
  const first = await send(url, chosen, headers, deps, hops)
  if (!('status' in first.exchange)) return first.exchange
  const status = first.exchange.status
  // A server that cannot serve the first byte alone (416) is asked for the page.
  if (first.method === 'GET' && status === 416 && deps.options.range && !('range' in headers)) return (await send(url, () => 'GET', { ...headers, range: '' }, deps, hops)).exchange
  if (first.method !== 'HEAD' || status < 400 || status === 429 || status === 503) return first.exchange
  // Learnt at once, so that the host's links still queued are asked with GET when their turn comes.
  if (status === 405 || status === 501) headless.add(url.host)
  return (await send(url, () => 'GET', headers, deps, hops)).exchange
}

/** Errors that mean the host gave no answer at all (not a name that does not resolve, not a refused address). */
const silence = /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|EPIPE|TIMEOUT|UND_ERR_CONNECT_TIMEOUT|UND_ERR_HEADERS_TIMEOUT|UND_ERR_SOCKET|UND_ERR_CLOSED)$/

/** One request when the host's turn comes; the method is decided then, not when the link was queued. */
async function send(url: URL, method: () => 'HEAD' | 'GET', headers: Record<string, string>, deps: CheckDeps, hops: Hop[]): Promise<{ method: 'HEAD' | 'GET'; exchange: Exchange }> {
  let used: 'HEAD' | 'GET' = 'GET'
  const exchange = await deps.scheduler.run(url.host, async (): Promise<Exchange> => {
    used = method()
    const stopped = deps.scheduler.stoppedReason(url.host)
    if (stopped) return { error: 'EHOSTSTOPPED', message: stopped, ms: 0 }
    return deps.client.send(url, used, headers)
  })
  hops.push({ url: url.href, method: used, ...('status' in exchange ? { status: exchange.status } : { error: exchange.error, ...(exchange.answered !== undefined ? { status: exchange.answered } : {}) }), ms: exchange.ms })
  if ('status' in exchange) deps.scheduler.answered(url.host, url.href, exchange.status === 429 || (exchange.status === 503 && exchange.headers['retry-after'] !== undefined))
  else if (silence.test(exchange.error) && exchange.answered === undefined) deps.scheduler.silent(url.host, exchange.error)
  return { method: used, exchange }
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
