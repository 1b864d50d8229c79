/**
 * The GitHub issues fake behaves as documented, so tests built on it hold
 * against GitHub: pagination with its `Link` header, label rights both ways,
 * body and title limits in characters, the faults queue, pull requests and
 * their refusals, both authorization forms.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { startIssuesFake, type IssuesFake, type IssuesFakeOptions } from '../scripts/fakes/github-issues.ts'

const repository = 'lab/list'
const token = 'fake-token'

interface Reply {
  status: number
  headers: Headers
  body: any
}

async function call(fake: IssuesFake, method: string, path: string, body?: unknown, authorization: string | null = `Bearer ${token}`): Promise<Reply> {
  const response = await fetch(path.startsWith('http') ? path : `${fake.url}${path}`, {
    method,
    headers: { ...(authorization === null ? {} : { authorization }), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) })
  })
  const text = await response.text()
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined }
}

async function withFake<T>(options: IssuesFakeOptions, run: (fake: IssuesFake) => Promise<T>): Promise<T> {
  const fake = await startIssuesFake(repository, token, options)
  try {
    return await run(fake)
  } finally {
    await fake.close()
  }
}

/** `rel` → URL of a `Link` header. */
const rels = (link: string | null) => Object.fromEntries((link ?? '').split(', ').filter(Boolean).map((part) => [/rel="(\w+)"/.exec(part)![1], /<([^>]+)>/.exec(part)![1]]))

describe('pagination like GitHub', () => {
  let fake: IssuesFake
  beforeAll(async () => (fake = await startIssuesFake(repository, token, { prefill: 250 })))
  afterAll(() => fake.close())
  const list = `/repos/${repository}/issues?state=open&per_page=100`

  test.each([
    [1, 100, 250, ['next', 'last'], '<O/repos/lab/list/issues?state=open&per_page=100&page=2>; rel="next", <O/repos/lab/list/issues?state=open&per_page=100&page=3>; rel="last"'],
    [2, 100, 150, ['prev', 'next', 'last', 'first'], '<O/repos/lab/list/issues?state=open&per_page=100&page=1>; rel="prev", <O/repos/lab/list/issues?state=open&per_page=100&page=3>; rel="next", <O/repos/lab/list/issues?state=open&per_page=100&page=3>; rel="last", <O/repos/lab/list/issues?state=open&per_page=100&page=1>; rel="first"'],
    [3, 50, 50, ['prev', 'first'], '<O/repos/lab/list/issues?state=open&per_page=100&page=2>; rel="prev", <O/repos/lab/list/issues?state=open&per_page=100&page=1>; rel="first"']
  ])('page %i: %i issues, newest first from #%i, rels %j', async (page, count, newest, expectedRels, link) => {
    const reply = await call(fake, 'GET', `${list}&page=${page}`)
    expect(reply.status).toBe(200)
    expect(reply.headers.get('content-type')).toBe('application/json; charset=utf-8')
    expect(reply.body).toHaveLength(count)
    expect(reply.body[0].number).toBe(newest)
    expect(Object.keys(rels(reply.headers.get('link')))).toEqual(expectedRels)
    expect(reply.headers.get('link')).toBe(link.replaceAll('<O', `<${fake.url}`))
  })

  test('following `next` visits every issue once, newest first', async () => {
    const seen: number[] = []
    let next: string | undefined = list
    while (next) {
      const reply = await call(fake, 'GET', next)
      seen.push(...reply.body.map((issue: { number: number }) => issue.number))
      next = rels(reply.headers.get('link')).next
    }
    expect(seen).toEqual(Array.from({ length: 250 }, (_, index) => 250 - index))
  })

  test.each([
    ['', 30, 'next'],
    ['per_page=500', 100, 'next'],
    ['per_page=100&page=4', 0, 'prev'],
    ['labels=none-such', 0, undefined]
  ])('`?%s`: %i issues, first rel %s', async (query, count, first) => {
    const reply = await call(fake, 'GET', `/repos/${repository}/issues?${query}`)
    expect(reply.body).toHaveLength(count)
    expect(Object.keys(rels(reply.headers.get('link')))[0]).toBe(first)
  })

  test('other query parameters are kept as sent, `page` replaced in place', async () => {
    const reply = await call(fake, 'GET', `/repos/${repository}/issues?page=1&labels=&per_page=2&sort=created`)
    expect(rels(reply.headers.get('link')).next).toBe(`${fake.url}/repos/${repository}/issues?page=2&labels=&per_page=2&sort=created`)
  })
})

