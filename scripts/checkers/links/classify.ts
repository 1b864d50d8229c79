/**
 * Turns what a check saw into a status, in one place, conservatively: only
 * a 404, a 410 or a name that does not resolve is `dead`; a site that
 * refuses or challenges the checker is `blocked`; what may pass is
 * `transient` and is retried first.
 */
import type { HostRule } from './options.ts'
import { retryAfter } from '../retry.ts'
import type { Evidence, LinkStatus } from './types.ts'

/** What following one URL (HEAD, GET fallback, redirects) ended with. */
export type Outcome =
  | { kind: 'response'; status: number; headers: Record<string, string>; redirects: Array<{ status: number; from: string; to: string }> }
  | { kind: 'error'; code: string; message: string; redirects: Redirect[] }
  | { kind: 'skipped'; reason: string }
  | { kind: 'redirect-loop'; to: string }
  | { kind: 'too-many-redirects'; limit: number }
  | { kind: 'unsupported-redirect'; to: string; redirects: Redirect[] }

export interface Redirect {
  status: number
  from: string
  to: string
}

export type Verdict =
  | { retry: false; status: LinkStatus }
  /** Retry after `after` ms (from `Retry-After`) or after the usual backoff; `status` if no retry is left. */
  | { retry: true; after?: number; overloaded: boolean; status: LinkStatus }

const dnsDead = new Set(['ENOTFOUND'])
const tls = /^(CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED|ERR_TLS|ERR_SSL|HOSTNAME_MISMATCH|ERR_CERT)/

export function classify(outcome: Outcome, rule: HostRule, evidence: Omit<Evidence, 'reason'>, now: number): Verdict {
  const status = <K extends LinkStatus['kind']>(kind: K, reason: string, extra: object = {}) => ({ kind, evidence: { ...evidence, reason }, ...extra }) as LinkStatus
  switch (outcome.kind) {
    case 'skipped':
      return { retry: false, status: status('skipped', outcome.reason) }
    case 'unsupported-redirect': {
      // A paper link that lands on `javascript:` or `data:` was hijacked or is unsafe; a maintainer must see it.
      const scheme = outcome.to.split(':')[0]!.toLowerCase()
      const unsafe = ['javascript', 'data', 'vbscript', 'blob', 'file'].includes(scheme)
      return { retry: false, status: status('blocked', `${unsafe ? 'hijacked or unsafe: ' : ''}redirects to a \`${scheme}:\` URL, which cannot be checked: ${chain(outcome.redirects)}`) }
    }
    case 'redirect-loop':
      return { retry: false, status: status('blocked', `redirect loop back to \`${outcome.to}\` (sites that set a cookie first do this to clients without cookies)`) }
    case 'too-many-redirects':
      return { retry: false, status: status('blocked', `more than ${outcome.limit} redirects`) }
    case 'error': {
      if (outcome.code === 'EPRIVATE') {
        // Listed so, it is a link lint refuses; reached by a redirect, a public link now leads into a private network.
        if (outcome.redirects.length === 0) return { retry: false, status: status('skipped', `not checked: ${outcome.message}`) }
        return { retry: false, status: status('blocked', `redirects into a private network, not followed (${outcome.message}): ${chain(outcome.redirects)}`) }
      }
      if (outcome.code === 'EHOSTSTOPPED') return { retry: false, status: status('transient', outcome.message) }
      if (dnsDead.has(outcome.code)) return { retry: false, status: status('dead', `the host name does not resolve (${outcome.code})`) }
      if (tls.test(outcome.code)) return { retry: false, status: status('blocked', `TLS failed (${outcome.code}); browsers may still open it`) }
      return { retry: true, overloaded: false, status: status('transient', `${outcome.code}: ${outcome.message}`) }
    }
    case 'response':
      return fromResponse(outcome, rule, status, now)
  }
}

function fromResponse(
  outcome: Extract<Outcome, { kind: 'response' }>,
  rule: HostRule,
  status: <K extends LinkStatus['kind']>(kind: K, reason: string, extra?: object) => LinkStatus,
  now: number
): Verdict {
  const code = outcome.status
  const redirected = outcome.redirects.length > 0
  const alive = (): Verdict => {
    if (!redirected) return { retry: false, status: status('alive', `HTTP ${code}`) }
    const permanent = outcome.redirects.every((hop) => hop.status === 301 || hop.status === 308)
    const target = outcome.redirects.at(-1)!.to
    return { retry: false, status: status('redirected', `${outcome.redirects.map((hop) => hop.status).join(' → ')} → ${code}`, { permanent, target }) }
  }
  if (rule.alive?.includes(code)) return alive()
  if (rule.blocked?.includes(code)) return { retry: false, status: status('blocked', `HTTP ${code}, which this site answers to automated clients`) }
  if (/challenge/i.test(outcome.headers['cf-mitigated'] ?? '')) return { retry: false, status: status('blocked', `HTTP ${code} with a Cloudflare challenge (cf-mitigated: challenge)`) }
  if (code >= 200 && code < 300) return alive()
  // Non-standard codes (LinkedIn's 999) are bot walls, not server errors.
  if (code >= 600) return { retry: false, status: status('blocked', `HTTP ${code}, a non-standard refusal of automated clients`) }
  if (code === 404 || code === 410) return { retry: false, status: status('dead', `HTTP ${code}`) }
  if (code === 429 || code === 503) {
    // A 429, or a 503 that says when to come back, is about the host: slow down. A bare 503 is a transient error.
    const after = retryAfter(outcome.headers['retry-after'], now)
    const kind = code === 429 ? 'blocked' : 'transient'
    const overloaded = code === 429 || after !== undefined
    return { retry: true, overloaded, ...(after !== undefined ? { after } : {}), status: status(kind, `HTTP ${code}${after !== undefined ? ` (Retry-After ${Math.round(after / 1000)} s)` : ''}, after every retry`) }
  }
  if (code >= 500 || code === 408) return { retry: true, overloaded: false, status: status('transient', `HTTP ${code}, after every retry`) }
  return { retry: false, status: status('blocked', `HTTP ${code}: the site refuses the checker, the link cannot be verified`) }
}

/** `https://a.org/x --301--> https://b.org/y --302--> javascript:alert(1)` */
function chain(redirects: readonly Redirect[]): string {
  if (redirects.length === 0) return ''
  return [`\`${redirects[0]!.from}\``, ...redirects.map((hop) => `--${hop.status}--> \`${hop.to}\``)].join(' ')
}
