/** A fake of GitHub's issues API on 127.0.0.1: list, create, update, comment; or one error status for everything. */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface FakeIssue {
  number: number
  title: string
  body: string
  state: 'open' | 'closed'
  labels: string[]
  comments: string[]
}

export interface IssuesFake {
  url: string
  issues: FakeIssue[]
  requests: string[]
  /** Answer every request with this status from now on (403, 404, 429...), or undefined. */
  failWith: number | undefined
  close: () => Promise<void>
}

export async function startIssuesFake(repository: string, token: string): Promise<IssuesFake> {
  const fake: Omit<IssuesFake, 'url' | 'close'> = { issues: [], requests: [], failWith: undefined }
  const server: Server = createServer(async (request, response) => {
    let raw = ''
    for await (const chunk of request) raw += chunk
    const url = new URL(request.url!, 'http://fake')
    fake.requests.push(`${request.method} ${url.pathname}`)
    const json = (status: number, body: unknown, headers: Record<string, string> = {}) => response.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body))
    if (fake.failWith !== undefined) {
      const messages: Record<number, string> = { 403: 'Resource not accessible by integration', 404: 'Not Found', 429: 'You have exceeded a secondary rate limit' }
      return json(fake.failWith, { message: messages[fake.failWith] ?? 'Error', documentation_url: 'https://docs.github.com/rest/issues/issues' }, fake.failWith === 429 ? { 'retry-after': '60' } : {})
    }
    if (request.headers.authorization !== `Bearer ${token}`) return json(401, { message: 'Bad credentials' })
    const base = `/repos/${repository}/issues`
    const view = (issue: FakeIssue) => ({ number: issue.number, title: issue.title, body: issue.body, state: issue.state, labels: issue.labels.map((name) => ({ name })), html_url: `https://github.com/${repository}/issues/${issue.number}` })
    if (request.method === 'GET' && url.pathname === base) {
      const label = url.searchParams.get('labels')
      return json(200, fake.issues.filter((issue) => issue.state === url.searchParams.get('state') && (!label || issue.labels.includes(label))).map(view))
    }
    if (request.method === 'POST' && url.pathname === base) {
      const body = JSON.parse(raw) as { title: string; body: string; labels?: string[] }
      const issue: FakeIssue = { number: fake.issues.length + 1, title: body.title, body: body.body, state: 'open', labels: body.labels ?? [], comments: [] }
      fake.issues.push(issue)
      return json(201, view(issue))
    }
    const one = new RegExp(`^${base}/(\\d+)(/comments)?$`).exec(url.pathname)
    const issue = one ? fake.issues.find((candidate) => candidate.number === Number(one[1])) : undefined
    if (!issue) return json(404, { message: 'Not Found' })
    if (request.method === 'POST' && one![2]) {
      issue.comments.push((JSON.parse(raw) as { body: string }).body)
      return json(201, { id: issue.comments.length })
    }
    if (request.method === 'PATCH') {
      Object.assign(issue, JSON.parse(raw))
      return json(200, view(issue))
    }
    json(404, { message: 'Not Found' })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return Object.assign(fake, { url: `http://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) })
}