describe('what the list holds', () => {
  test.each([
    ['state=open', [4, 2, 1]],
    ['state=closed', [3]],
    ['state=all', [4, 3, 2, 1]],
    ['state=all&direction=asc', [1, 2, 3, 4]],
    ['labels=bug', [2, 1]],
    ['labels=bug,Report', [2]],
    ['state=all&labels=bug,report,other', []]
  ])('`?%s` → %j (pull requests included)', async (query, numbers) =>
    withFake({}, async (fake) => {
      fake.addIssue({ title: 'a', labels: ['bug'] })
      fake.addIssue({ title: 'b', labels: ['bug', 'report'] })
      fake.addIssue({ title: 'c', state: 'closed' })
      fake.addPullRequest({ title: 'd', head: 'feature' })
      const reply = await call(fake, 'GET', `/repos/${repository}/issues?${query}`)
      expect(reply.body.map((issue: { number: number }) => issue.number)).toEqual(numbers)
      const pull = reply.body.find((issue: { number: number }) => issue.number === 4)
      if (pull) expect(pull.pull_request.url).toBe(`${fake.url}/repos/${repository}/pulls/4`)
    })
  )

  test('a report issue with 150 newer issues is on page 2, and `openReports` finds it', async () =>
    withFake({ prefill: 5 }, async (fake) => {
      const report = fake.addIssue({ title: 'Report', body: 'text <!-- marker -->', labels: ['link-report'] })
      for (let index = 0; index < 150; index++) fake.addIssue({ title: `Later ${index}` })
      const pages = await Promise.all([1, 2].map((page) => call(fake, 'GET', `/repos/${repository}/issues?state=open&per_page=100&page=${page}`)))
      expect(pages.map((page) => page.body.some((issue: { number: number }) => issue.number === report.number))).toEqual([false, true])
      expect(fake.openReports('<!-- marker -->').map((issue) => issue.number)).toEqual([6])
    })
  )
})

describe('labels', () => {
  test.each([
    [true, 201, ['known', 'new-label'], 200],
    [false, 403, ['known'], 404]
  ])('label rights %s: create answers %i, an issue gets %j, the new label GETs %i', async (labelRights, createStatus, issueLabels, getStatus) =>
    withFake({ labelRights }, async (fake) => {
      fake.labels.push({ name: 'known', color: '00ff00', description: null })
      const created = await call(fake, 'POST', `/repos/${repository}/labels`, { name: 'made', color: 'D93F0B', description: 'x' })
      expect(created.status).toBe(createStatus)
      if (!labelRights) expect(created.body.message).toBe('Resource not accessible by integration')
      const issue = await call(fake, 'POST', `/repos/${repository}/issues`, { title: 't', labels: ['KNOWN', 'new-label'] })
      expect(issue.status).toBe(201)
      expect(issue.body.labels.map((label: { name: string }) => label.name)).toEqual(issueLabels)
      expect((await call(fake, 'GET', `/repos/${repository}/labels/new-label`)).status).toBe(getStatus)
      expect(fake.labels.map((label) => label.name)).toEqual(labelRights ? ['known', 'made', 'new-label'] : ['known'])
    })
  )

  test('a label that exists: 422 already_exists; GET shows it', async () =>
    withFake({}, async (fake) => {
      await call(fake, 'POST', `/repos/${repository}/labels`, { name: 'link report', color: 'd93f0b' })
      const again = await call(fake, 'POST', `/repos/${repository}/labels`, { name: 'Link Report' })
      expect(again.status).toBe(422)
      expect(again.body.errors).toEqual([{ resource: 'Label', code: 'already_exists', field: 'name' }])
      const got = await call(fake, 'GET', `/repos/${repository}/labels/link%20report`)
      expect(got.body).toMatchObject({ name: 'link report', color: 'd93f0b', description: null })
    })
  )
})

