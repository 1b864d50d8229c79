/**
 * The link checker's policy, every default written out; the `links` section
 * of `paper-list.config.json` changes any of it.
 */

/** Rules for one host (`example.org`) or its subdomains (`*.example.org`). */
export interface HostRule {
  host: string
  /** Requests in flight to this host at most. */
  concurrency?: number
  /** Milliseconds between the starts of two requests to this host, at least. */
  interval?: number
  /** `GET` for hosts that answer `HEAD` badly. */
  method?: 'HEAD' | 'GET'
  /** Extra request headers. */
  headers?: Record<string, string>
  /** Statuses that mean alive here. */
  alive?: number[]
  /** Statuses that mean a bot wall here: unverifiable, not dead, not retried. */
  blocked?: number[]
  /** Do not check links to this host. */
  skip?: boolean
}

export interface LinkOptions {
  /** Requests in flight over all hosts at most. */
  concurrency: number
  /** Requests in flight to one host at most, unless a host rule says otherwise. */
  hostConcurrency: number
  timeouts: { connect: number; headers: number; total: number }
  /**
   * How a link is asked: `GET` (its body read to the end, up to `bodyCap`,
   * so the connection is kept for the next link), or `HEAD` with a `GET` when
   * HEAD is refused. A host rule can say otherwise. GET is the default by
   * measurement (`npm run bench:request-strategy`): it sees what a reader
   * sees (a page whose body breaks off is not alive) at nearly the network
   * cost of HEAD on a kept connection.
   */
  method: 'HEAD' | 'GET'
  /** Ask GETs for the first byte only (`Range: bytes=0-0`): servers that honour it send 1 byte, and the connection is kept; a 416 is asked again without. */
  range: boolean
  /** Retries of a transient failure (5xx, reset, timeout), with exponential backoff and jitter. */
  retries: number
  /** Retries after a 429 (or a 503 with `Retry-After`): the host's signal that we were too fast, a budget of its own. */
  throttleRetries: number
  backoff: { base: number; max: number }
  /** Requests in a row that get no answer at all from a host, after which it is not asked again this run. */
  hostBreakAfter: number
  /** The longest `Retry-After` waited out; a longer one is reported instead. */
  retryAfterCap: number
  maxRedirects: number
  /** Bytes of a GET body read at most. */
  bodyCap: number
  userAgent: string
  /** Connect to loopback, private and link-local addresses (tests only). */
  allowPrivate: boolean
  /** Regular expressions of URLs not to check, matched anywhere in the URL; `.linkignore` adds its lines (`ignore.ts`). */
  exclude: string[]
  hosts: HostRule[]
  cache: {
    file: string
    /** An alive link is checked again after this many days (spread over ±25 %). */
    maxAgeDays: number
    /** A failing link is called dead after failing this many runs in a row... */
    deadAfterRuns: number
    /** ...spanning at least this many days. */
    deadAfterDays: number
  }
  reports: { markdown: string; json: string }
}

export const defaultLinkOptions: LinkOptions = {
  concurrency: 32,
  hostConcurrency: 8,
  timeouts: { connect: 10_000, headers: 15_000, total: 30_000 },
  method: 'GET',
  range: true,
  retries: 2,
  throttleRetries: 3,
  backoff: { base: 1_000, max: 30_000 },
  hostBreakAfter: 6,
  retryAfterCap: 60_000,
  maxRedirects: 10,
  bodyCap: 256 * 1024,
  userAgent: 'awesome-paper-list-link-checker/0.1 (+https://github.com; checks the links of a curated paper list)',
  allowPrivate: false,
  exclude: [],
  hosts: [
    { host: 'arxiv.org', concurrency: 2, interval: 500 },
    { host: 'export.arxiv.org', concurrency: 1, interval: 3_000 },
    { host: 'github.com', concurrency: 4 },
    { host: 'openreview.net', concurrency: 2 },
    { host: 'doi.org', concurrency: 4 },
    { host: 'dl.acm.org', concurrency: 2, blocked: [403] },
    { host: 'ieeexplore.ieee.org', concurrency: 2, blocked: [202, 403, 418] },
    { host: 'link.springer.com', concurrency: 2, blocked: [403] },
    { host: 'www.sciencedirect.com', concurrency: 2, blocked: [403] },
    { host: 'onlinelibrary.wiley.com', concurrency: 2, blocked: [403] },
    { host: 'www.tandfonline.com', concurrency: 2, blocked: [403] },
    { host: 'www.semanticscholar.org', concurrency: 2, blocked: [202, 403] },
    { host: 'www.researchgate.net', concurrency: 1, blocked: [403] },
    { host: 'www.amazon.com', concurrency: 1, method: 'GET', blocked: [403, 503] },
    { host: 'www.linkedin.com', concurrency: 1, blocked: [999] }
  ],
  cache: { file: '.cache/link-check.json', maxAgeDays: 7, deadAfterRuns: 3, deadAfterDays: 2 },
  reports: { markdown: 'reports/links.md', json: 'reports/links.json' }
}

/** The rule for a host: the most specific match, over the defaults. */
export function hostRule(host: string, rules: readonly HostRule[]): HostRule {
  const exact = rules.filter((rule) => rule.host === host)
  const wildcard = rules.filter((rule) => rule.host.startsWith('*.') && host.endsWith(rule.host.slice(1)))
  return Object.assign({ host }, ...wildcard, ...exact)
}

/** Options over the defaults; host rules from the configuration come after (and win over) the built-in ones. */
export function mergeLinkOptions(overrides: Partial<LinkOptions> | undefined): LinkOptions {
  if (!overrides) return defaultLinkOptions
  return {
    ...defaultLinkOptions,
    ...overrides,
    timeouts: { ...defaultLinkOptions.timeouts, ...overrides.timeouts },
    backoff: { ...defaultLinkOptions.backoff, ...overrides.backoff },
    cache: { ...defaultLinkOptions.cache, ...overrides.cache },
    reports: { ...defaultLinkOptions.reports, ...overrides.reports },
    hosts: [...defaultLinkOptions.hosts, ...(overrides.hosts ?? [])]
  }
}
