/**
 * GitHub's REST API without a token: one repository at a time, with
 * conditional requests (an unchanged answer is a 304, which costs nothing),
 * renames read from the 301, and a polite stop at the rate limit.
 */
import { request, type Dispatcher } from 'undici'
import { RateLimited, statusOf } from './graphql.ts'
import type { RepoLink, RepoStatus } from './repo-url.ts'

export interface RestDeps {
  baseUrl: string
  userAgent: string
  timeout: number
  dispatcher?: Dispatcher
  /** ETags and answers from earlier runs, by `owner/name`; updated in place. */
  cache: Record<string, { etag: string; fullName: string; archived: boolean; disabled: boolean }>
  /** Requests sent, for tests and the benchmark. */
  sent: { requests: number; notModified: number }
}

async function get(url: string, deps: RestDeps, etag?: string) {
  deps.sent.requests++
  const response = await request(url, {
    ...(deps.dispatcher ? { dispatcher: deps.dispatcher } : {}),
    headers: { accept: 'application/vnd.github+json', 'user-agent': deps.userAgent, 'x-github-api-version': '2022-11-28', ...(etag ? { 'if-none-match': etag } : {}) },
    signal: AbortSignal.timeout(deps.timeout)
  })
  const body = await response.body.text()
  const header = (name: string) => response.headers[name] as string | undefined
  if ((response.statusCode === 403 || response.statusCode === 429) && (header('x-ratelimit-remaining') === '0' || header('retry-after') !== undefined)) {
    const reset = header('x-ratelimit-reset')
    throw new RateLimited(reset ? new Date(Number(reset) * 1000).toISOString() : undefined, `GitHub's rate limit (HTTP ${response.statusCode})`)
  }
  return { status: response.statusCode, body, etag: header('etag'), location: header('location') }
}

export async function checkRepository(link: RepoLink, deps: RestDeps): Promise<RepoStatus> {
  const key = `${link.owner}/${link.name}`.toLowerCase()
  const cached = deps.cache[key]
  let answer = await get(`${deps.baseUrl}/repos/${encodeURIComponent(link.owner)}/${encodeURIComponent(link.name)}`, deps, cached?.etag)
  if (answer.status === 301 && answer.location) answer = await get(answer.location, deps)
  let repository: { fullName: string; archived: boolean; disabled: boolean }
  if (answer.status === 304 && cached) {
    deps.sent.notModified++
    repository = cached
  } else if (answer.status === 200) {
    const body = JSON.parse(answer.body) as { full_name: string; archived: boolean; disabled: boolean }
    repository = { fullName: body.full_name, archived: body.archived, disabled: body.disabled }
    if (answer.etag) deps.cache[key] = { etag: answer.etag, ...repository }
  } else if (answer.status === 404) {
    delete deps.cache[key]
    return { kind: 'not-found' }
  } else if (answer.status === 451) {
    const reason = (JSON.parse(answer.body || '{}') as { block?: { reason?: string } }).block?.reason
    return { kind: 'unavailable-for-legal-reasons', ...(reason ? { reason } : {}) }
  } else {
    return { kind: 'unverified', reason: `GitHub answered HTTP ${answer.status}` }
  }
  let pathExists = true
  if (link.ref && link.path && repository.fullName.toLowerCase() === key) {
    const contents = await get(`${deps.baseUrl}/repos/${repository.fullName}/contents/${link.path.split('/').map(encodeURIComponent).join('/')}?ref=${encodeURIComponent(link.ref)}`, deps)
    pathExists = contents.status !== 404
  }
  return statusOf(link, repository.fullName, repository.archived, repository.disabled, pathExists)
}
