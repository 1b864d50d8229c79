/**
 * arXiv misbehaving, in families: feeds cut short at many points, entries
 * missing or garbling each field, answers that are not feeds, counts that
 * disagree, empty feeds for a whole batch. Whatever does not validate is
 * unverified: never `missing`, never cached, never written by `--fix`.
 */
import { readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { parseAtom } from '../scripts/checkers/arxiv/atom.ts'
import { ArxivCache } from '../scripts/checkers/arxiv/cache.ts'
import { ArxivClient } from '../scripts/checkers/arxiv/client.ts'
import { runCli } from '../scripts/cli.ts'
import { startArxivFake, type ArxivFake } from '../scripts/fakes/arxiv.ts'
import { fixtures, temporaryFolder } from './helpers.ts'

const recorded = new Map(readdirSync(path.join(fixtures, 'arxiv')).map((name) => [name.replace(/\.xml$/, '').replace('_', '/'), readFileSync(path.join(fixtures, 'arxiv', name), 'utf8').trimEnd()]))
const mixtral = recorded.get('2401.04088')!

function feed(entries: string[], total: number | 'absent' = entries.length): string {
  return [
    "<?xml version='1.0' encoding='UTF-8'?>",
    '<feed xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/" xmlns:arxiv="http://arxiv.org/schemas/atom" xmlns="http://www.w3.org/2005/Atom">',
    '  <id>https://arxiv.org/api/x</id>',
    '  <title>arXiv Query</title>',
    ...(total === 'absent' ? [] : [`  <opensearch:totalResults>${total}</opensearch:totalResults>`]),
    ...entries,
    '</feed>'
  ].join('\n')
}

/** Mixtral's recorded entry with one change. */
const mixtralWith = (from: RegExp, to: string) => {
  const changed = mixtral.replace(from, to)
  if (changed === mixtral) throw new Error(`${from} changed nothing`)
  return changed
}

const badEntries: Array<[string, string]> = [
  ['no title', mixtralWith(/<title>.*<\/title>/, '')],
  ['an empty title', mixtralWith(/<title>.*<\/title>/, '<title></title>')],
  ['a blank title', mixtralWith(/<title>.*<\/title>/, '<title>   </title>')],
  ['markup in the title', mixtralWith(/<title>.*<\/title>/, '<title>Mixtral <b>of</b> Experts</title>')],
  ['no authors', mixtral.replace(/\s*<author>[\s\S]*?<\/author>/g, '')],
  ['an author without a name', mixtralWith(/<author>\s*<name>Albert Q. Jiang<\/name>\s*<\/author>/, '<author><uri>x</uri></author>')],
  ['an author with an empty name', mixtralWith(/<name>Albert Q. Jiang<\/name>/, '<name></name>')],
  ['no published date', mixtralWith(/<published>.*<\/published>/, '')],
  ['a published date that is not a date', mixtralWith(/<published>.*<\/published>/, '<published>yesterday</published>')],
  ['an impossible month', mixtralWith(/<published>.*<\/published>/, '<published>2024-13-08T00:00:00Z</published>')],
  ['markup in the journal reference', mixtral.replace('</entry>', '<arxiv:journal_ref><i>ICLR</i> 2024</arxiv:journal_ref></entry>')]
]

describe('parsing: what does not validate is never a record', () => {
  test.for(badEntries)('an entry with %s is invalid, and named by its ID', ([, entry]) => {
    const parsed = parseAtom(feed([entry]))
    if (parsed.kind !== 'feed') throw new Error(parsed.reason)
    expect(parsed.records).toEqual([])
    expect(parsed.invalid).toHaveLength(1)
    expect(parsed.invalid[0]!.id).toBe('2401.04088')
  })

  const whole = feed([...recorded.values()])
  test.for([0.05, 0.2, 0.35, 0.5, 0.65, 0.8, 0.95, 0.999])('a feed cut at %d of its length is garbled', (share) => {
    const parsed = parseAtom(whole.slice(0, Math.floor(whole.length * share)))
    expect(parsed.kind).toBe('garbled')
  })

  test.for([
    ['an HTML page', '<!DOCTYPE html><html><head><title>Access Denied</title></head><body><p>Your IP has been blocked<br></body></html>'],
    ['a well-formed XHTML page', '<html xmlns="http://www.w3.org/1999/xhtml"><body><p>Rate exceeded.</p></body></html>'],
    ['JSON', '{"error": "rate exceeded"}'],
    ['plain text', 'Rate exceeded.'],
    ['nothing', ''],
    ['whitespace', '  \n ']
  ] as const)('%s is not a feed', ([, body]) => {
    expect(parseAtom(body).kind).toBe('garbled')
  })

  test.for([
    ['a count larger than its entries', feed([mixtral], 3)],
    ['a count smaller than its entries', feed([mixtral, recorded.get('1706.03762')!], 1)],
    ['no count', feed([mixtral], 'absent')],
    ['a count that is not a number', feed([mixtral]).replace('<opensearch:totalResults>1', '<opensearch:totalResults>many')]
  ] as const)('%s: the feed is incomplete, so absence in it proves nothing', ([, xml]) => {
    const parsed = parseAtom(xml)
    if (parsed.kind !== 'feed') throw new Error(parsed.reason)
    expect(parsed.complete).toBe(false)
  })
})

describe('the client against a server answering each bad shape', () => {
  const ids = ['2401.04088', '1706.03762', '2202.12139']
  const shapes: Array<[string, (feed: string) => { status: number; body: string; headers?: Record<string, string> }]> = [
    ...badEntries.map(([name, entry]): [string, (feed: string) => { status: number; body: string }] => [`every entry with ${name}`, () => ({ status: 200, body: feed([entry, entry.replaceAll('2401.04088', '1706.03762'), entry.replaceAll('2401.04088', '2202.12139')]) })]),
    ['a feed cut short', (whole) => ({ status: 200, body: whole.slice(0, Math.floor(whole.length / 2)) })],
    ['an HTML page', () => ({ status: 200, body: '<!DOCTYPE html><html><body>Access Denied<br></body></html>', headers: { 'content-type': 'text/html' } })],
    ['an empty body', () => ({ status: 200, body: '' })],
    ['an empty feed, every time', () => ({ status: 200, body: feed([]) })],
    ['a feed whose count disagrees and that leaves papers out', () => ({ status: 200, body: feed([], 3) })],
    ['503 always', () => ({ status: 503, body: 'Rate exceeded.' })],
    ['429 with Retry-After', () => ({ status: 429, body: '', headers: { 'retry-after': '0' } })]
  ]

  let fake: ArxivFake
  let shape: (typeof shapes)[number][1] = () => ({ status: 200, body: '' })
  beforeAll(async () => {
    fake = await startArxivFake(recorded, { intercept: ({ feed: whole }) => shape(whole) }, 1)
  })
  afterAll(() => fake.close())

  test.for(shapes)('%s: every ID unverified, none missing, nothing cached', async ([, answer]) => {
    shape = answer
    const client = new ArxivClient(
      {
        url: fake.url,
        batchSize: 100,
        witness: '1706.03762',
        userAgent: 'test',
        timeout: 2_000,
        gate: { interval: 1, maxInterval: 20, breakAfter: 3, cooldown: 60_000, policy: { retries: 2, throttleRetries: 3, backoff: { base: 1, max: 5 }, retryAfterCap: 1_000 } }
      },
      { clock: { now: Date.now, sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)), random: () => 0.5 } }
    )
    const cache = ArxivCache.empty(24)
    const before = fake.log.length
    const answers = await client.lookup(ids, cache)
    await client.close()
    expect([...answers.values()].map((answer) => answer.kind)).toEqual(['unverified', 'unverified', 'unverified'])
    expect(cache.file.entries).toEqual({})
    // Bounded: the breaker stops after 3 failed attempts; a complete but empty feed costs the two answers it takes.
    expect(fake.log.length - before).toBeLessThanOrEqual(3)
  })
})

