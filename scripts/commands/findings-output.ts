/**
 * The one way commands print findings: human (or JSON, or SARIF), plus
 * GitHub annotations in Actions (human only: JSON and SARIF stay
 * parseable). Findings that could not be verified for one and the same
 * reason (a service down for the whole run) are one line, not one per link;
 * JSON keeps every finding and adds the groups, SARIF every finding.
 */
import type { Finding } from '../core/findings.ts'
import { printable } from '../core/printable.ts'
import { formatAnnotations, formatHuman, formatJson, terminalSafeJson } from '../core/report.ts'
import { toSarif } from '../core/sarif.ts'
import type { CommandContext } from './context.ts'
import { tool } from './tool.ts'

export interface Unverified {
  count: number
  ruleId: string
  reason: string
}

/** Whether a finding says "could not verify" (`arxiv/unverified`, `repos/unverified`). */
export const isUnverified = (finding: Finding) => finding.ruleId.endsWith('/unverified')

export interface PrintOptions {
  fixCommand?: string
  /** What was checked, for the collapsed lines: `arXiv IDs`, `repositories`. */
  noun?: string
  /** Each finding's reason, for grouping; by default its message after ``Could not verify `…`: ``. */
  reasonOf?: (finding: Finding) => string
  /** Why the check stopped short (a service that stopped answering), for tools reading the JSON. */
  outage?: string
}

const reasonOfMessage = (finding: Finding) => finding.message.replace(/^Could not verify `[^`]*`: /, '')

export function printFindings(findings: readonly Finding[], format: string, context: CommandContext, options: PrintOptions | string = {}): void {
  const { fixCommand, noun = 'items', reasonOf = reasonOfMessage } = typeof options === 'string' ? ({ fixCommand: options } as PrintOptions) : options
  const { shown, groups } = collapseUnverified(findings, reasonOf)
  if (format === 'json') {
    context.stdout.write(jsonFindings(findings, typeof options === 'string' ? {} : options))
    return
  }
  if (format === 'sarif') {
    // Every finding at its own severity (unverified ones stay warnings), the outage as a note of the run.
    const outage = typeof options === 'string' ? undefined : options.outage
    context.stdout.write(terminalSafeJson(toSarif(findings, { tool, ...(fixCommand ? { fixCommand } : {}), ...(outage ? { notifications: [outage] } : {}) })))
    return
  }
  const color = context.env.NO_COLOR === undefined && context.env.CI === undefined && context.isTerminal === true
  if (shown.length > 0 || groups.length === 0) context.stdout.write(formatHuman(shown, { color, ...(fixCommand ? { fixCommand } : {}) }))
  for (const group of groups) context.stdout.write(`⚠ ${group.count} ${noun} not verified: ${printable(group.reason)}  ${group.ruleId}\n`)
  if (context.env.GITHUB_ACTIONS === 'true') {
    context.stdout.write(formatAnnotations(shown))
    for (const group of groups) context.stdout.write(`::warning title=${group.ruleId}::${printable(`${group.count} ${noun} not verified: ${group.reason}`).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')}\n`)
  }
}

/** The findings as JSON for tools and for `report`: every finding, the groups that could not be verified, the outage. */
export function jsonFindings(findings: readonly Finding[], options: Pick<PrintOptions, 'reasonOf' | 'outage'> = {}): string {
  const { groups } = collapseUnverified(findings, options.reasonOf ?? reasonOfMessage)
  return formatJson(findings, { ...(groups.length > 0 ? { unverified: groups } : {}), ...(options.outage ? { outage: options.outage } : {}) })
}

/** Unverified findings sharing a reason, when more than one does, become one group. */
export function collapseUnverified(findings: readonly Finding[], reasonOf: (finding: Finding) => string): { shown: Finding[]; groups: Unverified[] } {
  const byReason = new Map<string, Finding[]>()
  for (const finding of findings.filter(isUnverified)) {
    const key = `${finding.ruleId}\u0000${reasonOf(finding)}`
    byReason.set(key, [...(byReason.get(key) ?? []), finding])
  }
  const collapsed = new Set<Finding>()
  const groups: Unverified[] = []
  for (const [key, list] of byReason) {
    if (list.length < 2) continue
    list.forEach((finding) => collapsed.add(finding))
    const [ruleId, reason] = key.split('\u0000') as [string, string]
    groups.push({ count: list.length, ruleId, reason })
  }
  return { shown: findings.filter((finding) => !collapsed.has(finding)), groups }
}
