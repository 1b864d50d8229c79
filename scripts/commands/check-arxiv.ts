/**
 * `check:arxiv`: every entry with an arXiv link against arXiv's own metadata,
 * as positioned findings; `--fix` applies the safe corrections. A service
 * that is down gives "could not verify" warnings, never errors.
 */
import path from 'node:path'
import { ArxivCache, type ArxivCacheFile } from '../checkers/arxiv/cache.ts'
import { ArxivClient } from '../checkers/arxiv/client.ts'
import { compareWithArxiv } from '../checkers/arxiv/compare.ts'
import { mergeServiceOptions } from '../checkers/services.ts'
import { arxivFromUrl, isPlausibleArxivId } from '../core/arxiv.ts'
import { applyEdits } from '../core/edits.ts'
import { UsageError } from '../core/errors.ts'
import { hasErrors, type Finding } from '../core/findings.ts'
import { pointerOf } from '../core/json-source.ts'
import { loadPapers } from '../core/load.ts'
import type { PapersFile } from '../core/model.ts'
import { serializePapers } from '../core/serialize.ts'
import { readConfig } from '../io/config.ts'
import { readText, writeIfChanged } from '../io/files.ts'
import { isVersionedCache, readJsonCache } from '../io/json-cache.ts'
import type { CommandContext } from './context.ts'
import { printFindings } from './findings-output.ts'

export interface CheckArxivOptions {
  data: string
  config?: string
  fix: boolean
  format: string
}

export async function checkArxivCommand(options: CheckArxivOptions, context: CommandContext): Promise<number> {
  if (options.format !== 'human' && options.format !== 'json') throw new UsageError(`Unknown format \`${options.format}\`, expected \`human\` or \`json\``)
  const dataFile = path.resolve(context.cwd, options.data)
  const shown = path.relative(context.cwd, dataFile) || dataFile
  const config = await readConfig(dataFile, options.config, context.cwd)
  const text = await readText(dataFile)
  const { data, document } = loadPapers(text, shown, config)
  const services = mergeServiceOptions(config.services as never)

  const findings: Finding[] = []
  const finding = (pointer: string, ruleId: string, severity: Finding['severity'], message: string, hint?: string, fix?: Finding['fix']): Finding => ({
    ruleId,
    severity,
    file: shown,
    ...document.locate(pointer),
    pointer,
    message,
    ...(hint ? { hint } : {}),
    ...(fix ? { fix } : {})
  })

  // Which entry holds which arXiv ID (its first arXiv link).
  const wanted: Array<{ index: number; position: number; id: string }> = []
  data.entries.forEach((entry, index) => {
    const position = entry.links?.findIndex((link) => arxivFromUrl(link.url) !== undefined || /arxiv\.org\/(abs|pdf)\//.test(link.url)) ?? -1
    if (position < 0) return
    const url = entry.links![position]!.url
    const id = arxivFromUrl(url)
    const pointer = pointerOf(['entries', index, 'links', position, 'url'])
    if (!id || !isPlausibleArxivId(id.id)) {
      findings.push(finding(pointer, 'arxiv/invalid-id', 'error', `Unexpected arXiv link \`${url}\`, its ID cannot exist; not asked`, 'copy the ID from the paper’s arXiv page'))
      return
    }
    wanted.push({ index, position, id: id.version !== undefined ? `${id.id}v${id.version}` : id.id })
  })

  const cacheFile = path.resolve(path.dirname(dataFile), services.arxiv.cacheFile)
  const cache = new ArxivCache(await readJsonCache(cacheFile, isVersionedCache<ArxivCacheFile['entries']>, () => ({ version: 1 as const, entries: {} })), services.arxiv.cacheHours)
  const client = new ArxivClient({ ...services.arxiv, userAgent: services.userAgent, timeout: services.timeout }, {
    ...(context.network?.dispatcher ? { dispatcher: context.network.dispatcher } : {}),
    now: Date.now,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms))
  })
  if (context.isTerminal && context.env.CI === undefined && wanted.length > 0) {
    const requests = Math.ceil(wanted.length / services.arxiv.batchSize)
    context.stderr.write(`asking arXiv about ${wanted.length} IDs in about ${requests} request${requests === 1 ? '' : 's'}, ${services.arxiv.interval / 1000} s apart\n`)
  }
  let answers
  try {
    answers = await client.lookup(
      wanted.map((item) => item.id.replace(/v\d+$/, '')),
      cache
    )
  } finally {
    await client.close()
  }
  await writeIfChanged(cacheFile, JSON.stringify(cache.file, null, 2) + '\n')

  for (const { index, position, id } of wanted) {
    const entry = data.entries[index]!
    const answer = answers.get(id.replace(/v\d+$/, ''))!
    const linkPointer = pointerOf(['entries', index, 'links', position, 'url'])
    if (answer.kind === 'missing') {
      findings.push(finding(linkPointer, 'arxiv/missing', 'error', `Unknown arXiv ID \`${id}\`: arXiv has no such paper (asked twice)`, 'check the link; the paper may have been withdrawn or the ID mistyped'))
      continue
    }
    if (answer.kind === 'unverified') {
      findings.push(finding(linkPointer, 'arxiv/unverified', 'warning', `Could not verify \`${id}\`: ${answer.reason}`, 'run the check again later'))
      continue
    }
    const preprint = entry.venue === undefined || data.venues[entry.venue]?.type === 'preprint'
    for (const report of compareWithArxiv(entry, answer.record, preprint)) {
      const pointer = pointerOf(['entries', index, report.field])
      const edits = report.fix?.map((fix) => ({ pointer: pointerOf(['entries', index, fix.field]), value: fix.value }))
      findings.push(finding(pointer, report.ruleId, report.severity, report.message, report.hint, edits ? { safe: true, edits } : undefined))
    }
  }
  findings.sort((a, b) => a.line - b.line || a.column - b.column)

  let remaining = findings
  if (options.fix) {
    const fixes = findings.filter((item) => item.fix?.safe)
    if (fixes.length > 0) {
      const fixed = applyEdits(JSON.parse(text.replace(/^\uFEFF/, '')), fixes.flatMap((item) => item.fix!.edits)) as PapersFile
      await writeIfChanged(dataFile, serializePapers(fixed))
      context.stderr.write(`${shown}: ${fixes.length} problem${fixes.length === 1 ? '' : 's'} fixed; run \`npm run generate\`\n`)
    }
    remaining = findings.filter((item) => !item.fix?.safe)
  }
  printFindings(remaining, options.format, context, 'npm run check:arxiv -- --fix')
  return hasErrors(remaining) ? 1 : 0
}
