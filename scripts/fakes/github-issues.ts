/**
 * A fake of GitHub's issues, labels and pull requests API on 127.0.0.1, as
 * strict as GitHub where clients go wrong: lists are paginated (`per_page`
 * 30 by default, at most 100, newest first, a `Link` header) and hold pull
 * requests too; unknown labels are created only with label rights and
 * otherwise silently dropped; titles over 256 and bodies over `maxBody`
 * characters (code points) are `422 Validation Failed`; a second open pull
 * request for one head and base is refused, and so is any when GitHub
 * Actions may not create them. `Bearer` and `token` authorization both work.
 *
 * Faults: `faults` is a queue of answers given instead of the fake's own
 * (`times`, `match` on `METHOD /path`); `failWith` answers every request with
 * one status. Pure shapes, validation and pagination are in
 * `github-issues-model.ts`.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { docs, failure, invalid, lengthErrors, missing, ordered, paginate, views, type Answer, type FakeIssue, type FakeLabel, type FieldError } from './github-issues-model.ts'

export type { FakeIssue, FakeLabel, FakePullRequest } from './github-issues-model.ts'

export interface IssuesFakeOptions {
  /** That many unrelated open issues (`Unrelated issue 1`, …) created first. Default 0. */
  prefill?: number
  /** Whether the token may create labels: unknown labels on an issue are created (true) or silently dropped (false). Default true. */
  labelRights?: boolean
  /** Whether the repository lets GitHub Actions create pull requests. Default true. */
  prCreation?: boolean
  /** Longest issue, comment or pull request body, in characters (code points). Default 65536. */
  maxBody?: number
}

/** An answer given instead of the fake's own, to the next `times` matching requests. */
export interface FakeFault {
  status: number
  /** How many matching requests get it. Default 1; `Infinity` for all. Counts down as it is used. */
  times?: number
  headers?: Record<string, string>
  /** JSON body, or raw text when a string. Default: GitHub's error body for `status`. */
  body?: unknown
  /** Only for requests whose `METHOD /path` (without query) matches. Default: every request. */
  match?: RegExp
}

export interface NewIssue {
  title: string
  body?: string | null
  /** Created in the repository when missing, whatever `labelRights` says (set-up acts as an admin). */
  labels?: string[]
  state?: 'open' | 'closed'
}

export interface NewPullRequest {
  title: string
  /** `branch` or `owner:branch`. */
  head: string
  /** Default `main`. */
  base?: string
  body?: string | null
  state?: 'open' | 'closed'
}

export interface IssuesFake {
  /** Origin to use as the API base URL, `http://127.0.0.1:PORT`. */
  url: string
  /** Issues and pull requests, in creation order. */
  issues: FakeIssue[]
  labels: FakeLabel[]
  /** `METHOD /path?query` of every request, in order. */
  requests: string[]
  /** Answer every request with this status from now on (403, 404, 429...), or undefined. */
  failWith: number | undefined
  faults: FakeFault[]
  /** The options in force; change them at any time. */
  options: Required<IssuesFakeOptions>
  /** Adds an issue now (newer than all before it), bypassing the API. */
  addIssue: (issue: NewIssue) => FakeIssue
  /** Adds a pull request now, bypassing the API and its checks. */
  addPullRequest: (pull: NewPullRequest) => FakeIssue
  /** Open issues (not pull requests) whose body contains `marker`. */
  openReports: (marker: string) => FakeIssue[]
  close: () => Promise<void>
}

type Input = Record<string, unknown>
type Route = [method: string, path: RegExp, handle: (match: RegExpExecArray, url: URL, input: Input) => Answer]

const legacyMessages: Record<number, string> = { 403: 'Resource not accessible by integration', 404: 'Not Found', 429: 'You have exceeded a secondary rate limit' }
const stateReasons = ['completed', 'not_planned', 'reopened', null]