describe('check:arxiv --fix and add against bad answers', () => {
  let fake: ArxivFake
  let bad = true
  let folder: string
  const original = JSON.stringify(
    {
      venues: { arXiv: { type: 'preprint' } },
      categories: [],
      entries: [
        { kind: 'paper', title: 'Mixtral of Experts (old title)', authors: ['Albert Q. Jiang'], venue: 'arXiv', date: '2024-01-08', links: [{ type: 'paper', url: 'https://arxiv.org/abs/2401.04088' }] },
        { kind: 'paper', title: 'Attention Is All You Need', authors: ['Ashish Vaswani'], venue: 'arXiv', date: '2017-06-12', links: [{ type: 'paper', url: 'https://arxiv.org/abs/1706.03762' }] }
      ]
    },
    null,
    2
  )
  const answers = [
    // The old client wrote `"title": ""`, `"authors": []` or `"[object Object]"` from these.
    () => feed([mixtralWith(/<title>.*<\/title>/, '<title></title>'), recorded.get('1706.03762')!.replace(/\s*<author>[\s\S]*?<\/author>/g, '')]),
    () => feed([mixtralWith(/<title>.*<\/title>/, '<title>Mixtral <b>of</b> Experts</title>')]),
    () => feed([]),
    () => feed([mixtral]).slice(0, 900)
  ]
  let answer = answers[0]!
  beforeAll(async () => {
    fake = await startArxivFake(recorded, { intercept: () => (bad ? { status: 200, body: answer() } : undefined) }, 1)
    folder = temporaryFolder()
    writeFileSync(path.join(folder, 'paper-list.config.json'), JSON.stringify({ services: { arxiv: { url: fake.url, interval: 1 }, politeness: { backoff: { base: 1, max: 5 } } } }))
  })
  afterAll(() => fake.close())

  const run = async (args: string[]) => {
    let stdout = ''
    let stderr = ''
    const code = await runCli(args, { cwd: folder, env: { CI: 'true' }, stdout: { write: (text) => void (stdout += text) }, stderr: { write: (text) => void (stderr += text) } })
    return { code, stdout, stderr }
  }

  test.for(answers.map((_, index) => index))('bad answer %d: exit 5, papers.json untouched, nothing cached, no error finding', async (index) => {
    bad = true
    answer = answers[index]!
    writeFileSync(path.join(folder, 'papers.json'), original)
    const result = await run(['check:arxiv', '--fix', '--format', 'json'])
    expect(result.code).toBe(5)
    expect(readFileSync(path.join(folder, 'papers.json'), 'utf8')).toBe(original)
    const findings = JSON.parse(result.stdout).findings as Array<{ severity: string; ruleId: string }>
    expect(findings.filter((finding) => finding.severity === 'error')).toEqual([])
    expect(findings.every((finding) => finding.ruleId === 'arxiv/unverified')).toBe(true)
    const cacheFile = path.join(folder, '.cache/arxiv.json')
    if (existsSync(cacheFile)) expect(JSON.parse(readFileSync(cacheFile, 'utf8')).entries).toEqual({})
  })

  test('add: a bad answer is exit 5 and writes nothing; the next try asks again (nothing bad was cached) and succeeds', async () => {
    writeFileSync(path.join(folder, 'papers.json'), original.replace(/,\s*\{[^{}]*"Attention[\s\S]*?\]\s*\}\s*\]/, ']'))
    const before = readFileSync(path.join(folder, 'papers.json'), 'utf8')
    bad = true
    answer = answers[0]!
    const failed = await run(['add', '1706.03762', '--no-generate'])
    expect(failed.code).toBe(5)
    expect(failed.stderr).toMatch(/^unverified: arXiv could not verify `1706\.03762`: .+ Nothing was written; try again later\n$/)
    expect(readFileSync(path.join(folder, 'papers.json'), 'utf8')).toBe(before)
    bad = false
    const added = await run(['add', '1706.03762', '--no-generate'])
    expect(added.stderr).toBe('')
    expect(added.code).toBe(0)
    expect(JSON.parse(readFileSync(path.join(folder, 'papers.json'), 'utf8')).entries.map((entry: { title: string }) => entry.title)).toContain('Attention Is All You Need')
  })
})
