/**
 * arXiv's API, as its terms ask: IDs in batches (up to 100, `max_results` set
 * to the batch size), one connection, one request at a time at least the
 * interval apart, a descriptive User-Agent; politeness, retries and the
 * breaker are the service gate's. Every answer is validated: a feed that is
 * cut short, not Atom, or inconsistent proves nothing. An ID is `missing`
 * only when two answers that demonstrably worked left it out: the second
 * also asks about a paper known to exist (the witness), because arXiv
 * sometimes answers a valid query with an empty feed. Only verified answers
 * are cached.
 */
import { Pool, request, type Dispatcher } from 'undici'
import { errorCode } from '../error-code.ts'
import { retryAfter } from '../retry.ts'
import { ServiceGate, type Attempt, type Called, type Clock, type GateOptions } from '../service-gate.ts'
import { parseAtom, type ArxivRecord, type AtomFeed } from './atom.ts'
import type { ArxivCache } from './cache.ts'

export type ArxivAnswer = { kind: 'found'; record: ArxivRecord } | { kind: 'missing' } | { kind: 'unverified'; reason: string }

export interface ArxivClientOptions {
  url: string
  batchSize: number
  /** A paper that exists, asked beside the IDs a first answer left out, when no paper of the run can serve. */
  witness: string
  userAgent: string
  timeout: number
  gate: Omit<GateOptions, 'name'>
}

export interface ArxivDeps {
  dispatcher?: Dispatcher
  clock: Clock
}

type Feed = Extract<AtomFeed, { kind: 'feed' }>

export class ArxivClient {
  readonly gate: ServiceGate
  private readonly dispatcher: Dispatcher
  private readonly owned: boolean
  private readonly clock: Clock

  constructor(
    private readonly options: ArxivClientOptions,
    deps: ArxivDeps
  ) {
    this.gate = new ServiceGate({ name: 'arXiv', ...options.gate }, deps.clock)
    this.owned = deps.dispatcher === undefined
    this.dispatcher =
      deps.dispatcher ?? new Pool(new URL(options.url).origin, { connections: 1, pipelining: 1, headersTimeout: options.timeout, bodyTimeout: options.timeout })
    this.clock = deps.clock
  }

  async close(): Promise<void> {
    if (this.owned) await this.dispatcher.close()
  }

  /** Answers for every ID: from the cache when fresh (and given), else from arXiv; only verified answers are cached. */
  async lookup(ids: readonly string[], cache?: ArxivCache): Promise<Map<string, ArxivAnswer>> {
    const answers = new Map<string, ArxivAnswer>()
    const verified = new Set<string>()
    const ask: string[] = []
    for (const id of new Set(ids)) {
      const cached = cache?.get(id, this.clock.now())
      if (cached) answers.set(id, cached)
      else ask.push(id)
    }

    const leftOut: string[] = []
    for (const batch of chunks(ask, this.options.batchSize)) {
      const result = await this.query(batch)
      for (const id of batch) {
        const answer = this.read(id, result)
        if (answer === 'left-out') leftOut.push(id)
        else {
          answers.set(id, answer)
          if (answer.kind === 'found') verified.add(id)
        }
      }
    }

    // Asked again, beside a paper known to exist: if the answer leaves that one out too, it proves nothing.
    const witness = [...answers].find(([, answer]) => answer.kind === 'found')?.[0] ?? this.options.witness
    for (const batch of chunks(leftOut, Math.max(1, this.options.batchSize - 1))) {
      const result = await this.query([...batch, witness])
      const witnessed = result.ok && result.value.records.some((record) => record.id === witness)
      for (const id of batch) {
        const answer = this.read(id, result)
        if (answer !== 'left-out') {
          answers.set(id, answer)
          if (answer.kind === 'found') verified.add(id)
        } else if (witnessed) {
          answers.set(id, { kind: 'missing' })
          verified.add(id)
        } else {
          answers.set(id, { kind: 'unverified', reason: `arXiv left it out twice, but its second answer also left out \`${witness}\`, a paper that exists: arXiv's answers were not trustworthy` })
        }
      }
    }

    if (cache) for (const id of verified) cache.set(id, answers.get(id) as Exclude<ArxivAnswer, { kind: 'unverified' }>, this.clock.now())
    return new Map(ids.map((id) => [id, answers.get(id)!]))
  }

  /** What one answer says about one ID; `left-out` when a complete, valid feed did not have it. */
  private read(id: string, result: Called<Feed>): ArxivAnswer | 'left-out' {
    if (!result.ok) return { kind: 'unverified', reason: result.reason }
    const feed = result.value
    const record = feed.records.find((candidate) => candidate.id === id)
    if (record) return { kind: 'found', record }
    const invalid = feed.invalid.find((entry) => entry.id === id)
    if (invalid) return { kind: 'unverified', reason: `arXiv's answer for it did not validate (${invalid.problems})` }
    if (!feed.complete || feed.invalid.length > 0) return { kind: 'unverified', reason: 'arXiv’s answer was incomplete (its count disagrees with its entries, or an entry could not be read), so its absence proves nothing' }
    return 'left-out'
  }

  private query(batch: string[]): Promise<Called<Feed>> {
    const url = new URL(this.options.url)
    url.searchParams.set('id_list', batch.join(','))
    url.searchParams.set('max_results', String(batch.length))
    return this.gate.call(() => this.attempt(url))
  }

  private async attempt(url: URL): Promise<Attempt<Feed>> {
    let status: number
    let body: string
    let headers: Record<string, string | string[] | undefined>
    try {
      const response = await request(url, {
        dispatcher: this.dispatcher,
        method: 'GET',
        headers: { 'user-agent': this.options.userAgent, accept: 'application/atom+xml' },
        signal: AbortSignal.timeout(this.options.timeout)
      })
      status = response.statusCode
      headers = response.headers
      body = await response.body.text()
    } catch (error) {
      return { kind: 'transient', reason: `arXiv did not answer (${errorCode(error)})` }
    }
    if (status === 200) {
      const feed = parseAtom(body)
      return feed.kind === 'feed' ? { kind: 'ok', value: feed } : { kind: 'transient', reason: feed.reason }
    }
    if (status === 400) {
      const feed = parseAtom(body)
      const message = feed.kind === 'feed' && feed.errors.length > 0 ? feed.errors.join('; ') : 'HTTP 400'
      return { kind: 'refused', reason: `arXiv refused the query: ${message}` }
    }
    const after = retryAfter(headers['retry-after'], this.clock.now())
    // arXiv says "Rate exceeded" with a 503; a 429 is the same message.
    if (status === 429 || status === 503) return { kind: 'throttled', reason: `arXiv answered HTTP ${status} (too fast or busy)`, ...(after !== undefined ? { after } : {}) }
    if (status >= 500) return { kind: 'transient', reason: `arXiv answered HTTP ${status}` }
    // 401, 403 (arXiv's robot block), 404 (a wrong URL): asking again will not help.
    return { kind: 'stop', reason: `arXiv answered HTTP ${status} at ${url.origin}${url.pathname} (a robot block, or a wrong \`services.arxiv.url\`?)` }
  }
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = []
  for (let index = 0; index < items.length; index += size) result.push(items.slice(index, index + size))
  return result
}
