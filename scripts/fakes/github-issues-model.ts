/**
 * The pure half of the GitHub issues fake: the stored shapes, the JSON GitHub
 * answers with, its validation errors, its ordering and its pagination (the
 * `Link` header). No server, no clock; `github-issues.ts` wires it to HTTP.
 *
 * Shapes follow GitHub's REST API (version 2022-11-28) as clients see it:
 * errors are `{message, errors?, documentation_url, status}`, a too-long body
 * is `422 Validation Failed` with `body is too long (maximum is 65536
 * characters)`, and the `Link` header lists `prev`, `next`, `last`, `first`
 * in that order, each only where it applies.
 */

/** A repository label. */
export interface FakeLabel {
  name: string
  /** Six hex digits, no `#`. */
  color: string
  description: string | null
}

/** What makes an issue a pull request (GitHub lists pull requests among the issues, numbered alike). */
export interface FakePullRequest {
  /** Branch name of the head, without owner. */
  head: string
  /** Owner of the head branch (the repository owner unless `head` was given as `owner:branch`). */
  headOwner: string
  base: string
}

/** An issue or pull request as the fake stores it. */
export interface FakeIssue {
  number: number
  title: string
  body: string | null
  state: 'open' | 'closed'
  state_reason: 'completed' | 'not_planned' | 'reopened' | null
  labels: string[]
  /** Comment bodies, oldest first. */
  comments: string[]
  created_at: string
  updated_at: string
  closed_at: string | null
  pull_request?: FakePullRequest
}

/** An HTTP answer: status, JSON body (or raw text when `body` is a string) and extra headers. */
export interface Answer {
  status: number
  body: unknown
  headers?: Record<string, string>
}

/** Where GitHub's error bodies point (`documentation_url`). */
export const docs = {
  root: 'https://docs.github.com/rest',
  listIssues: 'https://docs.github.com/rest/issues/issues#list-repository-issues',
  createIssue: 'https://docs.github.com/rest/issues/issues#create-an-issue',
  updateIssue: 'https://docs.github.com/rest/issues/issues#update-an-issue',
  createComment: 'https://docs.github.com/rest/issues/comments#create-an-issue-comment',
  addLabels: 'https://docs.github.com/rest/issues/labels#add-labels-to-an-issue',
  getLabel: 'https://docs.github.com/rest/issues/labels#get-a-label',
  createLabel: 'https://docs.github.com/rest/issues/labels#create-a-label',
  createPull: 'https://docs.github.com/rest/pulls/pulls#create-a-pull-request',
  updatePull: 'https://docs.github.com/rest/pulls/pulls#update-a-pull-request'
}

/** GitHub's usual message per status, used when a fault gives no body. */
export const defaultMessages: Record<number, string> = {
  400: 'Problems parsing JSON',
  401: 'Bad credentials',
  403: 'Resource not accessible by integration',
  404: 'Not Found',
  410: 'Issues are disabled for this repo',
  422: 'Validation Failed',
  429: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
  500: 'Server Error',
  502: 'Server Error',
  503: 'Service Unavailable'
}

export type FieldError = { resource: string; code: string; field?: string; message?: string }

/** An error answer in GitHub's shape. */
export function failure(status: number, message = defaultMessages[status] ?? 'Error', documentation_url = docs.root, errors?: FieldError[]): Answer {
  return { status, body: { message, ...(errors ? { errors } : {}), documentation_url, status: String(status) } }
}

/** `422 Validation Failed` with its `errors[]`. */
export const invalid = (documentation_url: string, errors: FieldError[]): Answer => failure(422, 'Validation Failed', documentation_url, errors)

/** Length as GitHub counts it: characters (code points), so an emoji is one, not two UTF-16 units. */
export const characters = (text: string): number => [...text].length

/** The longest issue or pull request title GitHub accepts. */
export const maxTitle = 256

/**
 * Too-long `title` and `body` errors, all at once as GitHub lists them.
 * Comments fail with GitHub's own, different wording (`IssueComment`, field
 * `data`, capital `Body`), as recorded in public logs.
 */
export function lengthErrors(resource: 'Issue' | 'IssueComment' | 'PullRequest', fields: { title?: unknown; body?: unknown }, maxBody: number): FieldError[] {
  const errors: FieldError[] = []
  if (typeof fields.title === 'string' && characters(fields.title) > maxTitle) errors.push({ resource, code: 'custom', field: 'title', message: `title is too long (maximum is ${maxTitle} characters)` })
  if (typeof fields.body === 'string' && characters(fields.body) > maxBody) {
    errors.push(resource === 'IssueComment' ? { resource, code: 'unprocessable', field: 'data', message: `Body is too long (maximum is ${maxBody} characters)` } : { resource, code: 'custom', field: 'body', message: `body is too long (maximum is ${maxBody} characters)` })
  }
  return errors
}

