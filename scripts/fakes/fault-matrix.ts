/**
 * Every checker against every fault (`fault-server.ts`), one cell at a time,
 * through the real command line: what it reported (error-level findings),
 * whether it wrote `papers.json`, what it cached for what failed, how many
 * requests it sent, its summary line and its exit code. The fault matrix
 * test asserts on the cells; `npm run bench:faults` prints them as a table.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { runCli } from '../cli.ts'
import { entryXml } from './arxiv.ts'
import { startFaultServer, type Answer, type Fault, type Request } from './fault-server.ts'

export const checkers = ['check:links', 'check:arxiv', 'check:repos (REST)', 'check:repos (GraphQL)', 'add'] as const
export type Checker = (typeof checkers)[number]

export interface Cell {
  checker: Checker
  fault: Fault
  /** GraphQL's faults only concern the GraphQL mode. */
  applicable: boolean
  exit: number
  /** Error-level findings (for links: links called dead or failing). */
  errors: number
  /** Whether `papers.json` changed (every run is with `--fix`, or is `add`). */
  wrote: boolean
  /** Cache entries written for what could not be verified. */
  cachedFailures: number
  /** Requests the server received (for `down`: the connection attempts the checker reports). */
  requests: number
  /** The line the command ends with. */
  summary: string
  ms: number
}

const ids = ['2401.04088', '1706.03762', '2202.12139']
/** The ID `add` asks for. */
const addedId = '2312.00001'

/** A well-behaved service: arXiv feeds, GitHub REST and GraphQL answers, web pages. */
function goodAnswer({ method, path: target, body }: Request): Answer {
  const url = new URL(target, 'http://fake')
  if (url.pathname === '/api/query') {
    const asked = (url.searchParams.get('id_list') ?? '').split(',').filter(Boolean)
    const entries = asked.map((id) => entryXml({ id, title: id === addedId ? 'A Paper to Add' : `Paper ${id}`, authors: ['Ana Pérez', 'Bo Li'], published: '2024-01-15' }))
    const feed = [
      "<?xml version='1.0' encoding='UTF-8'?>",
      '<feed xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/" xmlns:arxiv="http://arxiv.org/schemas/atom" xmlns="http://www.w3.org/2005/Atom">',
      `  <opensearch:totalResults>${entries.length}</opensearch:totalResults>`,
      ...entries,
      '</feed>'
    ].join('\n')
    return { status: 200, headers: { 'content-type': 'application/atom+xml; charset=utf-8' }, body: feed }
  }
  if (method === 'POST' && url.pathname === '/graphql') {
    const { variables } = JSON.parse(body) as { variables: Record<string, string> }
    const data: Record<string, unknown> = {}
    for (const name of Object.keys(variables).filter((key) => key.startsWith('o'))) {
      const index = name.slice(1)
      data[`r${index}`] = { nameWithOwner: `${variables[`o${index}`]}/${variables[`n${index}`]}`, isArchived: false, isDisabled: false }
    }
    return { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ data: { ...data, rateLimit: { cost: 1, remaining: 4_999 } } }) }
  }
  const repository = /^\/repos\/([^/]+)\/([^/]+)$/.exec(url.pathname)
  if (repository) return { status: 200, headers: { 'content-type': 'application/json', etag: `W/"${repository[2]}"` }, body: JSON.stringify({ full_name: `${repository[1]}/${repository[2]}`, archived: false, disabled: false }) }
  return { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: `<!DOCTYPE html><html><body><h1>Paper</h1><p>${'A page of a paper. '.repeat(100)}</p></body></html>` }
}

/** GraphQL's answer with its last alias left out and a field missing from the first. */
function partial(good: Answer): Answer {
  const body = JSON.parse(good.body) as { data: Record<string, Record<string, unknown>> }
  const aliases = Object.keys(body.data).filter((key) => /^r\d+$/.test(key))
  delete body.data[aliases.at(-1)!]
  delete body.data[aliases[0]!]!.isArchived
  return { ...good, body: JSON.stringify(body) }
}

