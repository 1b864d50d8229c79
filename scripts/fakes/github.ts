/**
 * A fake of GitHub's REST and GraphQL APIs on 127.0.0.1 for tests and
 * benchmarks, answering in the documented shapes: a renamed repository (301
 * to `/repositories/{id}`; GraphQL follows renames), an archived one, a
 * disabled one, a missing one, one blocked for legal reasons (451), paths in
 * trees, ETags with 304, and a REST rate limit that runs out.
 */
import { createHash } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface FakeRepository {
  id: number
  fullName: string
  archived?: boolean
  disabled?: boolean
  legal?: boolean
  /** `ref:path` that exist. */
  paths?: string[]
}

export interface GithubFake {
  restUrl: string
  graphqlUrl: string
  counts: { rest: number; graphql: number; notModified: number }
  close: () => Promise<void>
}

export interface GithubFakeOptions {
  /** Old `owner/name` → the ID of the repository it was renamed to. */
  renamed?: Record<string, number>
  restLimit?: number
  token?: string
  /** Whether GraphQL resolves a renamed repository (default) or calls it NOT_FOUND, leaving REST to tell. */
  graphqlFollowsRenames?: boolean
  /** How GraphQL reports a repository blocked for legal reasons: an error saying so (default), or NOT_FOUND. */
  graphqlLegalAs?: 'legal-error' | 'NOT_FOUND'
  /** Answers a request instead of the fake (a fault), or `undefined` to let the fake answer. */
  intercept?: (request: { api: 'rest' | 'graphql'; index: number; path: string; body: string }) => { status: number; headers?: Record<string, string>; body: string } | undefined
}

