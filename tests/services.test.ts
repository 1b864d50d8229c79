/**
 * arXiv and GitHub checks and `add`, against fakes on 127.0.0.1 that answer
 * in the services' documented shapes (entries recorded from arXiv's API).
 */
import { cpSync, existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { parseAtom } from '../scripts/checkers/arxiv/atom.ts'
import { ArxivCache } from '../scripts/checkers/arxiv/cache.ts'
import { ArxivClient } from '../scripts/checkers/arxiv/client.ts'
import { authorDifferences } from '../scripts/checkers/arxiv/compare.ts'
import { runCli } from '../scripts/cli.ts'
import { defaultConfig } from '../scripts/core/config.ts'
import { lintText } from '../scripts/lint/engine.ts'
import { entryXml, startArxivFake, type ArxivFake } from '../scripts/fakes/arxiv.ts'
import { startGithubFake, type GithubFake } from '../scripts/fakes/github.ts'
import { fixtures, temporaryFolder } from './helpers.ts'

const recorded = new Map(readdirSync(path.join(fixtures, 'arxiv')).map((name) => [name.replace(/\.xml$/, '').replace('_', '/'), readFileSync(path.join(fixtures, 'arxiv', name), 'utf8').trimEnd()]))

/** A client on the real clock with test timings. */
function arxivClient(url: string, options: { interval: number; batchSize: number; retries?: number }) {
  return new ArxivClient(
    {
      url,
      batchSize: options.batchSize,
      witness: '1706.03762',
      userAgent: 'test',
      timeout: 5000,
      gate: { interval: options.interval, maxInterval: 60_000, breakAfter: 3, cooldown: 60_000, policy: { retries: options.retries ?? 2, throttleRetries: 3, backoff: { base: 10, max: 50 }, retryAfterCap: 5_000 } }
    },
    { clock: { now: Date.now, sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)), random: () => 0.5 } }
  )
}

async function run(args: string[], cwd: string, env: Record<string, string> = {}) {
  let stdout = ''
  let stderr = ''
  const code = await runCli(args, { cwd, env: { CI: 'true', ...env }, stdout: { write: (text) => void (stdout += text) }, stderr: { write: (text) => void (stderr += text) } })
  return { code, stdout, stderr }
}

describe('the Atom feed', () => {
  test('entries are read with namespaces, versions stripped, matched by ID whatever their order', () => {
    const feed = `<?xml version='1.0' encoding='UTF-8'?>\n<feed xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/" xmlns:arxiv="http://arxiv.org/schemas/atom" xmlns="http://www.w3.org/2005/Atom">\n${[...recorded.values()].join('\n')}\n</feed>`
    const parsed = parseAtom(feed)
    if (parsed.kind !== 'feed') throw new Error(parsed.reason)
    const { records, errors } = parsed
    expect(errors).toEqual([])
    expect(parsed.invalid).toEqual([])
    const byId = new Map(records.map((record) => [record.id, record]))
    expect(byId.get('1706.03762')).toMatchObject({ version: 7, published: '2017-06-12', updated: '2023-08-02', title: 'Attention Is All You Need' })
    expect(byId.get('2401.04088')!.authors).toContain('Lélio Renard Lavaud')
    expect(byId.get('astro-ph/0601001')).toMatchObject({ journalRef: 'ActaAstron.56:1-50,2006', authors: ['Andrew Gould', 'Susan Dorsher', 'B. Scott Gaudi', 'Andrzej Udalski'] })
    expect(byId.get('2202.12139')!.doi).toBe('10.1109/ICSTW55395.2022.00035')
    expect(Object.fromEntries(records.map((record) => [record.id, record.primaryClass]))).toEqual({ '1706.03762': 'cs.CL', '2202.12139': expect.any(String), '2401.04088': 'cs.LG', 'astro-ph/0601001': 'astro-ph' })
  })

  test('a primary category arXiv might write in another shape is left out, and the record still stands', () => {
    const mixtral = recorded.get('2401.04088')!
    for (const [shape, expected] of [
      ['<arxiv:primary_category term="cond-mat.stat-mech" scheme="http://arxiv.org/schemas/atom"/>', 'cond-mat.stat-mech'],
      ['<arxiv:primary_category term="q-bio.NC"/>', 'q-bio.NC'],
      ['<arxiv:primary_category term="CS LG!"/>', undefined],
      ['<arxiv:primary_category/>', undefined],
      ['<arxiv:primary_category term=""/>', undefined],
      ['', undefined]
    ] as const) {
      const entry = mixtral.replace(/<arxiv:primary_category[^>]*\/>/, shape)
      const parsed = parseAtom(`<feed xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/" xmlns:arxiv="http://arxiv.org/schemas/atom" xmlns="http://www.w3.org/2005/Atom"><opensearch:totalResults>1</opensearch:totalResults>${entry}</feed>`)
      if (parsed.kind !== 'feed') throw new Error(parsed.reason)
      expect(parsed.invalid).toEqual([])
      expect(parsed.records[0]!.primaryClass).toBe(expected)
    }
  })

  test('author lists: missing, extra, misspelled and reordered are told apart', () => {
    expect(authorDifferences(['Ashish Vaswany', 'Noam Shazeer'], ['Ashish Vaswani', 'Noam Shazeer', 'Niki Parmar'])).toEqual(['missing `Niki Parmar`', 'misspelled `Ashish Vaswany` for `Ashish Vaswani`'])
    expect(authorDifferences(['B', 'A'], ['A', 'B'])).toEqual(['the same authors in another order'])
    expect(authorDifferences(['Lelio Renard Lavaud'], ['Lélio Renard Lavaud'])).toEqual([])
  })
})