/** A missing or empty required string, as a `missing_field` error. */
export const missing = (resource: string, value: unknown, field: string): FieldError[] => (typeof value === 'string' && value !== '' ? [] : [{ resource, code: 'missing_field', field }])

/** Orders issues or pull requests by `sort` (`created` default, `updated`, `comments`) and `direction` (`desc` default). */
export function ordered(issues: FakeIssue[], query: URLSearchParams): FakeIssue[] {
  const sort = query.get('sort') ?? 'created'
  const key = (issue: FakeIssue): number | string => (sort === 'updated' ? issue.updated_at : sort === 'comments' ? issue.comments.length : issue.created_at)
  const sign = query.get('direction') === 'asc' ? 1 : -1
  return [...issues].sort((a, b) => sign * (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.number - b.number))
}

const positive = (value: string | null, fallback: number): number => (value && /^\d+$/.test(value) && Number(value) > 0 ? Number(value) : fallback)

/** The query string with `page` set, every other parameter kept as sent (in place, or `page` appended). */
function withPage(search: string, page: number): string {
  const parts = search.replace(/^\?/, '').split('&').filter(Boolean)
  const at = parts.findIndex((part) => part.startsWith('page='))
  if (at === -1) parts.push(`page=${page}`)
  else parts[at] = `page=${page}`
  return parts.join('&')
}

/**
 * One page of `items` for `per_page` (default 30, at most 100) and `page`
 * (default 1), with GitHub's `Link` header on the fake's own `origin`;
 * no header when everything fits on the first page.
 */
export function paginate<T>(items: T[], url: URL, origin: string): { items: T[]; headers: Record<string, string> } {
  const perPage = Math.min(positive(url.searchParams.get('per_page'), 30), 100)
  const page = positive(url.searchParams.get('page'), 1)
  const last = Math.max(1, Math.ceil(items.length / perPage))
  const link = (n: number, rel: string) => `<${origin}${url.pathname}?${withPage(url.search, n)}>; rel="${rel}"`
  const links = [...(page > 1 ? [link(page - 1, 'prev')] : []), ...(page < last ? [link(page + 1, 'next'), link(last, 'last')] : []), ...(page > 1 ? [link(1, 'first')] : [])]
  return { items: items.slice((page - 1) * perPage, page * perPage), headers: links.length ? { link: links.join(', ') } : {} }
}

/** The repository's views of one issue, pull request, label and comment, on the fake's `origin`. */
export function views(repository: string, origin: string, labelOf: (name: string) => FakeLabel) {
  const api = `${origin}/repos/${repository}`
  const site = `https://github.com/${repository}`
  const owner = repository.split('/')[0]!
  const user = { login: 'github-actions[bot]', type: 'Bot' }
  const label = (name: string) => ({ id: [...name].reduce((sum, char) => (sum * 31 + char.codePointAt(0)!) % 1e9, 7), ...labelOf(name), url: `${api}/labels/${encodeURIComponent(name)}`, default: false })
  const common = (issue: FakeIssue) => ({ id: 1e6 + issue.number, node_id: `I_fake${issue.number}`, number: issue.number, title: issue.title, body: issue.body, state: issue.state, user, labels: issue.labels.map(label), created_at: issue.created_at, updated_at: issue.updated_at, closed_at: issue.closed_at })
  return {
    label,
    issue: (issue: FakeIssue) => ({
      ...common(issue),
      url: `${api}/issues/${issue.number}`,
      html_url: `${site}/${issue.pull_request ? 'pull' : 'issues'}/${issue.number}`,
      state_reason: issue.state_reason,
      comments: issue.comments.length,
      locked: false,
      ...(issue.pull_request ? { pull_request: { url: `${api}/pulls/${issue.number}`, html_url: `${site}/pull/${issue.number}`, merged_at: null } } : {})
    }),
    pull: (issue: FakeIssue) => ({
      ...common(issue),
      url: `${api}/pulls/${issue.number}`,
      html_url: `${site}/pull/${issue.number}`,
      issue_url: `${api}/issues/${issue.number}`,
      draft: false,
      merged_at: null,
      head: { ref: issue.pull_request!.head, label: `${issue.pull_request!.headOwner}:${issue.pull_request!.head}` },
      base: { ref: issue.pull_request!.base, label: `${owner}:${issue.pull_request!.base}` }
    }),
    comment: (issue: FakeIssue, index: number) => ({ id: issue.number * 1000 + index + 1, url: `${api}/issues/comments/${issue.number * 1000 + index + 1}`, html_url: `${site}/issues/${issue.number}#issuecomment-${issue.number * 1000 + index + 1}`, body: issue.comments[index], user })
  }
}