export async function startGithubFake(repositories: FakeRepository[], options: GithubFakeOptions = {}): Promise<GithubFake> {
  const byName = new Map(repositories.map((repository) => [repository.fullName.toLowerCase(), repository]))
  const byId = new Map(repositories.map((repository) => [repository.id, repository]))
  const renamed = new Map(Object.entries(options.renamed ?? {}).map(([name, id]) => [name.toLowerCase(), id]))
  const counts = { rest: 0, graphql: 0, notModified: 0 }
  let remaining = options.restLimit ?? Number.POSITIVE_INFINITY
  let base = ''

  const json = (response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) =>
    response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers }).end(JSON.stringify(body))

  const repositoryJson = (repository: FakeRepository) => {
    const [owner, name] = repository.fullName.split('/')
    return {
      id: repository.id,
      node_id: `R_fake${repository.id}`,
      name,
      full_name: repository.fullName,
      private: false,
      owner: { login: owner },
      html_url: `https://github.com/${repository.fullName}`,
      description: 'Code for the paper',
      fork: false,
      archived: repository.archived ?? false,
      disabled: repository.disabled ?? false,
      pushed_at: '2025-01-01T00:00:00Z',
      stargazers_count: 100,
      default_branch: 'main',
      license: { key: 'mit', name: 'MIT License', spdx_id: 'MIT', url: 'https://api.github.com/licenses/mit', node_id: 'MDc6TGljZW5zZTEz' }
    }
  }

  const rest = (request: IncomingMessage, response: ServerResponse, url: URL) => {
    counts.rest++
    const reset = String(Math.floor(Date.now() / 1000) + 3600)
    const send = (repository: FakeRepository) => {
      const body = repositoryJson(repository)
      const etag = `W/"${createHash('sha1').update(JSON.stringify(body)).digest('hex')}"`
      if (request.headers['if-none-match'] === etag) {
        counts.notModified++
        return void response.writeHead(304, { etag }).end()
      }
      spend()
      json(response, 200, body, { etag, 'x-ratelimit-remaining': String(remaining), 'x-ratelimit-reset': reset })
    }
    const spend = () => {
      remaining--
    }
    if (remaining <= 0 && request.headers['if-none-match'] === undefined) {
      return json(response, 403, { message: 'API rate limit exceeded for 127.0.0.1.', documentation_url: 'https://docs.github.com/rest/overview/resources-in-the-rest-api#rate-limiting' }, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset })
    }
    const byIdMatch = /^\/repositories\/(\d+)$/.exec(url.pathname)
    if (byIdMatch) return send(byId.get(Number(byIdMatch[1]))!)
    const contents = /^\/repos\/([^/]+)\/([^/]+)\/contents\/(.+)$/.exec(url.pathname)
    if (contents) {
      spend()
      const repository = byName.get(`${contents[1]}/${contents[2]}`.toLowerCase())
      const wanted = `${url.searchParams.get('ref')}:${decodeURIComponent(contents[3]!)}`
      return repository?.paths?.includes(wanted) ? json(response, 200, [{ name: 'README.md', type: 'file' }]) : json(response, 404, { message: 'Not Found' })
    }
    const match = /^\/repos\/([^/]+)\/([^/]+)$/.exec(url.pathname)
    if (!match) return json(response, 404, { message: 'Not Found' })
    const name = `${match[1]}/${match[2]}`.toLowerCase()
    const movedTo = renamed.get(name)
    if (movedTo !== undefined) {
      spend()
      return json(response, 301, { message: 'Moved Permanently', url: `${base}/repositories/${movedTo}` }, { location: `${base}/repositories/${movedTo}` })
    }
    const repository = byName.get(name)
    if (!repository) {
      spend()
      return json(response, 404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest/repos/repos#get-a-repository', status: '404' })
    }
    if (repository.legal) {
      spend()
      return json(response, 451, { message: 'Repository access blocked', block: { reason: 'dmca', html_url: 'https://github.com/github/dmca/blob/master/2026/01/example.md' } })
    }
    send(repository)
  }

  const graphql = async (request: IncomingMessage, response: ServerResponse) => {
    let raw = ''
    for await (const chunk of request) raw += chunk
    graphqlWith(raw, request, response)
  }

  const graphqlWith = (raw: string, request: IncomingMessage, response: ServerResponse) => {
    counts.graphql++
    if (options.token && request.headers.authorization !== `bearer ${options.token}`) return json(response, 401, { message: 'Bad credentials' })
    const { query, variables } = JSON.parse(raw) as { query: string; variables: Record<string, string> }
    const data: Record<string, unknown> = {}
    const errors: unknown[] = []
    for (const match of query.matchAll(/(r\d+): repository\(owner: \$(o\d+), name: \$(n\d+)\) \{ \.\.\.R(?: p0: object\(expression: \$(e\d+)\) \{ __typename \})? \}/g)) {
      const [, alias, owner, name, expression] = match
      const requested = `${variables[owner!]}/${variables[name!]}`.toLowerCase()
      const repository = byName.get(requested) ?? (options.graphqlFollowsRenames === false ? undefined : byId.get(renamed.get(requested) ?? -1))
      if (!repository || repository.legal) {
        data[alias!] = null
        errors.push(
          repository && options.graphqlLegalAs !== 'NOT_FOUND'
            ? { type: 'UNAVAILABLE_FOR_LEGAL_REASONS', path: [alias], message: `Repository access blocked for legal reasons: '${requested}'.` }
            : { type: 'NOT_FOUND', path: [alias], locations: [{ line: 2, column: 3 }], message: `Could not resolve to a Repository with the name '${requested}'.` }
        )
        continue
      }
      data[alias!] = {
        nameWithOwner: repository.fullName,
        isArchived: repository.archived ?? false,
        isDisabled: repository.disabled ?? false,
        ...(expression ? { p0: repository.paths?.includes(variables[expression]!) ? { __typename: 'Tree' } : null } : {})
      }
    }
    data.rateLimit = { cost: 1, remaining: 4999, resetAt: new Date(Date.now() + 3_600_000).toISOString() }
    json(response, 200, { data, ...(errors.length > 0 ? { errors } : {}) })
  }

  let index = 0
  const server: Server = createServer(async (request, response) => {
    const url = new URL(request.url!, 'http://fake')
    const api = url.pathname === '/graphql' && request.method === 'POST' ? 'graphql' : 'rest'
    if (options.intercept) {
      let body = ''
      for await (const chunk of request) body += chunk
      const injected = options.intercept({ api, index: index++, path: `${url.pathname}${url.search}`, body })
      if (injected) {
        counts[api]++
        return void response.writeHead(injected.status, { 'content-type': 'application/json; charset=utf-8', ...injected.headers }).end(injected.body)
      }
      // The fake reads the body again: hand it over.
      if (api === 'graphql') return void graphqlWith(body, request, response)
      return rest(request, response, url)
    }
    if (api === 'graphql') return void graphql(request, response)
    rest(request, response, url)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  base = `http://127.0.0.1:${port}`
  return { restUrl: base, graphqlUrl: `${base}/graphql`, counts, close: () => new Promise((resolve) => server.close(() => resolve())) }
}
