/** What a link check finds: a closed set of statuses, each with its evidence. */

/** One HTTP exchange of a check. */
export interface Hop {
  url: string
  method: 'HEAD' | 'GET'
  /** HTTP status, when the server answered. */
  status?: number
  /** Error code, when it did not (`ENOTFOUND`, `UND_ERR_HEADERS_TIMEOUT`, ...), or when its body broke off after the status. */
  error?: string
  /** Milliseconds from sending to the answer's headers (or the error). */
  ms: number
}

export interface Evidence {
  /** Every request sent for this URL, in order, retries included. */
  hops: Hop[]
  /** How many times the check was started (1 + retries). */
  attempts: number
  /** Where the last redirect chain ended. */
  finalUrl: string
  /** Why the status was chosen, in words. */
  reason: string
}

export type LinkStatus =
  | { kind: 'alive'; evidence: Evidence }
  | { kind: 'redirected'; permanent: boolean; target: string; evidence: Evidence }
  | { kind: 'dead'; evidence: Evidence }
  | { kind: 'blocked'; evidence: Evidence }
  | { kind: 'transient'; evidence: Evidence }
  | { kind: 'skipped'; evidence: Evidence }

export type LinkKind = LinkStatus['kind']

export const linkKinds: readonly LinkKind[] = ['alive', 'redirected', 'dead', 'blocked', 'transient', 'skipped']
