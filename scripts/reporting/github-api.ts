/**
 * GitHub's REST API for the report issue, on the same footing as every other
 * GitHub call of the project: the service gate and the shared retry policy
 * (secondary limits answered with `Retry-After` are waited out, 5xx retried,
 * a spent rate limit or a refused token stops), `Link` pagination followed on
 * GitHub's own origin, and errors that say what GitHub said (`errors[]` of a
 * 422) with a hint that fits the status.
 */
import type { Dispatcher } from 'undici'
import { githubMessage, githubRequest, parseJson, serviceSignal } from '../checkers/github/http.ts'
import type { ServiceGate } from '../checkers/service-gate.ts'

export interface GithubApi {
  baseUrl: string
  /** `owner/name`. */
  repository: string
  token: string
  userAgent: string
  timeout: number
  gate: ServiceGate
  now: () => number
  dispatcher?: Dispatcher
}

/** GitHub refused, or could not be reached: the report is kept elsewhere and the step fails. */
export class GithubApiError extends Error {
  constructor(
    readonly status: number | undefined,
    message: string
  ) {
    super(message)
  }
}

/** One call; the parsed JSON and the `next` page's URL. */
export async function githubCall<T>(api: GithubApi, method: 'GET' | 'POST' | 'PATCH', path: string, body?: unknown): Promise<{ data: T; next?: string }> {
  const url = path.startsWith('http') ? path : `${api.baseUrl.replace(/\/$/, '')}${path}`
  const answer = await api.gate.call(async () => {
    const response = await githubRequest(
      url,
      { method: method as 'GET', headers: { accept: 'application/vnd.github+json', 'x-github-api-version': '2022-11-28', ...(body !== undefined ? { 'content-type': 'application/json' } : {}) }, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) },
      { userAgent: api.userAgent, timeout: api.timeout, token: api.token, now: api.now, ...(api.dispatcher ? { dispatcher: api.dispatcher } : {}) }
    )
    if ('kind' in response) return response
    const signal = serviceSignal(response, api.now())
    if (signal) return signal
    return { kind: 'ok', value: response }
  })
  const shown = `${method} ${new URL(url).pathname}`
  if (!answer.ok) throw new GithubApiError(undefined, `GitHub could not be asked (${shown}): ${answer.reason}`)
  const response = answer.value
  if (response.status >= 400) throw new GithubApiError(response.status, `GitHub answered HTTP ${response.status} to ${shown}: ${describeError(response.body)} (${hint(response.status, api.repository)})`)
  const data = (response.body.trim() === '' ? undefined : parseJson(response.body)) as T
  const next = nextPage(response.header('link'), api.baseUrl)
  return { data, ...(next ? { next } : {}) }
}

/** Every page of a list, following `Link: <…>; rel="next"`. */
export async function githubList<T>(api: GithubApi, path: string): Promise<T[]> {
  const items: T[] = []
  let page: string | undefined = path
  for (let count = 0; page && count < 1_000; count++) {
    const { data, next }: { data: T[]; next?: string } = await githubCall<T[]>(api, 'GET', page)
    if (!Array.isArray(data)) throw new GithubApiError(200, `GitHub answered ${page.split('?')[0]} with something that is not a list`)
    items.push(...data)
    page = next
  }
  return items
}

/** GitHub's message and, for a 422, each of its `errors[]`. */
function describeError(body: string): string {
  const parsed = parseJson(body) as { message?: unknown; errors?: unknown } | undefined
  const message = githubMessage(body)
  const errors = Array.isArray(parsed?.errors)
    ? parsed!.errors
        .map((error: { resource?: string; field?: string; code?: string; message?: string } | string) =>
          typeof error === 'string' ? error : [error.resource, error.field].filter(Boolean).join('.') + (error.code ? ` ${error.code}` : '') + (error.message ? `: ${error.message}` : '')
        )
        .join('; ')
    : ''
  return errors ? `${message} (${errors})` : message
}

/** What to do about a status GitHub refused with (rate limits and 401 are the gate's). */
function hint(status: number, repository: string): string {
  switch (status) {
    case 403:
      return 'give the workflow `permissions: issues: write`'
    case 404:
      return `check that ${repository} exists and the token can see it`
    case 410:
      return `issues are disabled for ${repository}; enable them in its settings, or run the report without \`--issue\``
    case 422:
      return 'GitHub rejected what was sent; the errors above say which field'
    default:
      return 'retry later'
  }
}

/** The `next` URL of a `Link` header, only on the API's own origin. */
export function nextPage(link: string | undefined, baseUrl: string): string | undefined {
  if (!link) return undefined
  for (const part of link.split(',')) {
    const match = /<([^>]+)>\s*;\s*rel="?([^";]+)"?/.exec(part.trim())
    if (match?.[2] === 'next') {
      const url = new URL(match[1]!, baseUrl)
      return url.origin === new URL(baseUrl).origin ? url.href : undefined
    }
  }
  return undefined
}
