/**
 * The link checker on the loopback link farm (1,000 URLs over 127.0.0.1–4,
 * every fault class the tests know, realistic bodies), side by side with the
 * minimal same-policy client (`minimal-client.ts`: GET, HEAD first, and GET
 * with per-link waits) and linkinator, a popular Node link checker. For each:
 * wall time against the farm's lower bound and against the minimal clients,
 * requests, connections, body bytes and overflow 429s (the farm's counters,
 * reset between clients), verdicts; then, per behaviour of the farm, what
 * each client concluded. Asserts nothing.
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
import { startFarm, type Behaviour } from './link-farm.ts'
import { runMinimalClient } from './minimal-client.ts'

/**
 * What a correct checker may conclude, in the checker's terms. A redirect out
 * of http(s) is a policy choice: `skipped` (not checkable) or `blocked` (a
 * maintainer must look); either passes.
 */
const expected: Record<Behaviour, string[]> = {
  alive: ['alive'],
  missing: ['dead'],
  gone: ['dead'],
  moved: ['redirected'],
  'moved-twice': ['redirected'],
  temporary: ['redirected'],
  'moved-to-missing': ['dead'],
  'head-405': ['alive'],
  'first-429': ['alive'],
  'first-503': ['alive'],
  'always-429': ['blocked'],
  'flaky-500': ['alive'],
  'always-502': ['transient'],
  forbidden: ['blocked'],
  challenge: ['blocked'],
  'non-standard-999': ['blocked'],
  'redirect-loop': ['blocked'],
  'to-ftp': ['skipped', 'blocked'],
  'to-javascript': ['blocked', 'skipped'],
  slow: ['alive'],
  reset: ['transient'],
  'reset-mid-body': ['transient']
}
const kinds = ['alive', 'redirected', 'dead', 'blocked', 'transient', 'skipped']

interface Run {
  name: string
  wall: number
  requests: number
  connections: number
  bytes: number
  overflows: number
  /** URL → verdict (linkinator's own states for linkinator). */
  verdicts: Map<string, string>
}

const farm = await startFarm()
const { get, head } = farm.bounds
console.log(`link farm: ${farm.urls.length} URLs on 4 hosts, 50 ms per answer, 429 beyond 8 in flight per host`)
console.log(`lower bound, any client: ${seconds(farm.lowerBound)} (forced work over 8 slots per host, or the longest chain)`)
console.log(`polite in list order, host-wide waits: ${seconds(get.inOrderBound)} GET first, ${seconds(head.inOrderBound)} HEAD first`)
console.log(`requests forced: ${get.forcedRequests} GET first, ${head.forcedRequests} HEAD first (GET after 405 only)\n`)

const runs: Run[] = []
try {
  runs.push(
    await measure('checker', async () => {
      const options = { ...defaultLinkOptions, allowPrivate: true }
      const client = createHttpClient(options)
      try {
        const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))
        const results = await checkLinks(farm.urls, { client, scheduler: new Scheduler(options), options, now: Date.now, sleep, random: Math.random })
        return new Map([...results].map(([url, status]) => [url, status.kind]))
      } finally {
        await client.close()
      }
    })
  )
  runs.push(await measure('minimal GET', () => runMinimalClient(farm.urls)))
  runs.push(await measure('minimal HEAD first', () => runMinimalClient(farm.urls, { method: 'HEAD' })))
  runs.push(await measure('minimal GET per-link', () => runMinimalClient(farm.urls, { perLinkWait: true })))

  const folder = mkdtempSync(path.join(tmpdir(), 'bench-links-'))
  try {
    const markdown = path.join(folder, 'links.md')
    writeFileSync(markdown, farm.urls.map((url) => `- [link](${url})`).join('\n') + '\n')
    runs.push(
      await measure('linkinator', async () => {
        const checker = new LinkChecker()
        // Its recommended settings for flaky sites: retries on 429 and on errors. With `retry`, linkinator 7.6
        // waits out every 429's Retry-After with no limit on the number of retries, so it would never end on
        // always-429 links: those are skipped for it.
        const linksToSkip = async (url: string) => farm.behaviours.get(url) === 'always-429'
        const result = await checker.check({ path: markdown, markdown: true, retry: true, retryErrors: true, retryErrorsCount: 3, timeout: 15_000, linksToSkip })
        return new Map(result.links.filter((link) => farm.behaviours.has(link.url)).map((link) => [link.url, link.state.toLowerCase()]))
      })
    )
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
} finally {
  await farm.close()
}

printCosts(runs)
printVerdicts(runs)
printBehaviours(runs)

async function measure(name: string, check: () => Promise<Map<string, string>>): Promise<Run> {
  farm.reset()
  const started = performance.now()
  const verdicts = await check()
  const wall = performance.now() - started
  const run = { name, wall, requests: farm.requests(), connections: farm.connections(), bytes: farm.bytes(), overflows: farm.overflows(), verdicts }
  console.error(`${name}: ${seconds(wall)}`)
  return run
}

