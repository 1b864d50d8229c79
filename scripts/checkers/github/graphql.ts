/**
 * GitHub's GraphQL API with a token: about 50 repositories per query as
 * aliases (`r0`, `r1`, ...), owner, name and path passed as variables, never
 * pasted into the query. A missing repository is a `null` with an error while
 * the rest of the batch succeeds; a rename shows as another `nameWithOwner`.
 */
import { request, type Dispatcher } from 'undici'
import type { RepoLink, RepoStatus } from './repo-url.ts'

export interface GraphqlDeps {
  url: string
  token: string
  userAgent: string
  timeout: number
  dispatcher?: Dispatcher
}

interface RepositoryAnswer {
  nameWithOwner: string
  isArchived: boolean
  isDisabled: boolean
  [path: `p${number}`]: { __typename: string } | null
}

/** Builds one batch's query and variables. */
export function batchQuery(links: readonly RepoLink[]): { query: string; variables: Record<string, string> } {
  const variables: Record<string, string> = {}
  const declarations: string[] = []
  const fields = links.map((link, index) => {
    variables[`o${index}`] = link.owner
    variables[`n${index}`] = link.name
    declarations.push(`$o${index}: String!`, `$n${index}: String!`)
    let path = ''
    if (link.ref && link.path) {
      variables[`e${index}`] = `${link.ref}:${link.path}`
      declarations.push(`$e${index}: String!`)
      path = ` p0: object(expression: $e${index}) { __typename }`
    }
    return `  r${index}: repository(owner: $o${index}, name: $n${index}) { ...R${path} }`
  })
  const query = `query VerifyRepos(${declarations.join(', ')}) {\n${fields.join('\n')}\n  rateLimit { cost remaining resetAt }\n}\nfragment R on Repository { nameWithOwner isArchived isDisabled }`
  return { query, variables }
}

export class RateLimited extends Error {
  constructor(readonly resetAt: string | undefined, message: string) {
    super(message)
  }
}

/** Statuses for one batch; throws `RateLimited` when GitHub says to stop. */
export async function checkBatch(links: readonly RepoLink[], deps: GraphqlDeps): Promise<RepoStatus[]> {
  const { query, variables } = batchQuery(links)
  const response = await request(deps.url, {
    method: 'POST',
    ...(deps.dispatcher ? { dispatcher: deps.dispatcher } : {}),
    headers: { authorization: `bearer ${deps.token}`, 'content-type': 'application/json', 'user-agent': deps.userAgent },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(deps.timeout)
  })
  const text = await response.body.text()
  const reset = response.headers['x-ratelimit-reset'] as string | undefined
  const resetAt = reset ? new Date(Number(reset) * 1000).toISOString() : undefined
  if (response.statusCode === 401) return links.map(() => ({ kind: 'unverified', reason: 'GitHub refused the token (401)' }))
  if (response.statusCode === 403 || response.statusCode === 429) throw new RateLimited(resetAt, `GitHub's rate limit (HTTP ${response.statusCode})`)
  if (response.statusCode !== 200) return links.map(() => ({ kind: 'unverified', reason: `GitHub answered HTTP ${response.statusCode}` }))
  const body = JSON.parse(text) as { data?: Record<string, RepositoryAnswer | null>; errors?: Array<{ type?: string; path?: string[]; message?: string }> }
  if (!body.data && body.errors?.some((error) => error.type === 'RATE_LIMITED')) throw new RateLimited(resetAt, 'GitHub’s GraphQL rate limit')
  return links.map((link, index) => {
    const alias = `r${index}`
    const answer = body.data?.[alias]
    const error = body.errors?.find((item) => item.path?.[0] === alias)
    if (!answer) {
      if (!error || error.type === 'NOT_FOUND') return { kind: 'not-found' }
      if (/legal|dmca|blocked/i.test(`${error.type} ${error.message}`)) return { kind: 'unavailable-for-legal-reasons', reason: error.message ?? '' }
      return { kind: 'unverified', reason: error.message ?? String(error.type) }
    }
    return statusOf(link, answer.nameWithOwner, answer.isArchived, answer.isDisabled, link.ref && link.path ? answer.p0 !== null : true)
  })
}

/** The one place a repository's answer becomes a status: disabled, moved, archived, path, ok. */
export function statusOf(link: RepoLink, nameWithOwner: string, archived: boolean, disabled: boolean, pathExists: boolean): RepoStatus {
  if (disabled) return { kind: 'disabled' }
  if (nameWithOwner.toLowerCase() !== `${link.owner}/${link.name}`.toLowerCase()) {
    return { kind: 'moved', to: `https://github.com/${nameWithOwner}${link.rest ? `/${link.rest}` : ''}` }
  }
  if (!pathExists) return { kind: 'path-missing', ref: link.ref!, path: link.path! }
  if (archived) return { kind: 'archived' }
  return { kind: 'ok' }
}