describe('the arXiv client', () => {
  let fake: ArxivFake
  beforeAll(async () => {
    const entries = new Map(recorded)
    for (let index = 1; index <= 5; index++) entries.set(`2301.0000${index}`, entryXml({ id: `2301.0000${index}`, title: `Paper ${index}`, authors: ['Zoë Ünal'], published: '2023-01-02' }))
    fake = await startArxivFake(entries, { unavailableFirst: 1, emptyOnce: new Set(['2301.00003']) })
  })
  afterAll(() => fake.close())

  test('batches, one connection, requests at least the interval apart, a 503 and an empty answer retried', async () => {
    const interval = 300
    const client = arxivClient(fake.url, { interval, batchSize: 2 })
    const ids = ['2301.00001', '2301.00002', '2301.00003', '2301.00004', '2301.00005', '2401.99999']
    const cache = ArxivCache.empty(24)
    const answers = await client.lookup(ids, cache)
    await client.close()
    expect([...answers.values()].map((answer) => answer.kind)).toEqual(['found', 'found', 'found', 'found', 'found', 'missing'])
    // 1 refused with 503, 3 batches of 2, then each left-out ID asked again beside a paper found in the run (the witness).
    expect(fake.log.map((entry) => `${entry.status} ${entry.ids.length}`)).toEqual(['503 2', '200 2', '200 2', '200 2', '200 2', '200 2'])
    expect(fake.log.slice(-2).map((entry) => entry.ids[1])).toEqual(['2301.00001', '2301.00001'])
    const gaps = fake.log.slice(1).map((entry, index) => entry.at - fake.log[index]!.at)
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(interval)
    expect(fake.maxConcurrent()).toBe(1)
    // Cached: asking again sends nothing.
    const again = arxivClient(fake.url, { interval, batchSize: 2 })
    await again.lookup(ids, cache)
    await again.close()
    expect(fake.log).toHaveLength(6)
  }, 20_000)
})

test('a 400 error feed is reported with arXiv’s own message', async () => {
  const fake = await startArxivFake(recorded)
  try {
    const client = arxivClient(fake.url, { interval: 10, batchSize: 100 })
    const answers = await client.lookup(['abc'], ArxivCache.empty(24))
    await client.close()
    expect(answers.get('abc')).toEqual({ kind: 'unverified', reason: 'arXiv refused the query: incorrect id format for abc' })
    expect(fake.log).toHaveLength(1)
  } finally {
    await fake.close()
  }
})

