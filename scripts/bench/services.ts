/**
 * The metadata checks on a synthetic list of 1,000 arXiv papers with 1,000
 * GitHub repositories, against the loopback fakes, with arXiv's default
 * spacing (3 s). Prints requests and wall time against the bounds the rate
 * limits set; then the requests sent to a service that is down and to an
 * arXiv stricter than its terms (5 s), beside their bounds. Asserts nothing.
 *
 *     npm run bench:services
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { runCli } from '../cli.ts'
import { entryXml, startArxivFake } from '../fakes/arxiv.ts'
import { startGithubFake } from '../fakes/github.ts'

const size = Number(process.argv[2] ?? 1_000)
const ids = Array.from({ length: size }, (_, index) => `2401.${String(index + 1).padStart(5, '0')}`)
const entries = new Map(ids.map((id, index) => [id, entryXml({ id, title: `Synthetic Paper ${index}`, authors: ['Ana Pérez', 'Bo Li'], published: '2024-01-15' })]))
const arxiv = await startArxivFake(entries, {}, 50)
const github = await startGithubFake(ids.map((_, index) => ({ id: index + 1, fullName: `lab${index}/repo${index}` })), { token: 'bench-token' })
const folder = mkdtempSync(path.join(tmpdir(), 'bench-services-'))
try {
  writeFileSync(
    path.join(folder, 'papers.json'),
    JSON.stringify({
      venues: { arXiv: { type: 'preprint' } },
      categories: [],
      entries: ids.map((id, index) => ({
        kind: 'paper',
        title: `Synthetic Paper ${index}`,
        authors: ['Ana Pérez', 'Bo Li'],
        venue: 'arXiv',
        date: '2024-01-15',
        links: [{ type: 'paper', url: `https://arxiv.org/abs/${id}` }, { type: 'code', url: `https://github.com/lab${index}/repo${index}` }]
      }))
    })
  )
  writeFileSync(path.join(folder, 'paper-list.config.json'), JSON.stringify({ services: { arxiv: { url: arxiv.url }, github: { restUrl: github.restUrl, graphqlUrl: github.graphqlUrl } } }))
  const quiet = { write: () => {} }
  const run = async (args: string[], env: Record<string, string> = {}) => {
    const started = performance.now()
    const code = await runCli(args, { cwd: folder, env: { CI: 'true', ...env }, stdout: quiet, stderr: quiet })
    return { code, ms: performance.now() - started }
  }

  console.log(`${size} arXiv papers with ${size} GitHub repositories, against loopback fakes\n`)
  const arxivRun = await run(['check:arxiv'])
  const gaps = arxiv.log.slice(1).map((entry, index) => entry.at - arxiv.log[index]!.at)
  const arxivBound = (Math.ceil(size / 100) - 1) * 3
  console.log(`check:arxiv   ${arxiv.log.length} requests (bound ⌈N/100⌉ = ${Math.ceil(size / 100)}), ${(arxivRun.ms / 1000).toFixed(1)} s (bound ${arxivBound} s from 3 s spacing), smallest gap ${Math.min(...gaps)} ms, at most ${arxiv.maxConcurrent()} connection in flight`)
  const cachedRun = await run(['check:arxiv'])
  console.log(`check:arxiv   again within a day: ${arxiv.log.length - Math.ceil(size / 100)} more requests, ${(cachedRun.ms / 1000).toFixed(1)} s (cache)`)

  const graphqlRun = await run(['check:repos'], { GITHUB_TOKEN: 'bench-token' })
  console.log(`check:repos   with a token: ${github.counts.graphql} GraphQL requests (bound ⌈N/50⌉ = ${Math.ceil(size / 50)}), ${(graphqlRun.ms / 1000).toFixed(1)} s`)
  const before = github.counts.rest
  const restRun = await run(['check:repos'])
  console.log(`check:repos   without a token: ${github.counts.rest - before} REST requests, ${(restRun.ms / 1000).toFixed(1)} s`)
  const again = github.counts.rest
  const notModified = github.counts.notModified
  const restAgain = await run(['check:repos'])
  console.log(`check:repos   without a token, again: ${github.counts.rest - again} REST requests, ${github.counts.notModified - notModified} of them 304 Not Modified (free against the rate limit), ${(restAgain.ms / 1000).toFixed(1)} s`)

  // A service that is down: every request refused. The breaker's bound is `breakAfter` (3) for the whole run.
  const down = 'http://127.0.0.1:9'
  const requestsOf = (text: string) => Number(/(\d+) requests?\./.exec(text)?.[1] ?? NaN)
  for (const [name, args, env, config] of [
    ['check:arxiv', ['check:arxiv', '--no-cache'], {}, { arxiv: { url: `${down}/api/query`, batchSize: 10 } }],
    ['check:repos (REST)', ['check:repos', '--no-cache'], {}, { github: { restUrl: down, graphqlUrl: `${down}/graphql` } }],
    ['check:repos (GraphQL)', ['check:repos', '--no-cache'], { GITHUB_TOKEN: 'bench-token' }, { github: { restUrl: down, graphqlUrl: `${down}/graphql` } }]
  ] as const) {
    writeFileSync(path.join(folder, 'paper-list.config.json'), JSON.stringify({ services: config }))
    let stderr = ''
    const started = performance.now()
    const code = await runCli([...args], { cwd: folder, env: { CI: 'true', ...env }, stdout: quiet, stderr: { write: (text) => void (stderr += text) } })
    console.log(`${name.padEnd(22)} service down: ${requestsOf(stderr)} requests for ${size} items in ${name === 'check:arxiv' ? Math.ceil(size / 10) : name.includes('GraphQL') ? Math.ceil(size / 50) : size} calls (bound: breakAfter = 3 for the whole run), exit ${code}, ${((performance.now() - started) / 1000).toFixed(1)} s`)
  }

  // An arXiv stricter than its terms: 503 "Rate exceeded." to a request sooner than 5 s after the last answer.
  const strict = await startArxivFake(entries, { minInterval: 5_000 }, 50)
  try {
    writeFileSync(path.join(folder, 'paper-list.config.json'), JSON.stringify({ services: { arxiv: { url: strict.url, batchSize: Math.ceil(size / 11) } } }))
    const started = performance.now()
    const code = await runCli(['check:arxiv', '--no-cache'], { cwd: folder, env: { CI: 'true' }, stdout: quiet, stderr: quiet })
    const lastRefusal = strict.log.map((entry) => entry.status).lastIndexOf(503)
    const gaps = strict.log.slice(lastRefusal + 1).map((entry, index) => entry.at - strict.log[lastRefusal + index]!.at)
    console.log(
      `check:arxiv   stricter server (5 s): ${strict.log.length} requests for 11 batches, ${strict.violations()} refused as too soon (bound: ⌈log2(5 s / 3 s)⌉ = 1, the interval doubles once and stays), smallest gap after the last refusal ${Math.min(...gaps)} ms, exit ${code}, ${((performance.now() - started) / 1000).toFixed(1)} s`
    )
  } finally {
    await strict.close()
  }
} finally {
  rmSync(folder, { recursive: true, force: true })
  await arxiv.close()
  await github.close()
}
