/**
 * The metadata checks on a synthetic list of 1,000 arXiv papers with 1,000
 * GitHub repositories, against the loopback fakes, with arXiv's default
 * spacing (3 s). Prints requests and wall time against the bounds the rate
 * limits set; asserts nothing.
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
} finally {
  rmSync(folder, { recursive: true, force: true })
  await arxiv.close()
  await github.close()
}