describe('lengths in characters (code points)', () => {
  let fake: IssuesFake
  let issue: number
  beforeAll(async () => {
    fake = await startIssuesFake(repository, token)
    issue = fake.addIssue({ title: 'target' }).number
  })
  afterAll(() => fake.close())
  const emoji = (count: number) => '😀'.repeat(count)
  const tooLongBody = { resource: 'Issue', code: 'custom', field: 'body', message: 'body is too long (maximum is 65536 characters)' }

  test.each([
    ['issue title at 256', 'POST', '/issues', () => ({ title: emoji(256) }), 201, undefined],
    ['issue title at 257', 'POST', '/issues', () => ({ title: emoji(257) }), 422, { resource: 'Issue', code: 'custom', field: 'title', message: 'title is too long (maximum is 256 characters)' }],
    ['issue body at 65536', 'POST', '/issues', () => ({ title: 't', body: emoji(65_536) }), 201, undefined],
    ['issue body at 65537', 'POST', '/issues', () => ({ title: 't', body: emoji(65_537) }), 422, tooLongBody],
    ['updated body at 65537', 'PATCH', '/issues/1', () => ({ body: 'a'.repeat(65_537) }), 422, tooLongBody],
    ['comment at 65536', 'POST', '/issues/1/comments', () => ({ body: emoji(65_536) }), 201, undefined],
    ['comment at 65537', 'POST', '/issues/1/comments', () => ({ body: emoji(65_537) }), 422, { resource: 'IssueComment', code: 'unprocessable', field: 'data', message: 'Body is too long (maximum is 65536 characters)' }],
    ['missing title', 'POST', '/issues', () => ({ body: 'b' }), 422, { resource: 'Issue', code: 'missing_field', field: 'title' }]
  ])('%s: %s %s → %i', async (_, method, path, payload, status, error) => {
    const reply = await call(fake, method, `/repos/${repository}${path.replace('/1', `/${issue}`)}`, payload())
    expect(reply.status).toBe(status)
    if (error) expect(reply.body).toMatchObject({ message: 'Validation Failed', errors: [error] })
  })

  test('the whole 422 body, as GitHub sends it', async () => {
    const reply = await call(fake, 'POST', `/repos/${repository}/issues`, { title: 't', body: 'x'.repeat(65_537) })
    expect(reply.body).toEqual({ message: 'Validation Failed', errors: [tooLongBody], documentation_url: 'https://docs.github.com/rest/issues/issues#create-an-issue', status: '422' })
  })
})

