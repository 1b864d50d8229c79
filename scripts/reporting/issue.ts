/**
 * Keeps exactly one open issue with the scheduled report. The issue is found
 * by its hidden marker on every page of the open issues, not by its label
 * (a label can be removed, or dropped for lack of rights); duplicates left by
 * earlier runs are closed as such. The label is created
 * when missing; if it cannot be, the issue goes without it and the marker
 * still finds it next time. What to do (update, close, leave) is decided by
 * the caller, from what the checks could verify.
 */
import { GithubApiError, githubCall, githubList, type GithubApi } from './github-api.ts'

export const reportMarker = '<!-- paper-list:scheduled-report -->'

/** GitHub's limits: an issue body is at most 65,536 characters, a title 256. */
export const bodyLimit = 65_536
export const titleLimit = 256

export type IssueDecision = 'update' | 'close' | 'leave'

export type IssueAction = { kind: 'created' | 'updated' | 'closed' | 'left'; number: number; url: string; duplicatesClosed: number } | { kind: 'nothing'; duplicatesClosed: number }

interface Issue {
  number: number
  html_url: string
  body?: string | null
  pull_request?: unknown
  labels?: Array<{ name?: string } | string>
}

export async function syncReportIssue(api: GithubApi, label: string, report: { title: string; body: string }, decision: IssueDecision): Promise<IssueAction> {
  const found = await findReportIssues(api)
  const [existing, ...duplicates] = found
  for (const duplicate of duplicates) {
    await githubCall(api, 'POST', `/repos/${api.repository}/issues/${duplicate.number}/comments`, { body: `Duplicate of #${existing!.number}, which keeps the scheduled report.` })
    await githubCall(api, 'PATCH', `/repos/${api.repository}/issues/${duplicate.number}`, { state: 'closed', state_reason: 'not_planned' })
  }
  const closed = duplicates.length
  const body = `${report.body.trimEnd()}\n\n${reportMarker}\n`
  const title = report.title.length > titleLimit ? `${report.title.slice(0, titleLimit - 1)}…` : report.title
  if (decision === 'leave') return existing ? { kind: 'left', number: existing.number, url: existing.html_url, duplicatesClosed: closed } : { kind: 'nothing', duplicatesClosed: closed }
  if (decision === 'close') {
    if (!existing) return { kind: 'nothing', duplicatesClosed: closed }
    await githubCall(api, 'POST', `/repos/${api.repository}/issues/${existing.number}/comments`, { body: 'Every check passes again: closing this report. A new one opens when something breaks.' })
    await githubCall(api, 'PATCH', `/repos/${api.repository}/issues/${existing.number}`, { state: 'closed', state_reason: 'completed' })
    return { kind: 'closed', number: existing.number, url: existing.html_url, duplicatesClosed: closed }
  }
  const labelled = await ensureLabel(api, label)
  if (existing) {
    await githubCall(api, 'PATCH', `/repos/${api.repository}/issues/${existing.number}`, { title, body })
    const names = (existing.labels ?? []).map((item) => (typeof item === 'string' ? item : item.name))
    if (labelled && !names.includes(label)) await githubCall(api, 'POST', `/repos/${api.repository}/issues/${existing.number}/labels`, { labels: [label] }).catch(() => undefined)
    return { kind: 'updated', number: existing.number, url: existing.html_url, duplicatesClosed: closed }
  }
  const { data } = await githubCall<{ number: number; html_url: string }>(api, 'POST', `/repos/${api.repository}/issues`, { title, body, ...(labelled ? { labels: [label] } : {}) })
  return { kind: 'created', number: data.number, url: data.html_url, duplicatesClosed: closed }
}

/** Open issues (not pull requests) carrying the marker, oldest first, from every page: a label can be removed or dropped, the marker stays. */
async function findReportIssues(api: GithubApi): Promise<Issue[]> {
  const issues = await githubList<Issue>(api, `/repos/${api.repository}/issues?state=open&per_page=100`)
  return issues.filter((issue) => !issue.pull_request && (issue.body ?? '').includes(reportMarker)).sort((a, b) => a.number - b.number)
}

/** Whether the label exists now: created when missing; `false` when the token may not create it. */
async function ensureLabel(api: GithubApi, label: string): Promise<boolean> {
  try {
    await githubCall(api, 'GET', `/repos/${api.repository}/labels/${encodeURIComponent(label)}`)
    return true
  } catch (error) {
    if (!(error instanceof GithubApiError) || error.status !== 404) throw error
  }
  try {
    await githubCall(api, 'POST', `/repos/${api.repository}/labels`, { name: label, color: 'd93f0b', description: 'The scheduled link and metadata report' })
    return true
  } catch (error) {
    // No right to create labels (403), or created meanwhile (422): the marker finds the issue either way.
    if (error instanceof GithubApiError && (error.status === 403 || error.status === 422)) return error.status === 422
    throw error
  }
}