describe('check:arxiv', () => {
  let fake: ArxivFake
  let folder: string
  beforeAll(async () => {
    fake = await startArxivFake(recorded)
    folder = temporaryFolder()
    const paper = (title: string, url: string, extra: object = {}) => ({ kind: 'paper', title, links: [{ type: 'paper', url }], ...extra })
    writeFileSync(
      path.join(folder, 'papers.json'),
      JSON.stringify(
        {
          venues: { arXiv: { type: 'preprint' }, 'NeurIPS 2017': { type: 'conference', date: '2017-12-04' } },
          categories: [],
          entries: [
            paper('Mixtral of Experts', 'https://arxiv.org/pdf/2401.04088v1.pdf', { authors: ['Albert Q. Jiang'], venue: 'arXiv', date: '2024-01-08' }),
            paper('Attention is all you need!', 'https://arxiv.org/abs/1706.03762', { authors: ['Ashish Vaswany', 'Noam Shazeer', 'Niki Parmar', 'Jakob Uszkoreit', 'Llion Jones', 'Aidan N. Gomez', 'Lukasz Kaiser', 'Illia Polosukhin'], venue: 'NeurIPS 2017', date: '2017-06' }),
            paper('Frequency of Hot Jupiters', 'http://export.arxiv.org/abs/astro-ph/0601001', { venue: 'arXiv', date: '2006-01-02' }),
            paper('Testing Deep Learning Models: A First Comparative Study of Multiple Testing Techniques', 'https://arxiv.org/abs/2202.12139', { venue: 'arXiv', date: '2021-05' }),
            paper('A Paper That Does Not Exist', 'https://arxiv.org/abs/2401.99999'),
            paper('A Malformed One', 'https://arxiv.org/abs/2413.00001')
          ]
        },
        null,
        2
      )
    )
    writeFileSync(path.join(folder, 'paper-list.config.json'), JSON.stringify({ services: { arxiv: { url: fake.url, interval: 50 } } }))
  })
  afterAll(() => fake.close())

  test('reports each difference at its line, and the missing ID as an error', async () => {
    const result = await run(['check:arxiv', '--format', 'json'], folder)
    expect(result.code).toBe(1)
    const report = JSON.parse(result.stdout)
    expect(report.findings.map((finding: { line: number; ruleId: string }) => `${finding.line} ${finding.ruleId}`)).toEqual([
      '13 arxiv/primary-class',
      '22 arxiv/authors',
      '28 arxiv/primary-class',
      '37 arxiv/authors',
      '50 arxiv/primary-class',
      '52 arxiv/title',
      '59 arxiv/published',
      '62 arxiv/primary-class',
      '71 arxiv/published',
      '72 arxiv/date',
      '80 arxiv/missing',
      '90 arxiv/invalid-id'
    ])
    const byRule = (id: string) => report.findings.filter((finding: { ruleId: string }) => finding.ruleId === id)
    expect(byRule('arxiv/authors')[0].message).toContain('missing `Alexandre Sablayrolles`')
    expect(byRule('arxiv/authors')[1].message).toBe('Unexpected author list: misspelled `Ashish Vaswany` for `Ashish Vaswani` (arXiv lists 8 authors)')
    expect(byRule('arxiv/date')[0].message).toBe('Unexpected date `2021-05`, arXiv has v1 on `2022-02-24`')
    expect(byRule('arxiv/published')[0].message).toContain('journal reference `ActaAstron.56:1-50,2006`')
    expect(byRule('arxiv/published')[1].message).toContain('DOI `10.1109/ICSTW55395.2022.00035`')
    // The category, not yet recorded, is a note --fix fills in, from the record whatever the venue.
    expect(byRule('arxiv/primary-class')[0]).toMatchObject({ severity: 'info', fixable: true, message: 'arXiv files 2401.04088 under `cs.LG`, which the entry does not record' })
    // A preprint's title and authors are fixable; a conference paper's authors are reported, not rewritten.
    expect(byRule('arxiv/title')[0].fixable).toBe(true)
    expect(byRule('arxiv/authors')[0].fixable).toBe(true)
    expect(byRule('arxiv/authors')[1].fixable).toBe(false)
  })

  test('--fix takes arXiv’s title and author list for preprints and leaves the rest', async () => {
    const result = await run(['check:arxiv', '--fix'], folder)
    expect(result.stderr).toContain('papers.json: 6 problems fixed')
    expect(result.stdout).toContain('Ashish Vaswany')
    const data = JSON.parse(readFileSync(path.join(folder, 'papers.json'), 'utf8'))
    const mixtral = data.entries.find((entry: { title: string }) => entry.title === 'Mixtral of Experts')
    expect(mixtral.authors).toHaveLength(26)
    expect(mixtral.primaryClass).toBe('cs.LG')
    // Written where the schema's order puts it, after the links.
    expect(Object.keys(mixtral).indexOf('primaryClass')).toBe(Object.keys(mixtral).indexOf('links') + 1)
    // A recorded category that arXiv contradicts is a warning, fixable the same way.
    mixtral.primaryClass = 'cs.CL'
    writeFileSync(path.join(folder, 'papers.json'), JSON.stringify(data, null, 2))
    const again = JSON.parse((await run(['check:arxiv', '--format', 'json'], folder)).stdout)
    expect(again.findings.filter((finding: { ruleId: string }) => finding.ruleId === 'arxiv/primary-class')).toMatchObject([{ severity: 'warning', fixable: true, message: 'Unexpected primaryClass `cs.CL`, arXiv files 2401.04088 under `cs.LG`' }])
  })

  test('a service that is down gives "could not verify" warnings, never errors, and exit 5', async () => {
    const down = temporaryFolder()
    cpSync(path.join(folder, 'papers.json'), path.join(down, 'papers.json'))
    writeFileSync(path.join(down, 'paper-list.config.json'), JSON.stringify({ services: { arxiv: { url: 'http://127.0.0.1:9/api/query', interval: 10, retries: 1 } } }))
    const data = JSON.parse(readFileSync(path.join(down, 'papers.json'), 'utf8'))
    data.entries = data.entries.slice(0, 4)
    writeFileSync(path.join(down, 'papers.json'), JSON.stringify(data, null, 2))
    const result = await run(['check:arxiv', '--format', 'json'], down)
    expect(result.code).toBe(5)
    const findings = JSON.parse(result.stdout).findings
    expect(findings.every((finding: { ruleId: string; severity: string }) => finding.ruleId === 'arxiv/unverified' && finding.severity === 'warning')).toBe(true)
    expect(findings[0].message).toContain('arXiv did not answer (ECONNREFUSED)')
  })
})

