/**
 * arXiv's API, as its terms ask: IDs in batches (up to 100, `max_results` set
 * to the batch size), one connection, one request every 3 seconds for the
 * whole run, a descriptive User-Agent. An ID that comes back empty is asked
 * once more before it is called missing; a 400 carries arXiv's message;
 * 429, 503 and resets are retried with backoff. Answers are cached.
 */
import { Pool, request, type Dispatcher } from 'undici'
import type { ServiceOptions } from '../services.ts'
import { parseAtom, type ArxivRecord } from './atom.ts'
import type { ArxivCache } from './cache.ts'

export type ArxivAnswer = { kind: 'found'; record: ArxivRecord } | { kind: 'missing' } | { kind: 'unverified'; reason: string }

export interface ArxivDeps {
  dispatcher?: Dispatcher
  now: () => number
  sleep: (ms: number) => Promise<void>
}

export class ArxivClient {
  /** When each request started and how many IDs it asked for (for tests and the benchmark). */
  readonly log: Array<{ at: number; ids: number; status: number | string }> = []
  private spacedFrom = Number.NEGATIVE_INFINITY
  private readonly dispatcher: Dispatcher
  private readonly owned: boolean

  constructor(
    private readonly options: ServiceOptions['arxiv'] & { userAgent: string; timeout: number },
    private readonly deps: ArxivDeps
  ) {
    this.owned = deps.dispatcher === undefined
    this.dispatcher = deps.dispatcher ?? new Pool(new URL(options.url).origin, { connections: 1, pipelining: 1 })
  }

  async close(): Promise<void> {
    if (this.owned) await this.dispatcher.close()
  }

  /** Answers for every ID: from the cache when fresh, else from arXiv. */
  async lookup(ids: readonly string[], cache: ArxivCache): Promise<Map<string, ArxivAnswer>> {
    const answers = new Map<string, ArxivAnswer>()
    const now = this.deps.now()
    const ask: string[] = []
    for (const id of new Set(ids)) {
      const cached = cache.get(id, now)
      if (cached) answers.set(id, cached)
      else ask.push(id)
    }
    const empty: string[] = []
    for (const batch of chunks(ask, this.options.batchSize)) {
      for (const [id, answer] of await this.ask(batch)) {
        if (answer.kind === 'missing') empty.push(id)
        else answers.set(id, answer)
      }
    }
    // arXiv sometimes answers a valid query with an empty feed: ask once more before calling an ID missing.
    for (const batch of chunks(empty, this.options.batchSize)) {
      for (const [id, answer] of await this.ask(batch)) answers.set(id, answer)
    }
    for (const [id, answer] of answers) if (answer.kind !== 'unverified') cache.set(id, answer, this.deps.now())
    return new Map(ids.map((id) => [id, answers.get(id)!]))
  }

  private async ask(batch: string[]): Promise<Map<string, ArxivAnswer>> {
    const url = new URL(this.options.url)
    url.searchParams.set('id_list', batch.join(','))
    url.searchParams.set('max_results', String(batch.length))
    let reason = 'no answer'
    for (let attempt = 0; attempt <= this.options.retries; attempt++) {
      await this.spacing()
      let status: number
      let body: string
      let retryAfter: string | undefined
      try {
        const response = await request(url, {
          dispatcher: this.dispatcher,
          method: 'GET',
          headers: { 'user-agent': this.options.userAgent, accept: 'application/atom+xml' },
          signal: AbortSignal.timeout(this.options.timeout)
        })
        status = response.statusCode
        retryAfter = response.headers['retry-after'] as string | undefined
        body = await response.body.text()
        this.answered()
      } catch (error) {
        this.answered()
        const code = (error as { code?: string }).code ?? (error as Error).name
        this.log.push({ at: this.spacedFrom, ids: batch.length, status: code })
        reason = `arXiv did not answer (${code})`
        await this.backoff(attempt)
        continue
      }
      this.log.push({ at: this.spacedFrom, ids: batch.length, status })
      if (status === 200) {
        let feed
        try {
          feed = parseAtom(body)
        } catch {
          reason = 'arXiv answered with something that is not an Atom feed (a robot check?)'
          await this.backoff(attempt)
          continue
        }
        const found = new Map(feed.records.map((record) => [record.id, record]))
        return new Map(batch.map((id) => [id, found.has(id) ? { kind: 'found', record: found.get(id)! } : { kind: 'missing' }]))
      }
      if (status === 400) {
        let message = `HTTP 400`
        try {
          message = parseAtom(body).errors.join('; ') || message
        } catch {
          // Not a feed: keep the status.
        }
        return new Map(batch.map((id) => [id, { kind: 'unverified', reason: `arXiv refused the query: ${message}` }]))
      }
      reason = `arXiv answered HTTP ${status}`
      if (status === 429 || status >= 500) {
        const wait = retryAfter && /^\d+$/.test(retryAfter) ? Number(retryAfter) * 1000 : undefined
        await this.backoff(attempt, wait)
        continue
      }
      break
    }
    return new Map(batch.map((id) => [id, { kind: 'unverified', reason: `${reason}; could not verify` }]))
  }

  /**
   * Waits until the interval has passed since the last answer, for the whole
   * run: counted from the answer, not the request, so that arXiv sees the
   * requests at least that far apart however long they travel.
   */
  private async spacing(): Promise<void> {
    const wait = this.spacedFrom + this.options.interval - this.deps.now()
    if (wait > 0) await this.deps.sleep(wait)
    this.spacedFrom = this.deps.now()
  }

  private answered(): void {
    this.spacedFrom = Math.max(this.spacedFrom, this.deps.now())
  }

  private async backoff(attempt: number, retryAfter?: number): Promise<void> {
    const wait = Math.max(retryAfter ?? 0, this.options.interval * 2 ** attempt)
    // The next request's spacing counts from now plus the wait.
    this.spacedFrom = this.deps.now() + wait - this.options.interval
  }
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = []
  for (let index = 0; index < items.length; index += size) result.push(items.slice(index, index + size))
  return result
}
