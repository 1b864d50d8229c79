/** What the metadata commands (check:arxiv, check:repos, add) share: loading, asking arXiv, applying safe fixes. */
import path from 'node:path'
import type { ArxivCacheFile } from '../checkers/arxiv/cache.ts'
import { ArxivCache } from '../checkers/arxiv/cache.ts'
import { ArxivClient, type ArxivAnswer } from '../checkers/arxiv/client.ts'
import { mergeServiceOptions, type ServiceOptions } from '../checkers/services.ts'
import { applyEdits } from '../core/edits.ts'
import { UsageError } from '../core/errors.ts'
import type { Finding } from '../core/findings.ts'
import { loadPapers } from '../core/load.ts'
import type { PapersFile } from '../core/model.ts'
import { serializePapers } from '../core/serialize.ts'
import { readConfig } from '../io/config.ts'
import { readText, writeIfChanged } from '../io/files.ts'
import { isVersionedCache, readJsonCache } from '../io/json-cache.ts'
import type { CommandContext } from './context.ts'

export interface Loaded {
  dataFile: string
  shown: string
  text: string
  services: ServiceOptions
  config: Awaited<ReturnType<typeof readConfig>>
  data: PapersFile
  document: ReturnType<typeof loadPapers>['document']
}

export async function loadForChecks(options: { data: string; config?: string; format?: string }, context: CommandContext): Promise<Loaded> {
  if (options.format !== undefined && options.format !== 'human' && options.format !== 'json') throw new UsageError(`Unknown format \`${options.format}\`, expected \`human\` or \`json\``)
  const dataFile = path.resolve(context.cwd, options.data)
  const shown = path.relative(context.cwd, dataFile) || dataFile
  const config = await readConfig(dataFile, options.config, context.cwd)
  const text = await readText(dataFile)
  const { data, document } = loadPapers(text, shown, config)
  return { dataFile, shown, text, config, data, document, services: mergeServiceOptions(config.services as never) }
}

/** Asks arXiv (or its cache, kept beside the data file) about IDs. */
export async function lookupArxiv(ids: string[], loaded: Pick<Loaded, 'dataFile' | 'services'>, context: CommandContext): Promise<Map<string, ArxivAnswer>> {
  const { arxiv } = loaded.services
  const cacheFile = path.resolve(path.dirname(loaded.dataFile), arxiv.cacheFile)
  const cache = new ArxivCache(await readJsonCache(cacheFile, isVersionedCache<ArxivCacheFile['entries']>, () => ({ version: 1 as const, entries: {} })), arxiv.cacheHours)
  const client = new ArxivClient({ ...arxiv, userAgent: loaded.services.userAgent, timeout: loaded.services.timeout }, {
    ...(context.network?.dispatcher ? { dispatcher: context.network.dispatcher } : {}),
    now: Date.now,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms))
  })
  try {
    return await client.lookup(ids, cache)
  } finally {
    await client.close()
    await writeIfChanged(cacheFile, JSON.stringify(cache.file, null, 2) + '\n')
  }
}

/** Applies the safe fixes among `findings` to the data file (atomically) when asked; returns what is left to report. */
export async function applySafeFixes(findings: Finding[], loaded: Loaded, fix: boolean, context: CommandContext, what: string): Promise<Finding[]> {
  if (!fix) return findings
  const fixes = findings.filter((finding) => finding.fix?.safe)
  if (fixes.length > 0) {
    const fixed = applyEdits(JSON.parse(loaded.text.replace(/^\uFEFF/, '')), fixes.flatMap((finding) => finding.fix!.edits)) as PapersFile
    await writeIfChanged(loaded.dataFile, serializePapers(fixed))
    context.stderr.write(`${loaded.shown}: ${fixes.length} ${what} fixed; run \`npm run generate\`\n`)
  }
  return findings.filter((finding) => !finding.fix?.safe)
}