describe('check:repos', () => {
  let fake: GithubFake
  let folder: string
  const repositories = [
    { id: 1, fullName: 'mistralai/mistral-inference' },
    { id: 2, fullName: 'example-lab/old-model', archived: true },
    { id: 3, fullName: 'example-lab/disabled-model', disabled: true },
    { id: 4, fullName: 'rowanz/hellaswag', legal: true },
    { id: 5, fullName: 'google-research/google-research', paths: ['master:moe_mtl'] },
    { id: 6, fullName: 'fine/ok' }
  ]
  beforeAll(async () => {
    fake = await startGithubFake(repositories, { renamed: { 'mistralai/mistral-src': 1 }, token: 'secret-token' })
    folder = temporaryFolder()
    const code = (title: string, url: string) => ({ kind: 'paper', title, links: [{ type: 'code', url }] })
    writeFileSync(
      path.join(folder, 'papers.json'),
      JSON.stringify(
        {
          venues: {},
          categories: [],
          entries: [
            code('Renamed', 'https://github.com/mistralai/mistral-src'),
            code('Archived', 'https://github.com/example-lab/old-model'),
            code('Disabled', 'https://github.com/example-lab/disabled-model'),
            code('Blocked', 'https://github.com/rowanz/hellaswag'),
            code('Path ok', 'https://github.com/google-research/google-research/tree/master/moe_mtl'),
            code('Path missing', 'https://github.com/google-research/google-research/tree/master/gone'),
            code('Missing', 'https://github.com/nobody/nothing'),
            code('Fine', 'https://github.com/fine/ok'),
            code('Elsewhere', 'https://gitlab.com/some/repo')
          ]
        },
        null,
        2
      )
    )
    writeFileSync(path.join(folder, 'paper-list.config.json'), JSON.stringify({ services: { github: { restUrl: fake.restUrl, graphqlUrl: fake.graphqlUrl } } }))
  })
  afterAll(() => fake.close())

  const expected = ['11 repos/moved', '21 repos/archived', '31 repos/disabled', '41 repos/unavailable', '61 repos/path-missing', '71 repos/not-found']

  test('with a token: one GraphQL query for the batch, every class at its line', async () => {
    const result = await run(['check:repos', '--format', 'json'], folder, { GITHUB_TOKEN: 'secret-token' })
    expect(result.code).toBe(1)
    const findings = JSON.parse(result.stdout).findings
    expect(findings.map((finding: { line: number; ruleId: string }) => `${finding.line} ${finding.ruleId}`)).toEqual(expected)
    expect(findings[0].message).toBe('Repository `https://github.com/mistralai/mistral-src` moved to `https://github.com/mistralai/mistral-inference`')
    expect(fake.counts.graphql).toBe(1)
    // REST confirms the two GraphQL could not resolve: the missing one and the blocked one.
    expect(fake.counts.rest).toBe(2)
    expect(result.stdout + result.stderr).not.toContain('secret-token')
  })

  test('without a token: REST one at a time, the same findings; a second run costs only 304s', async () => {
    const first = await run(['check:repos', '--format', 'json'], folder)
    expect(JSON.parse(first.stdout).findings.map((finding: { line: number; ruleId: string }) => `${finding.line} ${finding.ruleId}`)).toEqual(expected)
    const before = { ...fake.counts }
    await run(['check:repos'], folder)
    // The unchanged repositories (renamed one included, via its new ID) answer 304.
    expect(fake.counts.notModified - before.notModified).toBeGreaterThanOrEqual(3)
  })

  test('at the rate limit it stops politely: what was checked, when to retry, nothing called missing', async () => {
    const limited = await startGithubFake(repositories, { renamed: { 'mistralai/mistral-src': 1 }, restLimit: 2 })
    try {
      const dir = temporaryFolder()
      cpSync(path.join(folder, 'papers.json'), path.join(dir, 'papers.json'))
      writeFileSync(path.join(dir, 'paper-list.config.json'), JSON.stringify({ services: { github: { restUrl: limited.restUrl, graphqlUrl: limited.graphqlUrl } } }))
      const result = await run(['check:repos', '--format', 'json'], dir)
      expect(result.code).toBe(5)
      expect(result.stderr).toMatch(/^check:repos \(REST\): 8 repositories, \d verified, \d not verified, \d requests\. GitHub's rate limit is spent \(HTTP 403\); stopped asking GitHub, retry after \d{4}-\d\d-\d\d \d\d:\d\d UTC/)
      const findings = JSON.parse(result.stdout).findings
      expect(findings.filter((finding: { ruleId: string }) => finding.ruleId === 'repos/unverified').length).toBeGreaterThan(0)
      expect(findings.some((finding: { ruleId: string }) => finding.ruleId === 'repos/not-found'), result.stdout).toBe(false)
    } finally {
      await limited.close()
    }
  })

  test('--fix writes the new URL of a moved repository', async () => {
    await run(['check:repos', '--fix'], folder, { GITHUB_TOKEN: 'secret-token' })
    const data = JSON.parse(readFileSync(path.join(folder, 'papers.json'), 'utf8'))
    expect(data.entries[0].links[0].url).toBe('https://github.com/mistralai/mistral-inference')
  })
})

describe('add', () => {
  let fake: ArxivFake
  let folder: string
  beforeAll(async () => {
    fake = await startArxivFake(recorded)
    folder = temporaryFolder()
    cpSync(path.join(fixtures, 'list'), folder, { recursive: true })
    const data = JSON.parse(readFileSync(path.join(folder, 'papers.json'), 'utf8'))
    data.$schema = './schema/papers.schema.json'
    writeFileSync(path.join(folder, 'papers.json'), JSON.stringify(data, null, 2))
    writeFileSync(path.join(folder, 'paper-list.config.json'), JSON.stringify({ services: { arxiv: { url: fake.url, interval: 10 } } }))
  })
  afterAll(() => fake.close())

  test('add → generate → lint clean: the entry comes from arXiv, in canonical form', async () => {
    const result = await run(['add', 'https://arxiv.org/pdf/1706.03762v7', '--category', 'routing', '--note', 'Dense', '--key', 'Transformer', '--code', 'https://github.com/tensorflow/tensor2tensor'], folder)
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('Added `Attention Is All You Need` (1706.03762, 8 authors, 2017-06-12) to papers.json')
    expect(result.stdout).toContain('docs/TOPICS.md: written')
    const text = readFileSync(path.join(folder, 'papers.json'), 'utf8')
    const added = JSON.parse(text).entries.find((entry: { key?: string }) => entry.key === 'Transformer')
    // The day it joined the list, for the feed.
    expect(added.added).toBe(new Date().toISOString().slice(0, 10))
    expect(added).toMatchObject({ venue: 'arXiv', date: '2017-06-12', primaryClass: 'cs.CL', links: [{ type: 'paper', url: 'https://arxiv.org/abs/1706.03762v7' }, { type: 'code', url: 'https://github.com/tensorflow/tensor2tensor' }], categories: [{ category: 'routing', notes: ['Dense'] }] })
    expect(lintText(text, 'papers.json', defaultConfig).filter((finding) => finding.severity === 'error').map((finding) => finding.message)).toEqual([])
    expect(readFileSync(path.join(folder, 'docs/TOPICS.md'), 'utf8')).toContain('**_Dense_ - Attention Is All You Need**')
    expect((await run(['generate', '--check'], folder)).code).toBe(0)
  })

  test('a paper already in the list is refused, with the line of the existing entry', async () => {
    const before = readFileSync(path.join(folder, 'papers.json'), 'utf8')
    const result = await run(['add', '2401.04088'], folder)
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/^papers\.json:\d+:5 {2}error {2}Unexpected duplicate: `Pipes \| brackets \] stars \* angles <b> and a back\\slash` is already in the list/)
    expect(readFileSync(path.join(folder, 'papers.json'), 'utf8')).toBe(before)
  })

  test('an impossible ID is refused before asking arXiv', async () => {
    const asked = fake.log.length
    const result = await run(['add', '2413.04088'], folder)
    expect(result.code).toBe(2)
    expect(fake.log.length).toBe(asked)
  })
})

