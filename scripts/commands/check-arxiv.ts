/**
 * `check:arxiv`: every entry with an arXiv link against arXiv's own metadata,
 * as positioned findings; `--fix` applies the safe corrections, which come
 * only from validated answers. A service that is down, throttles or answers
 * garbage gives "could not verify" warnings (one line when they share a
 * reason) and exit 5, never errors and never writes.
 */
import { compareWithArxiv } from '../checkers/arxiv/compare.ts'
import { arxivFromUrl, isPlausibleArxivId } from '../core/arxiv.ts'
import type { Finding } from '../core/findings.ts'
import { pointerOf } from '../core/json-source.ts'
import type { CommandContext } from './context.ts'
import { jsonFindings, printFindings } from './findings-output.ts'
import { applySafeFixes, checkExitCode, loadForChecks, startReport, lookupArxiv, summaryLine } from './metadata.ts'

export interface CheckArxivOptions {
  data: string
  config?: string
  fix: boolean
  format: string
  cache: boolean
  /** The JSON report `report` reads, relative to the data file. */
  report: string
}

export async function checkArxivCommand(options: CheckArxivOptions, context: CommandContext): Promise<number> {
  const report = await startReport(options.data, options.report, context)
  const loaded = await loadForChecks(options, context)
  const { shown, data, document, services } = loaded

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

  if (context.isTerminal && context.env.CI === undefined && wanted.length > 0) {
    const requests = Math.ceil(wanted.length / services.arxiv.batchSize)
    context.stderr.write(`asking arXiv about ${wanted.length} IDs in about ${requests} request${requests === 1 ? '' : 's'}, ${services.arxiv.interval / 1000} s apart\n`)
  }
  const { answers, client } = await lookupArxiv(
    wanted.map((item) => item.id.replace(/v\d+$/, '')),
    loaded,
    context,
    options.cache
  )

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

  const remaining = await applySafeFixes(findings, loaded, options.fix, context, `problem${findings.filter((item) => item.fix?.safe).length === 1 ? '' : 's'}`)
  const outage = client.gate.outageMessage()
  printFindings(remaining, options.format, context, { fixCommand: 'npm run check:arxiv -- --fix', noun: 'arXiv IDs', ...(outage ? { outage } : {}) })
  await report.write(jsonFindings(remaining, outage ? { outage } : {}))
  const unverified = new Set(wanted.filter(({ id }) => answers.get(id.replace(/v\d+$/, ''))?.kind === 'unverified').map(({ id }) => id)).size
  const ids = new Set(wanted.map(({ id }) => id)).size
  context.stderr.write(summaryLine('check:arxiv', ids, 'arXiv IDs', unverified, client.gate.requests, outage ? `${outage}; nothing unverified was changed or cached` : undefined))
  return checkExitCode(remaining)
}
