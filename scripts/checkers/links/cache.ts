/**
 * What the link checker remembers between runs, and what it trusts: an alive
 * link is not checked again until its (spread) expiry; a failure is never
 * trusted and is checked every run; a link is called dead only after failing
 * several runs in a row over some days; a link that recovers is forgotten.
 * Pure: entries and time in, entries out.
 */
import type { LinkOptions } from './options.ts'
import type { LinkKind, LinkStatus } from './types.ts'

export interface CacheEntry {
  /** `ok`: alive or redirected when last checked; `failing`: dead when last checked. */
  state: 'ok' | 'failing'
  /** ISO time of the last check. */
  checkedAt: string
  /** For `ok`: when to check again. */
  expiresAt?: string
  /** For `failing`: the first failure of the current streak, and how many runs it spans. */
  failingSince?: string
  failures?: number
  kind: LinkKind
  reason: string
  /** For a redirect: where it goes, and whether permanently. */
  target?: string
  permanent?: boolean
}

export interface CacheFile {
  version: 1
  entries: Record<string, CacheEntry>
}

export const emptyCache = (): CacheFile => ({ version: 1, entries: {} })

const day = 24 * 60 * 60 * 1000

/** Whether a cached entry can stand for a check now. */
export function isFresh(entry: CacheEntry | undefined, now: number): entry is CacheEntry {
  return entry?.state === 'ok' && entry.expiresAt !== undefined && Date.parse(entry.expiresAt) > now
}

/** The status a fresh entry stands for. */
export function cachedStatus(url: string, entry: CacheEntry): LinkStatus {
  const evidence = { hops: [], attempts: 0, finalUrl: entry.target ?? url, reason: `${entry.reason} (cached, checked ${entry.checkedAt.slice(0, 10)})` }
  return entry.kind === 'redirected' ? { kind: 'redirected', permanent: entry.permanent ?? false, target: entry.target ?? url, evidence } : { kind: 'alive', evidence }
}

/** The entry after a check; `undefined` when there is nothing worth remembering. */
export function record(url: string, previous: CacheEntry | undefined, status: LinkStatus, now: number, options: LinkOptions['cache']): CacheEntry | undefined {
  const checkedAt = new Date(now).toISOString()
  switch (status.kind) {
    case 'alive':
    case 'redirected': {
      // Spread expiries over ±25 % of the age, by URL, so a weekly run checks about a seventh of the list each day.
      const spread = 0.75 + 0.5 * fraction(url)
      const expiresAt = new Date(now + options.maxAgeDays * day * spread).toISOString()
      return {
        state: 'ok',
        checkedAt,
        expiresAt,
        kind: status.kind,
        reason: status.evidence.reason,
        ...(status.kind === 'redirected' ? { target: status.target, permanent: status.permanent } : {})
      }
    }
    case 'dead': {
      const streak = previous?.state === 'failing'
      return {
        state: 'failing',
        checkedAt,
        failingSince: streak ? previous.failingSince! : checkedAt,
        failures: (streak ? (previous.failures ?? 0) : 0) + 1,
        kind: 'dead',
        reason: status.evidence.reason
      }
    }
    default:
      // Blocked, transient or skipped says nothing about death: a streak stays as it was, nothing new is remembered.
      return previous?.state === 'failing' ? previous : undefined
  }
}

/** Whether a failing link has failed long enough to be called dead. */
export function isConfirmedDead(entry: CacheEntry | undefined, now: number, options: LinkOptions['cache']): boolean {
  if (entry?.state !== 'failing') return false
  return (entry.failures ?? 0) >= options.deadAfterRuns && now - Date.parse(entry.failingSince!) >= options.deadAfterDays * day
}

/** A stable number in [0, 1) from a string (FNV-1a). */
function fraction(text: string): number {
  let hash = 0x811c9dc5
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index)
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return hash / 2 ** 32
}
