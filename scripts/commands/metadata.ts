/** What the metadata commands (check:arxiv, check:repos, add) share: loading, asking arXiv, applying safe fixes, the exit code. */
import path from 'node:path'
import type { ArxivCacheFile } from '../checkers/arxiv/cache.ts'
import { ArxivCache } from '../checkers/arxiv/cache.ts'
import { ArxivClient, type ArxivAnswer } from '../checkers/arxiv/client.ts'
import { ServiceGate, type Clock } from '../checkers/service-gate.ts'
import { gateOptions, mergeServiceOptions, type ServiceOptions } from '../checkers/services.ts'
import { applyEdits } from '../core/edits.ts'
import { exitCodes, UsageError } from '../core/errors.ts'
import { hasErrors, type Finding } from '../core/findings.ts'
import { loadPapers } from '../core/load.ts'
import type { PapersFile } from '../core/model.ts'
import { serializePapers } from '../core/serialize.ts'
import { readConfig } from '../io/config.ts'
import { rm } from 'node:fs/promises'
import { readText, writeIfChanged } from '../io/files.ts'
import { isVersionedCache, readJsonCache } from '../io/json-cache.ts'
import type { GithubApi } from '../reporting/github-api.ts'
import type { CommandContext } from './context.ts'
import { isUnverified } from './findings-output.ts'

export interface Loaded {
  dataFile: string
  shown: string
  text: string
  services: ServiceOptions
  config: Awaited<ReturnType<typeof readConfig>>
  data: PapersFile
  document: ReturnType<typeof loadPapers>['document']
}

/** The real clock; tests pass their own through the context. */
export const systemClock: Clock = { now: Date.now, sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)), random: Math.random }

export async function loadForChecks(options: { data: string; config?: string; format?: string }, context: CommandContext): Promise<Loaded> {
  if (options.format !== undefined && !['human', 'json', 'sarif'].includes(options.format)) throw new UsageError(`Unknown format \`${options.format}\`, expected \`human\`, \`json\` or \`sarif\``)
  const dataFile = path.resolve(context.cwd, options.data)
  const shown = path.relative(context.cwd, dataFile) || dataFile
  const config = await readConfig(dataFile, options.config, context.cwd)
  const text = await readText(dataFile, shown)
  const { data, document } = loadPapers(text, shown, config)
  return { dataFile, shown, text, config, data, document, services: mergeServiceOptions(config.services as never) }
}

/** Asks arXiv (or its cache, kept where the configuration is, unless `useCache` is false) about IDs. */
export async function lookupArxiv(ids: string[], loaded: Pick<Loaded, 'dataFile' | 'services' | 'config'>, context: CommandContext, useCache = true): Promise<{ answers: Map<string, ArxivAnswer>; client: ArxivClient }> {
  const { arxiv } = loaded.services
  const cacheFile = path.resolve(loaded.config.root ?? path.dirname(loaded.dataFile), arxiv.cacheFile)
  const cache = useCache ? new ArxivCache(await readJsonCache(cacheFile, isVersionedCache<ArxivCacheFile['entries']>, () => ({ version: 1 as const, entries: {} })), arxiv.cacheHours) : undefined
  const client = new ArxivClient(
    { url: arxiv.url, batchSize: arxiv.batchSize, witness: arxiv.witness, userAgent: loaded.services.userAgent, timeout: loaded.services.timeout, gate: gateOptions(loaded.services, 'arxiv') },
    { ...(context.network?.dispatcher ? { dispatcher: context.network.dispatcher } : {}), clock: context.clock ?? systemClock }
  )
  try {
    return { answers: await client.lookup(ids, cache), client }
  } finally {
    await client.close()
    if (cache) await writeIfChanged(cacheFile, JSON.stringify(cache.file, null, 2) + '\n')
  }
}

/** Applies the safe fixes among `findings` to the data file (atomically) when asked; returns what is left to report. */
export async function applySafeFixes(findings: Finding[], loaded: Loaded, fix: boolean, context: CommandContext, what: string): Promise<Finding[]> {
  if (!fix) return findings
  const fixes = findings.filter((finding) => finding.fix?.safe)
  if (fixes.length > 0) {
    const fixed = applyEdits(JSON.parse(loaded.text.replace(/^\uFEFF/, '')), fixes.flatMap((finding) => finding.fix!.edits)) as PapersFile
    const text = serializePapers(fixed)
    // What is written must load: refuse rather than leave a broken file.
    loadPapers(text, loaded.shown, loaded.config)
    await writeIfChanged(loaded.dataFile, text)
    context.stderr.write(`${loaded.shown}: ${fixes.length} ${what} fixed; run \`npm run generate\`\n`)
  }
  return findings.filter((finding) => !finding.fix?.safe)
}

/** 1 for errors (confirmed problems), else 5 when anything could not be verified, else 0. */
export function checkExitCode(findings: readonly Finding[]): number {
  if (hasErrors(findings)) return exitCodes.findings
  return findings.some(isUnverified) ? exitCodes.unverified : exitCodes.ok
}

/** `check:arxiv: 47 IDs, 40 verified, 7 unverified; 2 requests` — the one line a run ends with on stderr. */
export function summaryLine(command: string, total: number, noun: string, unverified: number, requests: number, outage?: string): string {
  const verified = total - unverified
  const parts = [`${total} ${noun}`, `${verified} verified`, ...(unverified > 0 ? [`${unverified} not verified`] : []), `${requests} request${requests === 1 ? '' : 's'}`]
  return `${command}: ${parts.join(', ')}${outage ? `. ${outage}` : ''}\n`
}

/** GitHub's REST API for a repository, from the environment Actions sets (`GITHUB_API_URL`) and the services' politeness. */
export function githubApiFor(context: CommandContext, services: ServiceOptions, repository: string, token: string): GithubApi {
  const clock = context.clock ?? systemClock
  return {
    baseUrl: context.env.GITHUB_API_URL ?? services.github.restUrl,
    repository,
    token,
    userAgent: services.userAgent,
    timeout: services.timeout,
    gate: new ServiceGate({ name: 'GitHub', ...gateOptions(services, 'github') }, clock),
    now: clock.now,
    ...(context.network?.dispatcher ? { dispatcher: context.network.dispatcher } : {})
  }
}

/**
 * A check's own report file (`reports/arxiv.json`), beside the data file:
 * removed when the check starts, so that a check that crashes leaves no
 * report (which `report` reads as "not verified") rather than last week's.
 */
export async function startReport(data: string, file: string, context: CommandContext): Promise<{ file: string; write: (json: string) => Promise<void> }> {
  const target = path.resolve(path.dirname(path.resolve(context.cwd, data)), file)
  await rm(target, { force: true })
  return { file: target, write: async (json) => void (await writeIfChanged(target, json)) }
}
