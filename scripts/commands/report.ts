/**
 * `report [--issue]`: the link, arXiv and repository results as one report,
 * written to `reports/report.md` and to the job summary in Actions; with
 * `--issue`, kept in exactly one open GitHub issue.
 */
import { appendFile } from 'node:fs/promises'
import path from 'node:path'
import { mergeServiceOptions } from '../checkers/services.ts'
import { exitCodes, UsageError } from '../core/errors.ts'
import { loadPapers } from '../core/load.ts'
import { readConfig } from '../io/config.ts'
import { readText, readTextIfExists, writeIfChanged } from '../io/files.ts'
import { composeReport, type ReportInputs } from '../reporting/compose.ts'
import { IssueApiError, syncReportIssue } from '../reporting/issue.ts'
import type { CommandContext } from './context.ts'

export interface ReportOptions {
  data: string
  config?: string
  reports: string
  issue: boolean
  label: string
}

/** Exit code when GitHub refuses the issue update (the report itself is written). */
export const issueRefused = exitCodes.reportRefused

export async function reportCommand(options: ReportOptions, context: CommandContext): Promise<number> {
  const dataFile = path.resolve(context.cwd, options.data)
  const shown = path.relative(context.cwd, dataFile) || dataFile
  const config = await readConfig(dataFile, options.config, context.cwd)
  const { data } = loadPapers(await readText(dataFile), shown, config)
  const folder = path.resolve(context.cwd, options.reports)
  const read = async <T>(name: string): Promise<T | undefined> => {
    const text = await readTextIfExists(path.join(folder, name))
    if (text === undefined || text.trim() === '') return undefined
    try {
      return JSON.parse(text) as T
    } catch {
      throw new UsageError(`Cannot read ${path.join(options.reports, name)}: not JSON (write it with \`--format json\`)`)
    }
  }
  const inputs: ReportInputs = {
    data,
    dataFile: shown,
    ...(await read<NonNullable<ReportInputs['links']>>('links.json').then((links) => (links ? { links } : {}))),
    ...(await read<NonNullable<ReportInputs['arxiv']>>('arxiv.json').then((arxiv) => (arxiv ? { arxiv } : {}))),
    ...(await read<NonNullable<ReportInputs['repos']>>('repos.json').then((repos) => (repos ? { repos } : {})))
  }
  const report = composeReport(inputs)
  const markdown = `# ${report.title}\n\n${report.body}`
  const file = path.join(folder, 'report.md')
  await writeIfChanged(file, markdown)
  if (context.env.GITHUB_STEP_SUMMARY) await appendFile(context.env.GITHUB_STEP_SUMMARY, markdown)
  context.stdout.write(`${report.title}\nReport: ${path.relative(context.cwd, file)}\n`)
  if (!options.issue) return 0

  const repository = context.env.GITHUB_REPOSITORY
  const token = context.env.GITHUB_TOKEN
  if (!repository || !token) throw new UsageError('`--issue` needs GITHUB_REPOSITORY (owner/name) and GITHUB_TOKEN; in Actions, pass `secrets.GITHUB_TOKEN` as GITHUB_TOKEN')
  const services = mergeServiceOptions(config.services as never)
  try {
    const action = await syncReportIssue(
      { baseUrl: context.env.GITHUB_API_URL ?? services.github.restUrl, repository, token, label: options.label, userAgent: services.userAgent, ...(context.network?.dispatcher ? { dispatcher: context.network.dispatcher } : {}) },
      report
    )
    context.stdout.write(action.kind === 'nothing' ? 'No open report issue and nothing to report.\n' : `Report issue #${action.number} ${action.kind}: ${action.url}\n`)
    return 0
  } catch (error) {
    if (!(error instanceof IssueApiError)) throw error
    context.stderr.write(`error: ${error.message}. The report is in ${path.relative(context.cwd, file)}${context.env.GITHUB_STEP_SUMMARY ? ' and the job summary' : ''}.\n`)
    return issueRefused
  }
}
