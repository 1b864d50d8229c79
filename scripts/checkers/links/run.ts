/**
 * One scheduled run: links fresh in the cache are not checked, every other
 * link is; the cache is updated; each dead result gets its streak.
 */
import { cachedStatus, isConfirmedDead, isFresh, record, type CacheFile } from './cache.ts'
import { checkLinks, type CheckDeps, type CheckProgress } from './checker.ts'
import type { LinkStatus } from './types.ts'

export interface LinkOutcome {
  url: string
  status: LinkStatus
  fromCache: boolean
  /** For a dead result: since when it fails, over how many runs, and whether that is enough to call it dead. */
  failing?: { since: string; runs: number; confirmed: boolean }
}

export interface RunResult {
  outcomes: LinkOutcome[]
  cache: CacheFile
  /** Requests sent in this run. */
  requests: number
  /** No host answered any request of the run: the network (or every host) was down, nothing was verified. */
  networkDown: boolean
}

export async function runLinkCheck(urls: readonly string[], cache: CacheFile, deps: CheckDeps, onProgress?: (progress: CheckProgress) => void): Promise<RunResult> {
  const now = deps.now()
  const unique = [...new Set(urls)]
  const toCheck = unique.filter((url) => !isFresh(cache.entries[url], now))
  const checked = offlineGuard(await checkLinks(toCheck, deps, (_url, progress) => onProgress?.(progress)))
  const asked = [...checked.values()].filter((status) => status.kind !== 'skipped' && status.evidence.hops.length > 0)
  const networkDown = asked.length > 0 && asked.every((status) => status.evidence.hops.every((hop) => hop.status === undefined))
  const entries = { ...cache.entries }
  const outcomes: LinkOutcome[] = unique.map((url) => {
    const fresh = cache.entries[url]
    if (isFresh(fresh, now)) return { url, status: cachedStatus(url, fresh), fromCache: true }
    const status = checked.get(url)!
    const entry = record(url, cache.entries[url], status, now, deps.options.cache)
    if (entry) entries[url] = entry
    else delete entries[url]
    const failing =
      status.kind === 'dead' && entry?.state === 'failing'
        ? { since: entry.failingSince!, runs: entry.failures!, confirmed: isConfirmedDead(entry, now, deps.options.cache) }
        : undefined
    return { url, status, fromCache: false, ...(failing ? { failing } : {}) }
  })
  // Links no longer in the list are forgotten.
  const listed = new Set(unique)
  for (const url of Object.keys(entries)) if (!listed.has(url)) delete entries[url]
  // A name that does not resolve, or an address refused, sent nothing.
  const sent = (hop: LinkStatus['evidence']['hops'][number]) => hop.status !== undefined || !['ENOTFOUND', 'EAI_AGAIN', 'EPRIVATE', 'EHOSTSTOPPED'].includes(hop.error ?? '')
  const requests = outcomes.reduce((sum, outcome) => sum + (outcome.fromCache ? 0 : outcome.status.evidence.hops.filter(sent).length), 0)
  return { outcomes, cache: { version: 1, entries }, requests, networkDown }
}

/**
 * When no host answered at all and names did not resolve, the network is
 * down, not the links: those "dead" results become transient, so an offline
 * run never starts a streak of false deaths.
 */
function offlineGuard(results: Map<string, LinkStatus>): Map<string, LinkStatus> {
  const statuses = [...results.values()]
  const answered = statuses.some((status) => status.evidence.hops.some((hop) => hop.status !== undefined))
  const unresolved = statuses.filter((status) => status.kind === 'dead' && status.evidence.hops.every((hop) => hop.status === undefined))
  if (answered || unresolved.length < 2) return results
  return new Map(
    [...results].map(([url, status]) => [
      url,
      unresolved.includes(status) ? ({ kind: 'transient', evidence: { ...status.evidence, reason: `${status.evidence.reason}; no host answered at all, so the network is down, not the link` } } as LinkStatus) : status
    ])
  )
}
