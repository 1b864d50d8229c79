/**
 * Keeps exactly one open issue with the scheduled report, through GitHub's
 * REST API (base URL is configuration): create it when there is something to
 * report, update its body later (never a second issue), close it with a
 * comment when everything is fine again.
 */
import { request, type Dispatcher } from 'undici'

export const reportMarker = '<!-- paper-list:scheduled-report -->'

export interface IssueApi {
  baseUrl: string
  /** `owner/name`. */
  repository: string
  token: string
  label: string
  userAgent: string
  dispatcher?: Dispatcher
}

/** GitHub answered with an error: the report is kept elsewhere, the step fails. */
export class IssueApiError extends Error {
  constructor(
    readonly status: number,
    message: string
  ) {
    super(message)
  }
}

export type IssueAction = { kind: 'created' | 'updated' | 'closed'; number: number; url: string } | { kind: 'nothing' }

async function call(api: IssueApi, method: string, path: string, body?: unknown): Promise<unknown> {
  const response = await request(`${api.baseUrl.replace(/\/$/, '')}/repos/${api.repository}${path}`, {
    method: method as 'GET',
    ...(api.dispatcher ? { dispatcher: api.dispatcher } : {}),
    headers: {
      accept: 'application/vnd.github+json',
      authorization: `Bearer ${api.token}`,
      'x-github-api-version': '2022-11-28',
      'user-agent': api.userAgent,
      ...(body ? { 'content-type': 'application/json' } : {})
    },
    ...(body ? { body: JSON.stringify(body) } : {})
  })
  const text = await response.body.text()
  if (response.statusCode >= 400) {
    let message = text
    try {
      message = (JSON.parse(text) as { message?: string }).message ?? text
    } catch {
      // Not JSON: keep the text.
    }
    const hint =
      response.statusCode === 401 || response.statusCode === 403
        ? response.headers['x-ratelimit-remaining'] === '0'
          ? 'the rate limit is reached; retry after it resets'
          : 'give the workflow `permissions: issues: write`'
        : response.statusCode === 404
          ? `check that ${api.repository} exists and the token can see it`
          : response.statusCode === 429
            ? 'GitHub rate-limited the request; retry later'
            : 'retry later'
    throw new IssueApiError(response.statusCode, `GitHub answered HTTP ${response.statusCode} to ${method} ${path.split('?')[0]}: ${message} (${hint})`)
  }
  return text ? JSON.parse(text) : undefined
}

/** Finds the open report issue (by label and marker). */
async function openReport(api: IssueApi): Promise<{ number: number; html_url: string } | undefined> {
  const issues = (await call(api, 'GET', `/issues?state=open&labels=${encodeURIComponent(api.label)}&per_page=100`)) as Array<{ number: number; body?: string | null; html_url: string; pull_request?: unknown }>
  return issues.find((issue) => !issue.pull_request && (issue.body ?? '').includes(reportMarker))
}

export async function syncReportIssue(api: IssueApi, report: { title: string; body: string; hasProblems: boolean }): Promise<IssueAction> {
  const existing = await openReport(api)
  const body = `${report.body.trimEnd()}\n\n${reportMarker}\n`
  if (report.hasProblems) {
    if (existing) {
      await call(api, 'PATCH', `/issues/${existing.number}`, { title: report.title, body })
      return { kind: 'updated', number: existing.number, url: existing.html_url }
    }
    const created = (await call(api, 'POST', '/issues', { title: report.title, body, labels: [api.label] })) as { number: number; html_url: string }
    return { kind: 'created', number: created.number, url: created.html_url }
  }
  if (!existing) return { kind: 'nothing' }
  await call(api, 'POST', `/issues/${existing.number}/comments`, { body: 'Every check passes again: closing this report. A new one opens when something breaks.' })
  await call(api, 'PATCH', `/issues/${existing.number}`, { state: 'closed', state_reason: 'completed' })
  return { kind: 'closed', number: existing.number, url: existing.html_url }
}
