/**
 * GitHub's GraphQL API with a token: about 50 repositories per query as
 * aliases (`r0`, `r1`, ...), owner, name and path passed as variables, never
 * pasted into the query. A missing repository is a `null` with a NOT_FOUND
 * error while the rest of the batch succeeds; a rename shows as another
 * `nameWithOwner`. Every alias's answer is validated: a field that is not
 * there, an alias left out, or a `null` without a reason is unverified,
 * never "exists" and never "missing".
 */
import { answerValidator } from '../answer-schema.ts'
import type { ServiceGate } from '../service-gate.ts'
import { githubMessage, githubRequest, parseJson, serviceSignal, type GithubDeps } from './http.ts'
import { statusOf, type RepoLink, type RepoStatus } from './repo-url.ts'

interface RepositoryAnswer {
  nameWithOwner: string
  isArchived: boolean
  isDisabled: boolean
  p0?: { __typename: string } | null
}

interface GraphqlError {
  type?: string
  path?: unknown[]
  message?: string
}

const validateRepository = answerValidator<RepositoryAnswer>({
  type: 'object',
  required: ['nameWithOwner', 'isArchived', 'isDisabled'],
  properties: {
    nameWithOwner: { type: 'string', pattern: '^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?/[A-Za-z0-9._-]+$' },
    isArchived: { type: 'boolean' },
    isDisabled: { type: 'boolean' },
    p0: { anyOf: [{ type: 'null' }, { type: 'object', required: ['__typename'], properties: { __typename: { type: 'string', minLength: 1 } } }] }
  }
})

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

/** Statuses for one batch, in order; a batch GitHub could not answer is unverified as a whole. */
export async function checkBatch(links: readonly RepoLink[], url: string, gate: ServiceGate, deps: GithubDeps): Promise<RepoStatus[]> {
  const { query, variables } = batchQuery(links)
  const answer = await gate.call<{ data: Record<string, unknown>; errors: GraphqlError[] }>(async () => {
    const response = await githubRequest(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) }, deps)
    if ('kind' in response) return response
    const signal = serviceSignal(response, deps.now())
    if (signal) return signal
    if (response.status !== 200) return { kind: 'refused', reason: `GitHub's GraphQL API answered HTTP ${response.status}: ${githubMessage(response.body)}` }
    const body = parseJson(response.body) as { data?: unknown; errors?: unknown } | undefined
    if (!body || typeof body !== 'object') return { kind: 'transient', reason: 'GitHub’s GraphQL answer is not JSON (an HTML page, or cut short)' }
    const errors = (Array.isArray(body.errors) ? body.errors : []).filter((error): error is GraphqlError => typeof error === 'object' && error !== null)
    if (errors.some((error) => error.type === 'RATE_LIMITED')) {
      const reset = Number(response.header('x-ratelimit-reset'))
      return { kind: 'stop', reason: 'GitHub’s GraphQL rate limit is spent', ...(Number.isFinite(reset) && reset > 0 ? { retryAt: reset * 1000 } : {}) }
    }
    if (!body.data || typeof body.data !== 'object' || Array.isArray(body.data)) {
      const said = errors.map((error) => error.message).filter(Boolean).join('; ')
      return { kind: 'transient', reason: `GitHub’s GraphQL API answered without data${said ? ` (${said.slice(0, 200)})` : ''}` }
    }
    return { kind: 'ok', value: { data: body.data as Record<string, unknown>, errors } }
  })
  if (!answer.ok) return links.map(() => ({ kind: 'unverified', reason: answer.reason }))
  const { data, errors } = answer.value
  return links.map((link, index) => {
    const alias = `r${index}`
    const error = errors.find((item) => Array.isArray(item.path) && item.path[0] === alias)
    if (!(alias in data)) return { kind: 'unverified', reason: 'GitHub’s answer left this repository out' }
    const value = data[alias]
    if (value === null) {
      if (error?.type === 'NOT_FOUND') return { kind: 'not-found' }
      if (error && /legal|dmca|blocked/i.test(`${error.type} ${error.message}`)) return { kind: 'unavailable-for-legal-reasons', ...(error.message ? { reason: error.message } : {}) }
      return { kind: 'unverified', reason: error?.message ? `GitHub: ${error.message}` : 'GitHub answered `null` without saying why' }
    }
    const validated = validateRepository(value)
    if (!validated.ok) return { kind: 'unverified', reason: `GitHub’s answer did not validate (${validated.problems})` }
    const wantsPath = link.ref !== undefined && link.path !== undefined
    if (wantsPath && !('p0' in validated.value)) return { kind: 'unverified', reason: 'GitHub’s answer left out the path' }
    return statusOf(link, validated.value.nameWithOwner, validated.value.isArchived, validated.value.isDisabled, wantsPath ? validated.value.p0 !== null : true)
  })
}
