/**
 * The fault matrix as a table: every checker against every fault of
 * `fakes/fault-server.ts`, through the real command line, with `--fix`.
 * Per cell: error-level findings, whether papers.json was written, cache
 * entries for what failed, requests the faulty server received (for `down`,
 * the attempts the checker counted), the exit code and the time taken.
 * Asserts nothing (the fault matrix test does).
 *
 *     npm run bench:faults
 */
import { checkers, runCell, type Cell } from '../fakes/fault-matrix.ts'
import { faults } from '../fakes/fault-server.ts'

const cells: Cell[] = []
for (const fault of faults) {
  // One fault at a time, its checkers side by side.
  cells.push(...(await Promise.all(checkers.map((checker) => runCell(checker, fault)))))
}

const head = ['fault', ...checkers]
console.log(`Each cell: error findings / papers.json written / failures cached / requests / exit (n/a: GraphQL faults outside GraphQL mode)\n`)
console.log(`| ${head.join(' | ')} |`)
console.log(`| ${head.map(() => '---').join(' | ')} |`)
for (const fault of faults) {
  const row = checkers.map((checker) => {
    const cell = cells.find((item) => item.checker === checker && item.fault === fault)!
    if (!cell.applicable) return 'n/a'
    return `${cell.errors} / ${cell.wrote ? 'yes' : 'no'} / ${cell.cachedFailures} / ${cell.requests} / ${cell.exit}`
  })
  console.log(`| ${fault} | ${row.join(' | ')} |`)
}
console.log('\nSummary lines:')
for (const cell of cells.filter((item) => item.applicable)) console.log(`  ${cell.checker.padEnd(22)} ${cell.fault.padEnd(26)} ${(cell.ms / 1000).toFixed(1).padStart(5)} s  ${cell.summary}`)
