/**
 * `report [--issue]`: the link, arXiv and repository results as one report:
 * in full in `reports/report.md`, within 1 MiB in the job summary, within
 * GitHub's 65,536 characters in the one report issue (`--issue`). A check
 * whose file is missing, empty or unreadable is "not verified": its earlier
 * items stand in for it, and the issue is never closed or emptied for it.
 * Exit 0 when every check was verified, 5 when not (the job says why), 4
 * when GitHub refused the issue (the report is still written).
 */
import { appendFile } from 'node:fs/promises'
import path from 'node:path'
import { mergeServiceOptions } from '../checkers/services.ts'
import { exitCodes, FindingsError, UsageError } from '../core/errors.ts'
import { loadPapers } from '../core/load.ts'
import { readConfig } from '../io/config.ts'
import { readText, readTextIfExists, writeIfChanged } from '../io/files.ts'
import { readJsonCache } from '../io/json-cache.ts'
import { composeReport, type ComposeOptions } from '../reporting/compose.ts'
import { GithubApiError } from '../reporting/github-api.ts'
import { checkFiles, checkNames, checkTitles, readCheck, type CheckInput } from '../reporting/inputs.ts'
import { inactivityWarning } from '../reporting/inactivity.ts'
import { bodyLimit, reportMarker, syncReportIssue, type IssueDecision } from '../reporting/issue.ts'
import { isReportState, mergeWithState, type Merged, type ReportState } from '../reporting/state.ts'
import type { CommandContext } from './context.ts'
import { githubApiFor, systemClock } from './metadata.ts'

export interface ReportOptions {
  data: string
  config?: string
  reports: string
  issue: boolean
  label: string
  /** What the report knew at its last run (kept with the checks' caches). */
  state: string
  /** When the repository last had a commit (`git log -1 --format=%cI`), to warn before GitHub disables the schedule. */
  lastActivity?: string
}

/** Exit code when GitHub refuses the issue update (the report itself is written). */
export const issueRefused = exitCodes.reportRefused

/** GitHub drops a job summary over 1 MiB. */
const summaryLimit = 1024 * 1024

export async function reportCommand(options: ReportOptions, context: CommandContext): Promise<number> {
  const dataFile = path.resolve(context.cwd, options.data)
  const shown = path.relative(context.cwd, dataFile) || dataFile
  const config = await readConfig(dataFile, options.config, context.cwd)
  const { data } = loadPapers(await readText(dataFile, shown), shown, config)
  const folder = path.resolve(context.cwd, options.reports)
  const inputs = await Promise.all(
    checkNames.map(async (check): Promise<CheckInput> => {
      try {
        return readCheck(check, await readTextIfExists(path.join(folder, checkFiles[check])))
      } catch (error) {
        // A report that cannot be read (a folder, no permission, not UTF-8) is as unverified as a missing one.
        const reason = error instanceof FindingsError ? error.findings[0]!.message : (error as Error).message
        return { check, state: 'not-verified', why: `${checkFiles[check]} cannot be read (${reason})` }
      }
    })
  )

  const stateFile = path.resolve(path.dirname(dataFile), options.state)
  const previous = await readJsonCache<ReportState | undefined>(stateFile, isReportState, () => undefined)
  const clock = context.clock ?? systemClock
  const now = new Date(clock.now()).toISOString()
  const merged = mergeWithState(inputs, data, previous, now)
  await writeIfChanged(stateFile, JSON.stringify(merged.state, null, 2) + '\n')

  const links = inputs.find((input) => input.check === 'links' && input.state === 'read') as Extract<(typeof inputs)[number], { check: 'links'; state: 'read' }> | undefined
  const env = context.env
  const run = env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID ? `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}` : undefined
  const inactivity = inactivityWarning(options.lastActivity, clock.now())
  const base: Omit<ComposeOptions, 'budget'> = { dataFile: shown, checkedAt: links?.report.checkedAt ?? now, ...(run ? { fullReport: run } : {}), ...(inactivity ? { warnings: [inactivity] } : {}) }
  if (inactivity) context.stderr.write(`${env.GITHUB_ACTIONS === 'true' ? '::warning title=Schedule::' : 'warning: '}${inactivity}\n`)

  const full = composeReport(merged, { ...base, budget: Number.POSITIVE_INFINITY })
  const file = path.join(folder, 'report.md')
  await writeIfChanged(file, `# ${full.title}\n\n${full.body}`)
  if (env.GITHUB_STEP_SUMMARY) await appendFile(env.GITHUB_STEP_SUMMARY, withinBytes(merged, base, summaryLimit - 4_096))
  context.stdout.write(`${full.title}\nReport: ${path.relative(context.cwd, file)}\n`)
  for (const { check, why, kept } of merged.notVerified) context.stderr.write(`not verified: ${checkTitles[check]}: ${why}${kept ? '; its items from the last verified run stand in' : ''}\n`)
  const verdict = merged.complete ? exitCodes.ok : exitCodes.unverified
  if (!options.issue) return verdict

  const repository = env.GITHUB_REPOSITORY
  const token = env.GITHUB_TOKEN
  if (!repository || !token) throw new UsageError('`--issue` needs GITHUB_REPOSITORY (owner/name) and GITHUB_TOKEN; in Actions, pass `secrets.GITHUB_TOKEN` as GITHUB_TOKEN')
  const services = mergeServiceOptions(config.services as never)
  const decision = decide(merged)
  const issue = composeReport(merged, { ...base, budget: bodyLimit - reportMarker.length - 8 })
  try {
    const action = await syncReportIssue(githubApiFor(context, services, repository, token), options.label, issue, decision.action)
    const duplicates = action.duplicatesClosed > 0 ? ` (${action.duplicatesClosed} duplicate${action.duplicatesClosed === 1 ? '' : 's'} closed)` : ''
    if (action.kind === 'nothing') context.stdout.write(`No open report issue, ${decision.action === 'leave' ? `and none opened: ${decision.why}` : 'and nothing to report'}.${duplicates}\n`)
    else context.stdout.write(`Report issue #${action.number} ${action.kind === 'left' ? `left as it is: ${decision.why}` : action.kind}: ${action.url}${duplicates}\n`)
    return verdict
  } catch (error) {
    if (!(error instanceof GithubApiError)) throw error
    context.stderr.write(`error: ${error.message}. The report is in ${path.relative(context.cwd, file)}${env.GITHUB_STEP_SUMMARY ? ' and the job summary' : ''}.\n`)
    return issueRefused
  }
}

/** Update when there is something to fix; close only when every check was verified and passes; else leave the issue as it is. */
function decide(merged: Merged): { action: IssueDecision; why: string } {
  if (merged.blind.length > 0) return { action: 'leave', why: `${merged.blind.map((check) => checkTitles[check]).join(' and ')} could not be verified, and no earlier run can stand in` }
  if (merged.items.length > 0) return { action: 'update', why: '' }
  if (merged.complete) return { action: 'close', why: '' }
  return { action: 'leave', why: 'nothing to fix among what was verified, but not everything was' }
}

/** The report within `limit` bytes of UTF-8: composed with a character budget, smaller until it fits. */
function withinBytes(merged: Merged, base: Omit<ComposeOptions, 'budget'>, limit: number): string {
  let budget = limit
  for (;;) {
    const report = composeReport(merged, { ...base, budget })
    const text = `# ${report.title}\n\n${report.body}`
    const bytes = Buffer.byteLength(text)
    if (bytes <= limit || budget < 1_000) return text
    budget = Math.floor((budget * limit) / bytes) - 1_000
  }
}
