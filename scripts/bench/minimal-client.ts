/**
 * A deliberately minimal link checker on raw undici, to measure the real one
 * against: the same politeness with none of its machinery. Per host at most
 * `perHost` requests in flight, links started in list order (a link's next
 * request, after a redirect or for a retry, goes before links not yet
 * started); GET, or HEAD first with a GET when HEAD is answered 400 or more
 * (but 429 and 503); redirects followed, at most 10; after a 429, or a 503
 * with `Retry-After` (seconds or an HTTP date), the whole host waits that
 * long before its next request and the link is retried, at most 3 times
 * (with `perLinkWait`, only the link waits and its host keeps going); other
 * 5xx, network errors and timeouts retried twice, 1 s apart. 404 and 410 are
 * dead, other answers of 400 or more blocked. A GET body is
 * read up to 64 KB, then dropped. Timeouts: 15 s for the headers, 30 s in
 * all. Its verdicts are coarse; it exists for timing.
 */
import { Agent, request, type Dispatcher } from 'undici'

export type MinimalVerdict = 'alive' | 'redirected' | 'dead' | 'blocked' | 'transient' | 'skipped'

export interface MinimalOptions {
  /** Requests in flight per host (`host:port`) at most. */
  perHost: number
  /** `GET`, or `HEAD` first with a GET fallback. */
  method: 'GET' | 'HEAD'
  /** Only the link that got a 429 (or a 503 with `Retry-After`) waits, not its host. */
  perLinkWait: boolean
  maxRedirects: number
  /** Retries after a 429 or a 503 with `Retry-After`. */
  throttleRetries: number
  /** Retries after another 5xx, a network error or a timeout... */
  transientRetries: number
  /** ...each this many ms after the failure; also the wait after a 429 without `Retry-After`. */
  retryDelay: number
  /** Bytes of a body read at most. */
  bodyCap: number
  headersTimeout: number
  totalTimeout: number
  /** A dispatcher instead of the client's own keep-alive `Agent` (which it closes at the end). */
  dispatcher?: Dispatcher
}

export const defaultMinimalOptions: MinimalOptions = {
  perHost: 8,
  method: 'GET',
  perLinkWait: false,
  maxRedirects: 10,
  throttleRetries: 3,
  transientRetries: 2,
  retryDelay: 1_000,
  bodyCap: 64 * 1024,
  headersTimeout: 15_000,
  totalTimeout: 30_000
}

/** Checks every URL once, all hosts at once, and returns a verdict per URL. */
export async function runMinimalClient(urls: readonly string[], overrides: Partial<MinimalOptions> = {}): Promise<Map<string, MinimalVerdict>> {
  const options = { ...defaultMinimalOptions, ...overrides }
  const dispatcher = options.dispatcher ?? new Agent({ headersTimeout: options.headersTimeout, bodyTimeout: options.headersTimeout, keepAliveTimeout: 10_000 })
  const context: Context = { options, dispatcher, gates: new HostGates(options.perHost) }
  try {
    const unique = [...new Set(urls)]
    const verdicts = await Promise.all(unique.map((url) => checkLink(url, context)))
    return new Map(unique.map((url, index) => [url, verdicts[index]!]))
  } finally {
    if (!options.dispatcher) await dispatcher.close()
  }
}

interface Context {
  options: MinimalOptions
  dispatcher: Dispatcher
  gates: HostGates
}

type Answer = { status: number; headers: Record<string, string | string[] | undefined> } | { error: string }
/** Where following a link's redirects ended. */
type Followed = { verdict: MinimalVerdict } | { host: string; redirected: boolean; answer: Answer }

async function checkLink(url: string, context: Context): Promise<MinimalVerdict> {
  const { options, gates } = context
  let throttles = 0
  let failures = 0
  for (let attempt = 0; ; attempt++) {
    const followed = await follow(url, context, attempt > 0)
    if ('verdict' in followed) return followed.verdict
    const { answer, host, redirected } = followed
    const status = 'status' in answer ? answer.status : 0
    const after = status === 429 ? (retryAfter(answer) ?? options.retryDelay) : status === 503 ? retryAfter(answer) : undefined
    if (after !== undefined) {
      if (++throttles > options.throttleRetries) return status === 429 ? 'blocked' : 'transient'
      if (options.perLinkWait) await sleep(after)
      else gates.pause(host, Date.now() + after)
      continue
    }
    if (status === 0 || (status >= 500 && status < 600)) {
      if (++failures > options.transientRetries) return 'transient'
      await sleep(options.retryDelay)
      continue
    }
    if (status < 300) return redirected ? 'redirected' : 'alive'
    return status === 404 || status === 410 ? 'dead' : 'blocked'
  }
}