export async function runCell(checker: Checker, fault: Fault): Promise<Cell> {
  const applicable = !fault.startsWith('GraphQL') && !fault.startsWith('partial GraphQL') ? true : checker === 'check:repos (GraphQL)'
  // Timeouts well above a loaded CI machine's answer times, and the slow answer well above them.
  const server = await startFaultServer(fault, goodAnswer, { slowMs: 3_000, partial })
  const folder = mkdtempSync(path.join(tmpdir(), 'fault-matrix-'))
  try {
    const links = checker === 'check:links'
    const entries = ids.map((id, index) => ({
      kind: 'paper',
      title: `Paper ${id}`,
      authors: ['Ana Pérez', 'Bo Li'],
      venue: 'arXiv',
      date: '2024-01-15',
      links: links ? [{ type: 'paper', url: `${server.origin}/paper/${index}` }, { type: 'website', url: `${server.origin}/site/${index}` }] : [{ type: 'paper', url: `https://arxiv.org/abs/${id}` }, { type: 'code', url: `https://github.com/lab/repo${index}` }]
    }))
    const data = JSON.stringify({ venues: { arXiv: { type: 'preprint' } }, categories: [], entries }, null, 2) + '\n'
    writeFileSync(path.join(folder, 'papers.json'), data)
    writeFileSync(
      path.join(folder, 'paper-list.config.json'),
      JSON.stringify({
        services: { arxiv: { url: `${server.origin}/api/query`, interval: 1 }, github: { restUrl: server.origin, graphqlUrl: `${server.origin}/graphql` }, timeout: 1_000, politeness: { backoff: { base: 1, max: 5 }, retryAfterCap: 5_000, maxInterval: 50 } },
        links: { timeouts: { connect: 1_000, headers: 1_000, total: 2_000 }, backoff: { base: 1, max: 5 }, retryAfterCap: 5_000, throttleRetries: 1 }
      })
    )
    const args: Record<Checker, string[]> = {
      'check:links': ['check:links', '--fix', '--allow-private'],
      'check:arxiv': ['check:arxiv', '--fix', '--format', 'json'],
      'check:repos (REST)': ['check:repos', '--fix', '--format', 'json'],
      'check:repos (GraphQL)': ['check:repos', '--fix', '--format', 'json'],
      add: ['add', addedId, '--no-generate']
    }
    let stdout = ''
    let stderr = ''
    const started = performance.now()
    const exit = await runCli(args[checker], {
      cwd: folder,
      env: { CI: 'true', ...(checker === 'check:repos (GraphQL)' ? { GITHUB_TOKEN: 'matrix-token' } : {}) },
      stdout: { write: (text) => void (stdout += text) },
      stderr: { write: (text) => void (stderr += text) }
    })
    const ms = performance.now() - started
    const read = (file: string) => (existsSync(path.join(folder, file)) ? (JSON.parse(readFileSync(path.join(folder, file), 'utf8')) as Record<string, unknown>) : undefined)
    let errors = 0
    let cachedFailures = 0
    let summary: string
    if (links) {
      const report = read('reports/links.json') as { summary: { counts: Record<string, number> } } | undefined
      errors = (report?.summary.counts.dead ?? 0) + (report?.summary.counts.failing ?? 0)
      const cache = (read('.cache/link-check.json')?.entries ?? {}) as Record<string, { state: string }>
      cachedFailures = Object.values(cache).filter((entry) => entry.state !== 'ok').length
      summary = stdout.trim().split('\n').find((line) => /^\d+ links|^no host answered/.test(line)) ?? stdout.trim().split('\n').at(-2) ?? ''
    } else if (checker === 'add') {
      cachedFailures = Object.keys((read('.cache/arxiv.json')?.entries ?? {}) as object).length
      summary = stderr.trim().split('\n').at(-1) ?? ''
    } else {
      const output = JSON.parse(stdout) as { findings: Array<{ severity: string }> }
      errors = output.findings.filter((finding) => finding.severity === 'error').length
      const cacheFile = checker === 'check:arxiv' ? '.cache/arxiv.json' : '.cache/github.json'
      cachedFailures = Object.keys((read(cacheFile)?.entries ?? {}) as object).length
      summary = stderr.trim().split('\n').at(-1) ?? ''
    }
    // Only what validated may be cached; under a fault nothing did (a cut page is still a page: links only).
    const claimed = /failed (\d+) times|(\d+) requests?\b/.exec(`${stdout}\n${stderr}`)
    const requests = fault === 'down' && claimed ? Number(claimed[1] ?? claimed[2]) : server.requests()
    return { checker, fault, applicable, exit, errors, wrote: readFileSync(path.join(folder, 'papers.json'), 'utf8') !== data, cachedFailures, requests, summary, ms }
  } finally {
    await server.close()
    rmSync(folder, { recursive: true, force: true })
  }
}