describe('faults', () => {
  test.each([
    [{ status: 403, headers: { 'retry-after': '1' }, body: { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.' } }, 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.', '1'],
    [{ status: 429, headers: { 'Retry-After': 'Wed, 25 Nov 2026 10:00:00 GMT' } }, 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.', 'Wed, 25 Nov 2026 10:00:00 GMT'],
    [{ status: 500 }, 'Server Error', null],
    [{ status: 401 }, 'Bad credentials', null],
    [{ status: 410 }, 'Issues are disabled for this repo', null],
    [{ status: 422, body: { message: 'Validation Failed', errors: [{ resource: 'Issue', code: 'invalid', field: 'labels' }] } }, 'Validation Failed', null]
  ])('%j answers once with its message and headers', async (fault, message, retryAfter) =>
    withFake({}, async (fake) => {
      fake.faults.push(fault)
      const faulted = await call(fake, 'GET', `/repos/${repository}/issues`)
      expect([faulted.status, faulted.body.message, faulted.headers.get('retry-after')]).toEqual([fault.status, message, retryAfter])
      expect(faulted.headers.get('content-type')).toBe('application/json; charset=utf-8')
      expect((await call(fake, 'GET', `/repos/${repository}/issues`)).status).toBe(200)
    })
  )

  test('`times` and `match`: only matching requests, that many times; the log keeps every request', async () =>
    withFake({}, async (fake) => {
      fake.faults.push({ status: 500, times: 2, match: /^POST \/repos\/lab\/list\/issues$/ })
      const statuses: number[] = []
      const sequence: Array<[string, unknown]> = [['GET', undefined], ['POST', { title: 'a' }], ['GET', undefined], ['POST', { title: 'b' }], ['POST', { title: 'c' }]]
      for (const [method, body] of sequence) statuses.push((await call(fake, method, `/repos/${repository}/issues${method === 'GET' ? '?state=all' : ''}`, body)).status)
      expect(statuses).toEqual([200, 500, 200, 500, 201])
      expect(fake.faults).toEqual([])
      expect(fake.issues.map((issue) => issue.title)).toEqual(['c'])
      expect(fake.requests).toEqual(['GET /repos/lab/list/issues?state=all', 'POST /repos/lab/list/issues', 'GET /repos/lab/list/issues?state=all', 'POST /repos/lab/list/issues', 'POST /repos/lab/list/issues'])
    })
  )

  test('`failWith` answers every request until cleared', async () =>
    withFake({}, async (fake) => {
      fake.failWith = 429
      const replies = [await call(fake, 'GET', `/repos/${repository}/issues`), await call(fake, 'POST', `/repos/${repository}/issues`, { title: 't' })]
      expect(replies.map((reply) => [reply.status, reply.headers.get('retry-after')])).toEqual([[429, '60'], [429, '60']])
      fake.failWith = undefined
      expect((await call(fake, 'GET', `/repos/${repository}/issues`)).status).toBe(200)
    })
  )
})

describe('pull requests', () => {
  test('created with a number shared with issues, listed by `owner:branch`, refused twice for one head and base', async () =>
    withFake({}, async (fake) => {
      fake.addIssue({ title: 'issue' })
      const pulls = `/repos/${repository}/pulls`
      const created = await call(fake, 'POST', pulls, { title: 'Regenerate README', head: 'paper-list/regenerate', base: 'main', body: 'b' })
      expect(created.status).toBe(201)
      expect(created.body).toMatchObject({ number: 2, html_url: 'https://github.com/lab/list/pull/2', state: 'open', head: { ref: 'paper-list/regenerate' }, base: { ref: 'main' }, title: 'Regenerate README', body: 'b' })
      expect(fake.issues[1]!.pull_request).toEqual({ headOwner: 'lab', head: 'paper-list/regenerate', base: 'main' })
      const again = await call(fake, 'POST', pulls, { title: 'Again', head: 'lab:paper-list/regenerate', base: 'main' })
      expect(again.status).toBe(422)
      expect(again.body.errors).toEqual([{ resource: 'PullRequest', code: 'custom', message: 'A pull request already exists for lab:paper-list/regenerate.' }])
      fake.addPullRequest({ title: 'other', head: 'fork:feature' })
      const numbers = async (query: string) => (await call(fake, 'GET', `${pulls}?${query}`)).body.map((pull: { number: number }) => pull.number)
      expect(await numbers('state=open&head=lab:paper-list/regenerate&base=main')).toEqual([2])
      expect(await numbers('head=paper-list/regenerate')).toEqual([3, 2])
      const closed = await call(fake, 'PATCH', `${pulls}/2`, { state: 'closed', title: 'Closed' })
      expect(closed.body).toMatchObject({ state: 'closed', title: 'Closed' })
      expect((await call(fake, 'POST', pulls, { title: 'New', head: 'paper-list/regenerate', base: 'main' })).body.number).toBe(4)
      expect((await call(fake, 'PATCH', `${pulls}/2`, { state: 'open' })).status).toBe(422)
      expect(fake.openReports('')).toHaveLength(1)
    })
  )

  test('GitHub Actions may not create pull requests: 403', async () =>
    withFake({ prCreation: false }, async (fake) => {
      const reply = await call(fake, 'POST', `/repos/${repository}/pulls`, { title: 't', head: 'x', base: 'main' })
      expect([reply.status, reply.body.message]).toEqual([403, 'GitHub Actions is not permitted to create or approve pull requests.'])
      expect(fake.issues).toEqual([])
    })
  )
})

describe('authorization and routes', () => {
  let fake: IssuesFake
  beforeAll(async () => (fake = await startIssuesFake(repository, token)))
  afterAll(() => fake.close())

  test.each([
    [`Bearer ${token}`, 200, undefined],
    [`token ${token}`, 200, undefined],
    ['Bearer wrong', 401, 'Bad credentials'],
    [`Basic ${token}`, 401, 'Bad credentials'],
    [null, 401, 'Requires authentication']
  ])('`%s` → %i', async (authorization, status, message) => {
    const reply = await call(fake, 'GET', `/repos/${repository}/issues`, undefined, authorization)
    expect([reply.status, reply.body.message]).toEqual([status, message])
  })

  test.each([
    ['GET', '/repos/lab/other/issues', undefined, 404, 'Not Found'],
    ['DELETE', '/repos/lab/list/issues', undefined, 404, 'Not Found'],
    ['GET', '/repos/lab/list/issues/99', undefined, 404, 'Not Found'],
    ['POST', '/repos/lab/list/issues', '{not json', 400, 'Problems parsing JSON']
  ])('%s %s → %i %s', async (method, path, body, status, message) => {
    const reply = await call(fake, method, path, body)
    expect([reply.status, reply.body.message, reply.headers.get('content-type')]).toEqual([status, message, 'application/json; charset=utf-8'])
  })
})
