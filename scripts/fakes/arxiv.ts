/**
 * A fake of arXiv's query API on 127.0.0.1 for tests and benchmarks: answers
 * `id_list` queries with Atom feeds in the new backend's format, entries
 * taken from recorded or generated `<entry>` elements, in an order of its
 * own (not the request's); can answer 503 or an empty feed once, 400 for
 * malformed IDs, and logs when each request came.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface ArxivFakeFaults {
  /** Answer the first N requests with 503 (Retry-After: 1). */
  unavailableFirst?: number
  /** IDs left out of their first answer, as arXiv's intermittent empty feeds do. */
  emptyOnce?: Set<string>
  /**
   * A stricter server than arXiv's terms: a request that comes sooner than
   * this many ms after the previous answer gets arXiv's 503 "Rate exceeded."
   * (no Retry-After), and counts as a violation.
   */
  minInterval?: number
  /** Answers a request instead of the fake (a fault), or `undefined` to let the fake answer. */
  intercept?: (request: { index: number; ids: string[]; feed: string }) => { status: number; headers?: Record<string, string>; body: string } | undefined
}

export interface ArxivFake {
  url: string
  /** Arrival time (ms) and ID count of each request. */
  log: Array<{ at: number; ids: string[]; status: number }>
  /** Requests that came sooner than `minInterval` after the previous answer. */
  violations: () => number
  maxConcurrent: () => number
  close: () => Promise<void>
}

/** An `<entry>` for a paper, as the new backend writes it. */
export function entryXml(paper: { id: string; version?: number; title: string; authors: string[]; published: string; updated?: string; journalRef?: string; doi?: string }): string {
  const version = paper.version ?? 1
  const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
  return [
    '  <entry>',
    `    <id>http://arxiv.org/abs/${paper.id}v${version}</id>`,
    `    <title>${escape(paper.title)}</title>`,
    `    <updated>${paper.updated ?? paper.published}T12:00:00Z</updated>`,
    `    <link href="https://arxiv.org/abs/${paper.id}v${version}" rel="alternate" type="text/html"/>`,
    `    <link href="https://arxiv.org/pdf/${paper.id}v${version}" rel="related" type="application/pdf" title="pdf"/>`,
    '    <summary>An abstract.</summary>',
    '    <category term="cs.LG" scheme="http://arxiv.org/schemas/atom"/>',
    `    <published>${paper.published}T12:00:00Z</published>`,
    '    <arxiv:primary_category term="cs.LG"/>',
    ...(paper.journalRef ? [`    <arxiv:journal_ref>${escape(paper.journalRef)}</arxiv:journal_ref>`] : []),
    ...paper.authors.map((name) => `    <author><name>${escape(name)}</name></author>`),
    ...(paper.doi ? [`    <arxiv:doi>${paper.doi}</arxiv:doi>`] : []),
    '  </entry>'
  ].join('\n')
}

const validId = /^(\d{4}\.\d{4,5}|[a-z-]+(\.[A-Z]{2})?\/\d{7})(v\d+)?$/

export async function startArxivFake(entries: Map<string, string>, faults: ArxivFakeFaults = {}, latency = 20): Promise<ArxivFake> {
  const log: ArxivFake['log'] = []
  const emptied = new Set<string>()
  let inFlight = 0
  let peak = 0
  let violations = 0
  let lastAnswer = Number.NEGATIVE_INFINITY
  const server: Server = createServer((request, response) => {
    inFlight++
    peak = Math.max(peak, inFlight)
    const url = new URL(request.url!, 'http://fake')
    const ids = (url.searchParams.get('id_list') ?? '').split(',').filter(Boolean)
    const arrived = Date.now()
    const finish = (status: number, body: string, headers: Record<string, string> = {}) => {
      log.push({ at: arrived, ids, status })
      setTimeout(() => {
        inFlight--
        lastAnswer = Date.now()
        response.writeHead(status, { 'content-type': 'application/atom+xml; charset=utf-8', ...headers }).end(body)
      }, latency)
    }
    if (url.pathname !== '/api/query') return finish(404, 'not found')
    if (faults.minInterval !== undefined && arrived - lastAnswer < faults.minInterval) {
      violations++
      return finish(503, 'Rate exceeded.', { 'content-type': 'text/plain' })
    }
    if (log.length < (faults.unavailableFirst ?? 0)) return finish(503, 'busy', { 'retry-after': '1' })
    const bad = ids.find((id) => !validId.test(id))
    if (bad) return finish(400, feed(url, [`  <entry>\n    <id>https://arxiv.org/api/errors#incorrect_id_format_for_${bad}</id>\n    <title>Error</title>\n    <summary>incorrect id format for ${bad}</summary>\n    <author><name>arXiv api core</name></author>\n  </entry>`]))
    const found: string[] = []
    for (const id of ids) {
      const base = id.replace(/v\d+$/, '')
      if (faults.emptyOnce?.has(base) && !emptied.has(base)) {
        emptied.add(base)
        continue
      }
      const entry = entries.get(base)
      if (entry) found.push(entry)
    }
    // arXiv does not keep the request's order.
    found.reverse()
    const body = feed(url, found)
    const injected = faults.intercept?.({ index: log.length, ids, feed: body })
    if (injected) return finish(injected.status, injected.body, injected.headers)
    finish(200, body)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/api/query`,
    log,
    violations: () => violations,
    maxConcurrent: () => peak,
    close: () => new Promise((resolve) => server.close(() => resolve()))
  }
}

function feed(url: URL, entries: string[]): string {
  const query = `search_query=&amp;id_list=${url.searchParams.get('id_list') ?? ''}&amp;start=0&amp;max_results=${url.searchParams.get('max_results') ?? '10'}`
  return [
    "<?xml version='1.0' encoding='UTF-8'?>",
    '<feed xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/" xmlns:arxiv="http://arxiv.org/schemas/atom" xmlns="http://www.w3.org/2005/Atom">',
    '  <id>https://arxiv.org/api/FakeFeedIdForTests</id>',
    `  <title>arXiv Query: ${query}</title>`,
    `  <updated>${new Date().toISOString().slice(0, 19)}Z</updated>`,
    `  <link href="https://arxiv.org/api/query?${query}" type="application/atom+xml"/>`,
    `  <opensearch:itemsPerPage>${url.searchParams.get('max_results') ?? '10'}</opensearch:itemsPerPage>`,
    `  <opensearch:totalResults>${entries.length}</opensearch:totalResults>`,
    '  <opensearch:startIndex>0</opensearch:startIndex>',
    ...entries,
    '</feed>'
  ].join('\n')
}