export async function startIssuesFake(repository: string, token: string, options: IssuesFakeOptions = {}): Promise<IssuesFake> {
  const owner = repository.split('/')[0]!
  let clock = Date.parse('2026-01-01T00:00:00Z')
  const tick = () => new Date((clock += 1000)).toISOString()
  const labelNamed = (name: string) => fake.labels.find((label) => label.name.toLowerCase() === name.toLowerCase())
  const fake: IssuesFake = {
    url: '',
    issues: [],
    labels: [],
    requests: [],
    failWith: undefined,
    faults: [],
    options: { prefill: options.prefill ?? 0, labelRights: options.labelRights ?? true, prCreation: options.prCreation ?? true, maxBody: options.maxBody ?? 65536 },
    addIssue: (issue) => store({ title: issue.title, body: issue.body ?? null, labels: applyLabels(issue.labels, true), state: issue.state ?? 'open' }),
    addPullRequest: (pull) => store({ title: pull.title, body: pull.body ?? null, labels: [], state: pull.state ?? 'open', pull_request: { ...headOf(pull.head), base: pull.base ?? 'main' } }),
    openReports: (marker) => fake.issues.filter((issue) => issue.state === 'open' && !issue.pull_request && (issue.body ?? '').includes(marker)),
    close: () => new Promise<void>((resolve) => (server.close(() => resolve()), server.closeAllConnections()))
  }

  function store(fields: Pick<FakeIssue, 'title' | 'body' | 'labels' | 'state' | 'pull_request'>): FakeIssue {
    const now = tick()
    const closed = fields.state === 'closed'
    const issue: FakeIssue = { number: fake.issues.length + 1, comments: [], created_at: now, updated_at: now, closed_at: closed ? now : null, state_reason: closed ? 'completed' : null, ...fields }
    if (!issue.pull_request) delete issue.pull_request
    fake.issues.push(issue)
    return issue
  }

  /** Label names as stored: existing ones in their own spelling; unknown ones created, or dropped without rights. */
  function applyLabels(names: unknown, mayCreate: boolean): string[] {
    const result: string[] = []
    for (const given of Array.isArray(names) ? names : []) {
      const name = typeof given === 'string' ? given : (given as { name?: unknown } | null)?.name
      if (typeof name !== 'string' || name === '') continue
      let label = labelNamed(name)
      if (!label && mayCreate) fake.labels.push((label = { name, color: 'ededed', description: null }))
      if (label && !result.includes(label.name)) result.push(label.name)
    }
    return result
  }

  function headOf(head: string) {
    const colon = head.indexOf(':')
    return colon === -1 ? { headOwner: owner, head } : { headOwner: head.slice(0, colon), head: head.slice(colon + 1) }
  }

  const find = (number: string | undefined, pull = false) => fake.issues.find((issue) => issue.number === Number(number) && (!pull || issue.pull_request))
  const openDuplicate = (issue: Pick<FakeIssue, 'number' | 'pull_request'>) =>
    fake.issues.find((other) => other.number !== issue.number && other.state === 'open' && other.pull_request && other.pull_request.headOwner.toLowerCase() === issue.pull_request!.headOwner.toLowerCase() && other.pull_request.head === issue.pull_request!.head && other.pull_request.base === issue.pull_request!.base)
  const alreadyExists = (issue: Pick<FakeIssue, 'pull_request'>) => [{ resource: 'PullRequest', code: 'custom', message: `A pull request already exists for ${issue.pull_request!.headOwner}:${issue.pull_request!.head}.` }]
  const view = () => views(repository, fake.url, (name) => labelNamed(name) ?? { name, color: 'ededed', description: null })
  const listed = (items: FakeIssue[], url: URL, as: (issue: FakeIssue) => unknown): Answer => {
    const page = paginate(ordered(items, url.searchParams), url, fake.url)
    return { status: 200, body: page.items.map(as), headers: page.headers }
  }
  const stateOf = (url: URL) => {
    const state = url.searchParams.get('state')
    return state === 'closed' || state === 'all' ? state : 'open'
  }

  /** Errors for `state` and `state_reason` on an update. */
  const stateErrors = (resource: string, input: Input): FieldError[] => [
    ...(input.state !== undefined && input.state !== 'open' && input.state !== 'closed' ? [{ resource, code: 'invalid', field: 'state' }] : []),
    ...('state_reason' in input && !stateReasons.includes(input.state_reason as string) ? [{ resource, code: 'invalid', field: 'state_reason' }] : [])
  ]

  /** Applies `title`, `body` and `state` (with its reason and date) of an update. */
  function update(issue: FakeIssue, input: Input) {
    if (typeof input.title === 'string') issue.title = input.title
    if ('body' in input) issue.body = typeof input.body === 'string' ? input.body : null
    const now = tick()
    if (input.state === 'closed' && issue.state === 'open') Object.assign(issue, { state: 'closed', state_reason: (input.state_reason as FakeIssue['state_reason']) ?? 'completed', closed_at: now })
    else if (input.state === 'open' && issue.state === 'closed') Object.assign(issue, { state: 'open', state_reason: 'reopened', closed_at: null })
    else if ('state_reason' in input && issue.state === 'closed') issue.state_reason = input.state_reason as FakeIssue['state_reason']
    issue.updated_at = now
  }

  const routes: Route[] = [
    ['GET', /^\/issues$/, (_, url) => {
      const state = stateOf(url)
      const wanted = (url.searchParams.get('labels') ?? '').split(',').map((name) => name.trim().toLowerCase()).filter(Boolean)
      const matching = fake.issues.filter((issue) => (state === 'all' || issue.state === state) && wanted.every((name) => issue.labels.some((label) => label.toLowerCase() === name)))
      return listed(matching, url, view().issue)
    }],
    ['POST', /^\/issues$/, (_, __, input) => {
      const errors = [...missing('Issue', input.title, 'title'), ...lengthErrors('Issue', input, fake.options.maxBody)]
      if (errors.length) return invalid(docs.createIssue, errors)
      const issue = store({ title: input.title as string, body: typeof input.body === 'string' ? input.body : null, labels: applyLabels(input.labels, fake.options.labelRights), state: 'open' })
      return { status: 201, body: view().issue(issue), headers: { location: `${fake.url}/repos/${repository}/issues/${issue.number}` } }
    }],
    ['GET', /^\/issues\/(\d+)$/, ([, number]) => {
      const issue = find(number)
      return issue ? { status: 200, body: view().issue(issue) } : failure(404)
    }],
    ['PATCH', /^\/issues\/(\d+)$/, ([, number], _, input) => {
      const issue = find(number)
      if (!issue) return failure(404)
      const errors = [...('title' in input ? missing('Issue', input.title, 'title') : []), ...lengthErrors('Issue', input, fake.options.maxBody), ...stateErrors('Issue', input)]
      if (errors.length) return invalid(docs.updateIssue, errors)
      if ('labels' in input) issue.labels = applyLabels(input.labels, fake.options.labelRights)
      update(issue, input)
      return { status: 200, body: view().issue(issue) }
    }],
    ['GET', /^\/issues\/(\d+)\/comments$/, ([, number], url) => {
      const issue = find(number)
      if (!issue) return failure(404)
      const page = paginate(issue.comments.map((_, index) => index), url, fake.url)
      return { status: 200, body: page.items.map((index) => view().comment(issue, index)), headers: page.headers }
    }],
    ['POST', /^\/issues\/(\d+)\/comments$/, ([, number], _, input) => {
      const issue = find(number)
      if (!issue) return failure(404)
      const errors = [...missing('IssueComment', input.body, 'body'), ...lengthErrors('IssueComment', { body: input.body }, fake.options.maxBody)]
      if (errors.length) return invalid(docs.createComment, errors)
      issue.comments.push(input.body as string)
      issue.updated_at = tick()
      return { status: 201, body: view().comment(issue, issue.comments.length - 1) }
    }],
    ['POST', /^\/issues\/(\d+)\/labels$/, ([, number], _, input) => {
      const issue = find(number)
      if (!issue) return failure(404)
      if (!Array.isArray(input.labels)) return invalid(docs.addLabels, [{ resource: 'Label', code: 'missing_field', field: 'labels' }])
      issue.labels = [...new Set([...issue.labels, ...applyLabels(input.labels, fake.options.labelRights)])]
      issue.updated_at = tick()
      return { status: 200, body: issue.labels.map(view().label) }
    }],
    ['GET', /^\/labels$/, (_, url) => {
      const page = paginate(fake.labels, url, fake.url)
      return { status: 200, body: page.items.map((label) => view().label(label.name)), headers: page.headers }
    }],
    ['GET', /^\/labels\/([^/]+)$/, ([, name]) => {
      const label = labelNamed(decodeURIComponent(name!))
      return label ? { status: 200, body: view().label(label.name) } : failure(404, 'Not Found', docs.getLabel)
    }],
    ['POST', /^\/labels$/, (_, __, input) => {
      if (!fake.options.labelRights) return failure(403, 'Resource not accessible by integration', docs.createLabel)
      const errors = [
        ...missing('Label', input.name, 'name'),
        ...(input.color !== undefined && !/^[0-9a-f]{6}$/i.test(String(input.color)) ? [{ resource: 'Label', code: 'invalid', field: 'color' }] : []),
        ...(typeof input.name === 'string' && labelNamed(input.name) ? [{ resource: 'Label', code: 'already_exists', field: 'name' }] : [])
      ]
      if (errors.length) return invalid(docs.createLabel, errors)
      const label: FakeLabel = { name: input.name as string, color: typeof input.color === 'string' ? input.color.toLowerCase() : 'ededed', description: typeof input.description === 'string' ? input.description : null }
      fake.labels.push(label)
      return { status: 201, body: view().label(label.name) }
    }],
    ['GET', /^\/pulls$/, (_, url) => {
      const state = stateOf(url)
      // GitHub ignores a `head` without its `owner:` part.
      const head = url.searchParams.get('head')?.includes(':') ? headOf(url.searchParams.get('head')!) : undefined
      const base = url.searchParams.get('base')
      const matching = fake.issues.filter(({ state: own, pull_request: pull }) => pull && (state === 'all' || own === state) && (!head || (pull.headOwner.toLowerCase() === head.headOwner.toLowerCase() && pull.head === head.head)) && (!base || pull.base === base))
      return listed(matching, url, view().pull)
    }],
    ['POST', /^\/pulls$/, (_, __, input) => {
      if (!fake.options.prCreation) return failure(403, 'GitHub Actions is not permitted to create or approve pull requests.', docs.createPull)
      const errors = [...missing('PullRequest', input.title, 'title'), ...missing('PullRequest', input.head, 'head'), ...missing('PullRequest', input.base, 'base'), ...lengthErrors('PullRequest', input, fake.options.maxBody)]
      if (errors.length) return invalid(docs.createPull, errors)
      const candidate = { number: 0, pull_request: { ...headOf(input.head as string), base: input.base as string } }
      if (candidate.pull_request.headOwner === owner && candidate.pull_request.head === candidate.pull_request.base) return invalid(docs.createPull, [{ resource: 'PullRequest', code: 'custom', message: `No commits between ${candidate.pull_request.base} and ${candidate.pull_request.head}` }])
      const duplicate = openDuplicate(candidate)
      if (duplicate) return invalid(docs.createPull, alreadyExists(duplicate))
      const pull = store({ title: input.title as string, body: typeof input.body === 'string' ? input.body : null, labels: [], state: 'open', pull_request: candidate.pull_request })
      return { status: 201, body: view().pull(pull), headers: { location: `${fake.url}/repos/${repository}/pulls/${pull.number}` } }
    }],
    ['GET', /^\/pulls\/(\d+)$/, ([, number]) => {
      const pull = find(number, true)
      return pull ? { status: 200, body: view().pull(pull) } : failure(404)
    }],
    ['PATCH', /^\/pulls\/(\d+)$/, ([, number], _, given) => {
      const pull = find(number, true)
      if (!pull) return failure(404)
      const input = Object.fromEntries(Object.entries(given).filter(([key]) => key !== 'state_reason'))
      const errors = [...('title' in input ? missing('PullRequest', input.title, 'title') : []), ...lengthErrors('PullRequest', input, fake.options.maxBody), ...stateErrors('PullRequest', input)]
      if (errors.length) return invalid(docs.updatePull, errors)
      const after = { number: pull.number, pull_request: { ...pull.pull_request!, base: typeof input.base === 'string' ? input.base : pull.pull_request!.base } }
      if ((input.state ?? pull.state) === 'open' && openDuplicate(after)) return invalid(docs.updatePull, alreadyExists(after))
      pull.pull_request = after.pull_request
      update(pull, input)
      if (pull.state === 'closed') pull.state_reason = null
      return { status: 200, body: view().pull(pull) }
    }]
  ]

  function answer(method: string, url: URL, authorization: string | undefined, raw: string): Answer {
    if (fake.failWith !== undefined) {
      const body = { message: legacyMessages[fake.failWith] ?? 'Error', documentation_url: 'https://docs.github.com/rest/issues/issues' }
      return { status: fake.failWith, body, headers: fake.failWith === 429 ? { 'retry-after': '60' } : {} }
    }
    const line = `${method} ${url.pathname}`
    const at = fake.faults.findIndex((fault) => (fault.times ?? 1) > 0 && (!fault.match || ((fault.match.lastIndex = 0), fault.match.test(line))))
    const fault = fake.faults[at]
    if (fault) {
      fault.times = (fault.times ?? 1) - 1
      if (fault.times <= 0) fake.faults.splice(at, 1)
      return { status: fault.status, body: fault.body ?? failure(fault.status).body, headers: fault.headers ?? {} }
    }
    if (!authorization) return failure(401, 'Requires authentication')
    if (/^(?:bearer|token) +(\S+)$/i.exec(authorization)?.[1] !== token) return failure(401, 'Bad credentials')
    let input: Input = {}
    if (method === 'POST' || method === 'PATCH') {
      try {
        input = JSON.parse(raw) as Input
      } catch {
        return failure(400, 'Problems parsing JSON')
      }
      // Adding labels also takes a bare array of names.
      if (Array.isArray(input)) input = { labels: input }
      if (typeof input !== 'object' || input === null) return failure(400, 'Problems parsing JSON')
    }
    const prefix = `/repos/${repository}/`.toLowerCase()
    if (!url.pathname.toLowerCase().startsWith(prefix)) return failure(404)
    const rest = url.pathname.slice(prefix.length - 1)
    for (const [verb, path, handle] of routes) {
      const match = path.exec(rest)
      if (match && verb === method) return handle(match, url, input)
    }
    return failure(404)
  }

  const server: Server = createServer(async (request, response) => {
    const chunks: Buffer[] = []
    for await (const chunk of request) chunks.push(chunk as Buffer)
    const url = new URL(request.url!, fake.url)
    const method = request.method ?? 'GET'
    fake.requests.push(`${method} ${url.pathname}${url.search}`)
    const result = answer(method, url, request.headers.authorization, Buffer.concat(chunks).toString('utf8'))
    const headers = Object.fromEntries(Object.entries(result.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]))
    response.writeHead(result.status, { 'content-type': 'application/json; charset=utf-8', ...headers }).end(typeof result.body === 'string' ? result.body : JSON.stringify(result.body))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  for (let index = 1; index <= fake.options.prefill; index++) fake.addIssue({ title: `Unrelated issue ${index}`, body: `Unrelated body ${index}` })
  return fake
}
