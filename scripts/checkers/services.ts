/**
 * Where the metadata services are and how politely to ask them: one place,
 * so tests point every base URL at servers on 127.0.0.1. Defaults follow
 * each service's published terms (arXiv: one request every 3 s, one
 * connection, 100 IDs a request; GitHub GraphQL: about 50 repositories a
 * query, requests one at a time). Retries, "too fast" answers and outages
 * follow one policy for both (`retry.ts`, `service-gate.ts`).
 */
import { defaultRetryPolicy } from './retry.ts'
import type { GateOptions } from './service-gate.ts'

export interface ServiceOptions {
  arxiv: {
    /** The Atom API's query endpoint. */
    url: string
    /** Milliseconds between an answer and the next request, at least. */
    interval: number
    batchSize: number
    /** Retries of a transient failure. */
    retries: number
    /** Hours an answer is reused. */
    cacheHours: number
    cacheFile: string
    /** A paper that exists, asked beside IDs a first answer left out, so that an empty answer cannot pass for "no such paper". */
    witness: string
  }
  github: {
    restUrl: string
    graphqlUrl: string
    batchSize: number
    cacheFile: string
    /** Milliseconds between an answer and the next request (GitHub asks for one request at a time). */
    interval: number
    retries: number
  }
  /** Shared by both services. */
  politeness: {
    /** Retries after "too fast" answers (429, 503). */
    throttleRetries: number
    backoff: { base: number; max: number }
    /** The longest `Retry-After` waited out; a longer one stops asking and says when to retry. */
    retryAfterCap: number
    /** Failed attempts in a row after which a service is not asked again this run. */
    breakAfter: number
    /** What the interval grows to at most after "too fast" answers. */
    maxInterval: number
    /** Minutes to suggest waiting after an outage that named no time. */
    cooldownMinutes: number
  }
  userAgent: string
  timeout: number
}

export const defaultServiceOptions: ServiceOptions = {
  arxiv: { url: 'https://export.arxiv.org/api/query', interval: 3_000, batchSize: 100, retries: 2, cacheHours: 24, cacheFile: '.cache/arxiv.json', witness: '1706.03762' },
  github: { restUrl: 'https://api.github.com', graphqlUrl: 'https://api.github.com/graphql', batchSize: 50, cacheFile: '.cache/github.json', interval: 0, retries: 2 },
  politeness: {
    throttleRetries: defaultRetryPolicy.throttleRetries,
    backoff: defaultRetryPolicy.backoff,
    retryAfterCap: defaultRetryPolicy.retryAfterCap,
    breakAfter: 3,
    maxInterval: 60_000,
    cooldownMinutes: 30
  },
  userAgent: 'awesome-paper-list-checker/0.1 (metadata checks of a curated paper list)',
  timeout: 30_000
}

type Overrides = Partial<{
  arxiv: Partial<ServiceOptions['arxiv']>
  github: Partial<ServiceOptions['github']>
  politeness: Partial<ServiceOptions['politeness']>
  userAgent: string
  timeout: number
}>

export function mergeServiceOptions(overrides: Overrides | undefined): ServiceOptions {
  return {
    ...defaultServiceOptions,
    ...(overrides?.userAgent ? { userAgent: overrides.userAgent } : {}),
    ...(overrides?.timeout ? { timeout: overrides.timeout } : {}),
    arxiv: { ...defaultServiceOptions.arxiv, ...overrides?.arxiv },
    github: { ...defaultServiceOptions.github, ...overrides?.github },
    politeness: { ...defaultServiceOptions.politeness, ...overrides?.politeness, backoff: { ...defaultServiceOptions.politeness.backoff, ...overrides?.politeness?.backoff } }
  }
}

/** The gate of one service from the options. */
export function gateOptions(options: ServiceOptions, service: 'arxiv' | 'github'): Omit<GateOptions, 'name'> {
  const { politeness } = options
  return {
    interval: options[service].interval,
    maxInterval: Math.max(politeness.maxInterval, options[service].interval),
    breakAfter: politeness.breakAfter,
    cooldown: politeness.cooldownMinutes * 60_000,
    policy: { retries: options[service].retries, throttleRetries: politeness.throttleRetries, backoff: politeness.backoff, retryAfterCap: politeness.retryAfterCap }
  }
}
