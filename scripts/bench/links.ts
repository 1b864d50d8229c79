/**
 * The link checker on a loopback link farm (1,000 URLs over 127.0.0.1–4),
 * against linkinator, a popular Node link checker, on the same farm. Prints
 * wall time, requests sent and the farm's lower bound; asserts nothing.
 *
 *     npm run bench:links
 */
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { LinkChecker } from 'linkinator'
import { checkLinks } from '../checkers/links/checker.ts'
import { createHttpClient } from '../checkers/links/http.ts'
import { defaultLinkOptions } from '../checkers/links/options.ts'
import { Scheduler } from '../checkers/links/scheduler.ts'
import { startFarm, type Farm } from './link-farm.ts'

const farm = await startFarm()
console.log(`link farm: ${farm.urls.length} URLs on 4 hosts, 50 ms per answer, 429 beyond 8 in flight per host`)
console.log(`lower bound: ${(farm.lowerBound / 1000).toFixed(2)} s (any client, any order); ${(farm.inOrderBound / 1000).toFixed(2)} s for a polite client in list order`)
console.log(`requests the farm forces: ${farm.forcedRequests}\n`)
console.log('checker       wall time   × bound   × in-order   requests   per URL   beyond forced   429s for overflow   verdicts')

try {
  await measure('this project', async () => {
    const options = { ...defaultLinkOptions, allowPrivate: true }
    const client = createHttpClient(options)
    try {
      const results = await checkLinks(farm.urls, { client, scheduler: new Scheduler(options), options, now: Date.now, sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)), random: Math.random })
      return verdicts([...results.values()].map((status) => status.kind))
    } finally {
      await client.close()
    }
  })

  const folder = mkdtempSync(path.join(tmpdir(), 'bench-links-'))
  try {
    const markdown = path.join(folder, 'links.md')
    writeFileSync(markdown, farm.urls.map((url) => `- [link](${url})`).join('\n') + '\n')
    await measure('linkinator', async () => {
      const checker = new LinkChecker()
      // Its recommended settings for flaky sites: retries on 429 and on errors.
      const result = await checker.check({ path: markdown, markdown: true, retry: true, retryErrors: true, retryErrorsCount: 3, timeout: 15_000 })
      return verdicts(result.links.filter((link) => link.url.startsWith('http://127.0.0.')).map((link) => link.state.toLowerCase()))
    })
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
} finally {
  await farm.close()
}

async function measure(name: string, run: () => Promise<string>): Promise<void> {
  farm.reset()
  const started = performance.now()
  const outcome = await run()
  const wall = performance.now() - started
  report(farm, name, wall, outcome)
}

function report(farm: Farm, name: string, wall: number, outcome: string): void {
  const requests = farm.requests()
  const beyond = (requests - farm.forcedRequests) / farm.urls.length
  console.log(
    `${name.padEnd(12)}  ${`${(wall / 1000).toFixed(2)} s`.padStart(9)}   ${(wall / farm.lowerBound).toFixed(2).padStart(6)}×   ${(wall / farm.inOrderBound).toFixed(2).padStart(9)}×   ${String(requests).padStart(8)}   ${(requests / farm.urls.length).toFixed(2).padStart(7)}   ${beyond.toFixed(2).padStart(13)}   ${String(farm.overflows()).padStart(17)}   ${outcome}`
  )
}

function verdicts(kinds: string[]): string {
  const counts = new Map<string, number>()
  for (const kind of kinds) counts.set(kind, (counts.get(kind) ?? 0) + 1)
  return [...counts].map(([kind, count]) => `${count} ${kind}`).join(', ')
}