function printCosts(runs: Run[]): void {
  const minimal = (name: string) => runs.find((run) => run.name === name)!.wall
  console.log('client                  wall × bound × min GET × min HEAD requests per link  conns body MB  429s')
  for (const run of runs) {
    const cells = [
      run.name.padEnd(20),
      seconds(run.wall).padStart(8),
      times(run.wall / farm.lowerBound).padStart(7),
      times(run.wall / minimal('minimal GET')).padStart(9),
      times(run.wall / minimal('minimal HEAD first')).padStart(10),
      String(run.requests).padStart(8),
      (run.requests / farm.urls.length).toFixed(2).padStart(8),
      String(run.connections).padStart(6),
      (run.bytes / 1e6).toFixed(1).padStart(7),
      String(run.overflows).padStart(5)
    ]
    console.log(cells.join(' '))
  }
  console.log('conns: TCP connections the farm accepted; body MB: body bytes it wrote before sockets closed;')
  console.log('429s: answered for more than 8 in flight. × min: wall time over the minimal client\'s.\n')
}

function header(kind: string): string {
  return (kind === 'redirected' ? 'redirect' : kind).padStart(10)
}

function printVerdicts(runs: Run[]): void {
  console.log(`verdicts            ${kinds.map(header).join('')}`)
  for (const run of runs) {
    const counts = tally([...run.verdicts.values()])
    const own = [...counts.keys()].some((kind) => !kinds.includes(kind))
    const cells = own ? `  ${[...counts].map(([kind, count]) => `${count} ${kind}`).join(', ')} (its own states)` : kinds.map((kind) => String(counts.get(kind) ?? '').padStart(10)).join('')
    console.log(`${run.name.padEnd(20)}${cells}`)
  }
  console.log('')
}

/** Per behaviour: the checker's verdicts in full, then how many links each client got right. */
function printBehaviours(runs: Run[]): void {
  const byBehaviour = new Map<Behaviour, string[]>()
  for (const [url, behaviour] of farm.behaviours) byBehaviour.set(behaviour, [...(byBehaviour.get(behaviour) ?? []), url])
  const order = [...byBehaviour.keys()].sort((a, b) => Object.keys(expected).indexOf(a) - Object.keys(expected).indexOf(b))
  const label = (behaviour: Behaviour) => expected[behaviour].join('|')
  const right = (run: Run, behaviour: Behaviour) => byBehaviour.get(behaviour)!.filter((url) => expected[behaviour].includes(run.verdicts.get(url) ?? '')).length
  const checker = runs.find((run) => run.name === 'checker')!
  console.log(`${'checker'.padEnd(17)}${'n'.padStart(4)} ${'expected'.padEnd(15)}${kinds.map(header).join('')}`)
  for (const behaviour of order) {
    const urls = byBehaviour.get(behaviour)!
    const counts = tally(urls.map((url) => checker.verdicts.get(url) ?? 'none'))
    const wrong = urls.length - right(checker, behaviour)
    const cells = kinds.map((kind) => String(counts.get(kind) ?? '').padStart(10)).join('')
    console.log(`${behaviour.padEnd(17)}${String(urls.length).padStart(4)} ${label(behaviour).padEnd(15)}${cells}${wrong > 0 ? ` ✗${wrong}` : ''}`)
  }

  const others = runs.filter((run) => run.name !== 'linkinator')
  const linkinator = runs.find((run) => run.name === 'linkinator')
  console.log(`\n${'right of n'.padEnd(32)}${others.map((run) => abbreviate(run.name).padStart(10)).join('')}   linkinator's states`)
  for (const behaviour of order) {
    const urls = byBehaviour.get(behaviour)!
    const cells = others.map((run) => `${right(run, behaviour)}/${urls.length}`.padStart(10)).join('')
    const states = linkinator ? [...tally(urls.map((url) => linkinator.verdicts.get(url) ?? 'none'))].map(([state, count]) => `${count} ${state}`).join(', ') : ''
    console.log(`${behaviour.padEnd(17)}${label(behaviour).padEnd(15)}${cells}   ${states}`)
  }
  const resets = byBehaviour.get('reset-mid-body') ?? []
  const alive = (run: Run) => resets.filter((url) => ['alive', 'ok'].includes(run.verdicts.get(url) ?? '')).length
  console.log(`\nreset-mid-body links called alive (linkinator: ok), of ${resets.length}:`)
  console.log(`  ${runs.map((run) => `${run.name} ${alive(run)}`).join(', ')}`)
  console.log('linkinator skips the always-429 links here: with `retry` it retries them forever (7.6 has no cap)')
}

function abbreviate(name: string): string {
  return name.replace('minimal GET per-link', 'per-link').replace('minimal ', 'min ').replace(' first', '')
}

function tally(values: string[]): Map<string, number> {
  const counts = new Map<string, number>()
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1)
  return counts
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`
}

function times(ratio: number): string {
  return `${ratio.toFixed(2)}×`
}
