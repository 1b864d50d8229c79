/**
 * What each check left in `reports/`, judged before anything believes it: a
 * file that is missing, empty, cut short or of another shape is "not
 * verified", never "no findings"; a link run in which no host answered is
 * not verified either; a check whose service stopped answering partway is
 * read, but stopped short. Pure: file texts in, states out.
 */
import { answerValidator } from '../checkers/answer-schema.ts'

export type CheckName = 'links' | 'arxiv' | 'repos'
export const checkNames: readonly CheckName[] = ['links', 'arxiv', 'repos']
export const checkFiles: Record<CheckName, string> = { links: 'links.json', arxiv: 'arxiv.json', repos: 'repos.json' }
export const checkTitles: Record<CheckName, string> = { links: 'links', arxiv: 'arXiv metadata', repos: 'code repositories' }

export interface LinkResult {
  url: string
  group: string
  target?: string
  failing?: { since: string; runs: number }
  evidence: { reason: string }
  entries: Array<{ key?: string; title: string; line: number }>
}

export interface FindingResult {
  ruleId: string
  severity: string
  line: number
  pointer?: string
  message: string
  fixable?: boolean
}

export type LinksReport = { checkedAt: string; summary?: { networkDown?: boolean }; links: LinkResult[] }
export type FindingsReport = { findings: FindingResult[]; outage?: string }

export type CheckInput =
  | { check: 'links'; state: 'read'; report: LinksReport; stoppedShort?: string }
  | { check: 'arxiv' | 'repos'; state: 'read'; report: FindingsReport; stoppedShort?: string }
  | { check: CheckName; state: 'not-verified'; why: string }

const validateLinks = answerValidator<LinksReport>({
  type: 'object',
  required: ['checkedAt', 'links'],
  properties: {
    checkedAt: { type: 'string', minLength: 1 },
    summary: { type: 'object', properties: { networkDown: { type: 'boolean' } } },
    links: {
      type: 'array',
      items: {
        type: 'object',
        required: ['url', 'group', 'evidence', 'entries'],
        properties: {
          url: { type: 'string', minLength: 1 },
          group: { enum: ['dead', 'failing', 'moved', 'redirected', 'blocked', 'transient', 'skipped', 'alive'] },
          target: { type: 'string' },
          failing: { type: 'object', required: ['since', 'runs'], properties: { since: { type: 'string' }, runs: { type: 'integer' } } },
          evidence: { type: 'object', required: ['reason'], properties: { reason: { type: 'string' } } },
          entries: { type: 'array', items: { type: 'object', required: ['title', 'line'], properties: { key: { type: 'string' }, title: { type: 'string' }, line: { type: 'integer' } } } }
        }
      }
    }
  }
})

const validateFindings = answerValidator<FindingsReport>({
  type: 'object',
  required: ['findings', 'summary'],
  properties: {
    summary: { type: 'object' },
    outage: { type: 'string' },
    findings: {
      type: 'array',
      items: {
        type: 'object',
        required: ['ruleId', 'severity', 'line', 'message'],
        properties: { ruleId: { type: 'string' }, severity: { type: 'string' }, line: { type: 'integer' }, pointer: { type: 'string' }, message: { type: 'string' }, fixable: { type: 'boolean' } }
      }
    }
  }
})

/** One check's file, as read (`undefined`: there is no such file). */
export function readCheck(check: CheckName, text: string | undefined): CheckInput {
  const file = checkFiles[check]
  if (text === undefined) return { check, state: 'not-verified', why: `${file} is missing (the check did not run, or crashed before writing it)` }
  if (text.trim() === '') return { check, state: 'not-verified', why: `${file} is empty (the check crashed, or printed nothing)` }
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    return { check, state: 'not-verified', why: `${file} is not complete JSON (${(error as Error).message}); it may have been cut short` }
  }
  if (check === 'links') {
    const links = validateLinks(value)
    if (!links.ok) return { check, state: 'not-verified', why: `${file} is not a link report (${links.problems.slice(0, 160)})` }
    if (links.value.summary?.networkDown) return { check, state: 'not-verified', why: 'no host answered during the link check (the network was down)' }
    return { check, state: 'read', report: links.value }
  }
  const findings = validateFindings(value)
  if (!findings.ok) return { check, state: 'not-verified', why: `${file} is not a findings report (${findings.problems.slice(0, 160)}); write it with \`--format json\`` }
  // The service stopped answering partway: what it answered stands, the rest is not verified.
  return { check, state: 'read', report: findings.value, ...(findings.value.outage ? { stoppedShort: findings.value.outage } : {}) }
}