test('check:arxiv and check:repos write their own reports; a run that fails leaves none, never last week’s', async () => {
  const fake = await startArxivFake(recorded)
  try {
    const folder = temporaryFolder()
    writeFileSync(path.join(folder, 'papers.json'), JSON.stringify({ venues: { arXiv: { type: 'preprint' } }, categories: [], entries: [{ kind: 'paper', title: 'Mixtral of Experts', venue: 'arXiv', links: [{ type: 'paper', url: 'https://arxiv.org/abs/2401.04088' }] }] }, null, 2))
    writeFileSync(path.join(folder, 'paper-list.config.json'), JSON.stringify({ services: { arxiv: { url: fake.url, interval: 10 }, github: { restUrl: 'http://127.0.0.1:9', graphqlUrl: 'http://127.0.0.1:9/graphql' }, politeness: { backoff: { base: 1, max: 5 } } } }))
    const result = await run(['check:arxiv'], folder)
    expect(result.code).toBe(0)
    const report = JSON.parse(readFileSync(path.join(folder, 'reports/arxiv.json'), 'utf8'))
    expect(report).toMatchObject({ findings: [{ ruleId: 'arxiv/primary-class', severity: 'info' }], summary: { errors: 0 } })
    expect((await run(['check:repos'], folder)).code).toBe(0)
    expect(JSON.parse(readFileSync(path.join(folder, 'reports/repos.json'), 'utf8')).findings).toEqual([])
    // Next week the data is broken: the check fails, and last week's clean report is gone with it.
    writeFileSync(path.join(folder, 'papers.json'), '{ "venues": ')
    expect((await run(['check:arxiv'], folder)).code).toBe(1)
    expect(existsSync(path.join(folder, 'reports/arxiv.json'))).toBe(false)
  } finally {
    await fake.close()
  }
})