/** One attempt: along the redirect chain, HEAD then GET if asked, each request through its host's gate. */
async function follow(start: string, context: Context, urgent: boolean): Promise<Followed> {
  const seen = new Set([start])
  let current = start
  for (let redirects = 0; ; redirects++) {
    let url: URL
    try {
      url = new URL(current)
    } catch {
      return { verdict: redirects > 0 ? 'blocked' : 'skipped' }
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return { verdict: 'skipped' }
    let answer = await exchange(url, context.options.method, context, urgent)
    urgent = true
    if (context.options.method === 'HEAD' && 'status' in answer && answer.status >= 400 && answer.status !== 429 && answer.status !== 503) {
      answer = await exchange(url, 'GET', context, true)
    }
    const location = 'status' in answer && answer.status >= 300 && answer.status < 400 ? answer.headers.location : undefined
    if (typeof location !== 'string') return { host: url.host, redirected: redirects > 0, answer }
    const next = URL.canParse(location, url.href) ? new URL(location, url).href : location
    if (seen.has(next) || redirects + 1 > context.options.maxRedirects) return { verdict: 'blocked' }
    seen.add(next)
    current = next
  }
}

/** One request in a slot of its host: the headers, then at most `bodyCap` bytes of the body. */
async function exchange(url: URL, method: 'GET' | 'HEAD', context: Context, urgent: boolean): Promise<Answer> {
  const { options, dispatcher, gates } = context
  await gates.acquire(url.host, urgent)
  try {
    const response = await request(url, {
      dispatcher,
      method,
      headers: { 'user-agent': 'minimal-link-client/0 (benchmark)', accept: '*/*' },
      signal: AbortSignal.timeout(options.totalTimeout)
    })
    let read = 0
    for await (const chunk of response.body) {
      read += (chunk as Buffer).length
      if (read >= options.bodyCap) break
    }
    return { status: response.statusCode, headers: response.headers }
  } catch (error) {
    return { error: (error as { code?: string }).code ?? (error as Error).name }
  } finally {
    gates.release(url.host)
  }
}

function retryAfter(answer: Answer): number | undefined {
  const value = 'status' in answer ? answer.headers['retry-after'] : undefined
  if (typeof value !== 'string' || value.trim() === '') return undefined
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1_000
  const date = Date.parse(value)
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now())
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** Per host: a limit on requests in flight, a queue (urgent requests in front) and a pause. */
class HostGates {
  private readonly hosts = new Map<string, { inFlight: number; pausedUntil: number; queue: Array<() => void>; timer: NodeJS.Timeout | undefined }>()

  constructor(private readonly limit: number) {}

  acquire(host: string, urgent: boolean): Promise<void> {
    return new Promise((resolve) => {
      const state = this.state(host)
      if (urgent) state.queue.unshift(resolve)
      else state.queue.push(resolve)
      this.pump(host)
    })
  }

  release(host: string): void {
    this.state(host).inFlight--
    this.pump(host)
  }

  pause(host: string, until: number): void {
    const state = this.state(host)
    state.pausedUntil = Math.max(state.pausedUntil, until)
  }

  private state(host: string) {
    let state = this.hosts.get(host)
    if (!state) this.hosts.set(host, (state = { inFlight: 0, pausedUntil: 0, queue: [], timer: undefined }))
    return state
  }

  private pump(host: string): void {
    const state = this.state(host)
    const wait = state.pausedUntil - Date.now()
    if (wait > 0) {
      state.timer ??= setTimeout(() => {
        state.timer = undefined
        this.pump(host)
      }, wait)
      return
    }
    while (state.inFlight < this.limit && state.queue.length > 0) {
      state.inFlight++
      state.queue.shift()!()
    }
  }
}
