/**
 * GitHub's REST API, one repository at a time: without a token for the whole
 * check, with it for the few GraphQL calls NOT_FOUND (REST tells a rename,
 * 301, and a legal block, 451, from a repository that is gone). Conditional
 * requests make an unchanged answer a free 304. Every 200 is validated
 * before it counts or is cached; anything else is unverified.
 */
import { answerValidator } from '../answer-schema.ts'
import type { ServiceGate } from '../service-gate.ts'
import { githubMessage, githubRequest, parseJson, serviceSignal, type GithubDeps } from './http.ts'
import { statusOf, type RepoLink, type RepoStatus } from './repo-url.ts'

export interface CachedRepository {
  etag: string
  fullName: string
  archived: boolean
  disabled: boolean
}

export interface RestDeps extends GithubDeps {
  baseUrl: string
  gate: ServiceGate
  /** ETags and validated answers from earlier runs, by `owner/name` in lower case; updated in place. */
  cache: Record<string, CachedRepository>
  /** Requests answered 304, for tests and the benchmark. */
  sent: { notModified: number }
}

const fullName = { type: 'string', pattern: '^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?/[A-Za-z0-9._-]+$' } as const

const validateRepository = answerValidator<{ full_name: string; archived: boolean; disabled: boolean }>({
  type: 'object',
  required: ['full_name', 'archived', 'disabled'],
  properties: { full_name: fullName, archived: { type: 'boolean' }, disabled: { type: 'boolean' } }
})

const validateCached = answerValidator<CachedRepository>({
  type: 'object',
  required: ['etag', 'fullName', 'archived', 'disabled'],
  properties: { etag: { type: 'string', minLength: 1 }, fullName, archived: { type: 'boolean' }, disabled: { type: 'boolean' } }
})

type RestAnswer =
  | { status: 200; repository: Omit<CachedRepository, 'etag'>; etag?: string }
  | { status: 304 | 404 }
  | { status: 301; location: string }
  | { status: 451; reason?: string }

async function getRepository(url: string, deps: RestDeps, etag?: string) {
  return deps.gate.call<RestAnswer>(async () => {
    const response = await githubRequest(url, { headers: { accept: 'application/vnd.github+json', 'x-github-api-version': '2022-11-28', ...(etag ? { 'if-none-match': etag } : {}) } }, deps)
    if ('kind' in response) return response
    const signal = serviceSignal(response, deps.now())
    if (signal) return signal
    switch (response.status) {
      case 200: {
        const validated = validateRepository(parseJson(response.body))
        if (!validated.ok) return { kind: 'transient', reason: `GitHub's answer did not validate (${validated.problems})` }
        const etagHeader = response.header('etag')
        const repository = { fullName: validated.value.full_name, archived: validated.value.archived, disabled: validated.value.disabled }
        return { kind: 'ok', value: { status: 200, repository, ...(etagHeader ? { etag: etagHeader } : {}) } }
      }
      case 304:
      case 404:
        return { kind: 'ok', value: { status: response.status } }
      case 301:
      case 302:
      case 307:
      case 308: {
        const location = response.header('location')
        if (!location) return { kind: 'refused', reason: `GitHub answered HTTP ${response.status} without a Location` }
        return { kind: 'ok', value: { status: 301, location } }
      }
      case 451: {
        const reason = (parseJson(response.body) as { block?: { reason?: unknown } } | undefined)?.block?.reason
        return { kind: 'ok', value: { status: 451, ...(typeof reason === 'string' ? { reason } : {}) } }
      }
      default:
        return { kind: 'refused', reason: `GitHub answered HTTP ${response.status}: ${githubMessage(response.body)}` }
    }
  })
}

export async function checkRepository(link: RepoLink, deps: RestDeps): Promise<RepoStatus> {
  const key = `${link.owner}/${link.name}`.toLowerCase()
  const cachedEntry = deps.cache[key] !== undefined ? validateCached(deps.cache[key]) : undefined
  const cached = cachedEntry?.ok ? cachedEntry.value : undefined
  let answer = await getRepository(`${deps.baseUrl}/repos/${encodeURIComponent(link.owner)}/${encodeURIComponent(link.name)}`, deps, cached?.etag)
  if (answer.ok && answer.value.status === 301) {
    // A renamed repository answers 301 to `/repositories/{id}`, on the API's own origin.
    const target = new URL(answer.value.location, `${deps.baseUrl}/`)
    if (target.origin !== new URL(deps.baseUrl).origin) return { kind: 'unverified', reason: `GitHub redirected to another site (\`${target.origin}\`)` }
    answer = await getRepository(target.href, deps)
  }
  if (!answer.ok) return { kind: 'unverified', reason: answer.reason }
  const value = answer.value
  let repository: Omit<CachedRepository, 'etag'>
  switch (value.status) {
    case 304:
      if (!cached) return { kind: 'unverified', reason: 'GitHub answered 304 Not Modified to a request that was not conditional' }
      deps.sent.notModified++
      repository = cached
      break
    case 200:
      repository = value.repository
      if (value.etag) deps.cache[key] = { etag: value.etag, ...repository }
      break
    case 404:
      delete deps.cache[key]
      return { kind: 'not-found' }
    case 451:
      return { kind: 'unavailable-for-legal-reasons', ...(value.reason ? { reason: value.reason } : {}) }
    default:
      return { kind: 'unverified', reason: 'GitHub redirected more than once' }
  }
  let pathExists = true
  if (link.ref && link.path && repository.fullName.toLowerCase() === key) {
    const contents = await deps.gate.call<boolean>(async () => {
      const response = await githubRequest(`${deps.baseUrl}/repos/${repository.fullName}/contents/${link.path!.split('/').map(encodeURIComponent).join('/')}?ref=${encodeURIComponent(link.ref!)}`, { headers: { accept: 'application/vnd.github+json', 'x-github-api-version': '2022-11-28' } }, deps)
      if ('kind' in response) return response
      const signal = serviceSignal(response, deps.now())
      if (signal) return signal
      if (response.status === 200) return { kind: 'ok', value: true }
      if (response.status === 404) return { kind: 'ok', value: false }
      return { kind: 'refused', reason: `GitHub answered HTTP ${response.status} about the path: ${githubMessage(response.body)}` }
    })
    if (!contents.ok) return { kind: 'unverified', reason: contents.reason }
    pathExists = contents.value
  }
  return statusOf(link, repository.fullName, repository.archived, repository.disabled, pathExists)
}
