/**
 * The fault matrix: every checker (`check:links`, `check:arxiv`,
 * `check:repos` in both modes, `add`) against every fault a service shows
 * (down, 503 always, 429 with either `Retry-After`, a cut document, HTML, an
 * empty answer, an answer slower than the timeout, a reset mid-body,
 * GraphQL's top-level error and partial data). In every cell: no error-level
 * finding, no write to `papers.json` (all run with `--fix`), nothing cached
 * for what failed, a summary line, and the documented exit code.
 */
import { describe, expect, test } from 'vitest'
import { checkers, runCell, type Checker } from '../scripts/fakes/fault-matrix.ts'
import { faults, type Fault } from '../scripts/fakes/fault-server.ts'

/** `check:links` exits 5 only when no host answered at all; the metadata checks and `add` whenever something is unverified. */
function expectedExit(checker: Checker, fault: Fault): number {
  if (checker !== 'check:links') return 5
  return fault === 'down' || fault === 'slower than the timeout' ? 5 : 0
}

const summaries: Record<Checker, RegExp> = {
  'check:links': /^(no host answered: \d+ links not verified|\d+ links: .*; \d+ requests)/,
  'check:arxiv': /^check:arxiv: 3 arXiv IDs, 0 verified, 3 not verified, \d+ requests?/,
  'check:repos (REST)': /^check:repos \(REST\): 3 repositories, [0-2] verified, [1-3] not verified, \d+ requests?/,
  'check:repos (GraphQL)': /^check:repos \(GraphQL\): 3 repositories, [0-2] verified, [1-3] not verified, \d+ requests?/,
  add: /^unverified: arXiv could not verify `2312\.00001`: .+\. Nothing was written; try again later$/
}

describe.for(checkers)('%s', (checker) => {
  const cells = faults.filter((fault) => !fault.includes('GraphQL') || checker === 'check:repos (GraphQL)')
  test.for(cells)('%s', { concurrent: true, timeout: 30_000 }, async (fault) => {
    const cell = await runCell(checker, fault)
    const context = JSON.stringify(cell)
    expect(cell.errors, context).toBe(0)
    expect(cell.wrote, context).toBe(false)
    expect(cell.cachedFailures, context).toBe(0)
    expect(cell.summary, context).toMatch(summaries[checker])
    expect(cell.exit, context).toBe(expectedExit(checker, fault))
    // Bounded: a service is asked at most `breakAfter` times once it fails (plus what a link check's retries cost).
    if (checker !== 'check:links') expect(cell.requests, context).toBeLessThanOrEqual(4)
  })
})
