/**
 * The checks' results as report items: each with its section (what to do),
 * its subject (what it is about, stable across runs: a URL, an arXiv ID) and
 * the entries it concerns; and, per check, the subjects this run could not
 * verify. Pure.
 */
import { arxivFromUrl } from '../core/arxiv.ts'
import type { PapersFile } from '../core/model.ts'
import type { CheckInput, CheckName, FindingResult, LinkResult } from './inputs.ts'

/** Sections, most actionable first. */
export const sections = ['dead', 'moved', 'repos', 'drift', 'failing'] as const
export type Section = (typeof sections)[number]

export interface ReportItem {
  check: CheckName
  section: Section
  /** What it is about, the same from run to run. */
  subject: string
  entries: Array<{ key?: string; title: string; line?: number }>
  url?: string
  text: string
  /** When it was found, for an item kept from an earlier run because this run could not check it again. */
  since?: string
}

export interface CheckItems {
  check: CheckName
  items: ReportItem[]
  /** Subjects this run could not verify, with why. */
  unverified: Map<string, { reason: string; item: Omit<ReportItem, 'section'> }>
}

export function itemsOf(input: Extract<CheckInput, { state: 'read' }>, data: PapersFile): CheckItems {
  if (input.check === 'links') return linkItems(input.report.links)
  return findingItems(input.check, input.report.findings, data)
}

function linkItems(links: readonly LinkResult[]): CheckItems {
  const items: ReportItem[] = []
  const unverified: CheckItems['unverified'] = new Map()
  for (const link of links) {
    const base = { check: 'links' as const, subject: link.url, entries: link.entries, url: link.url }
    if (link.group === 'dead') items.push({ ...base, section: 'dead', text: `${link.evidence.reason}${link.failing ? `, failing since ${link.failing.since.slice(0, 10)} (${link.failing.runs} runs)` : ''}` })
    else if (link.group === 'moved') items.push({ ...base, section: 'moved', text: `moved permanently to ${link.target ?? 'another address'} (fix: \`npm run check:links -- --fix\`)` })
    else if (link.group === 'failing') items.push({ ...base, section: 'failing', text: `${link.evidence.reason}, failing since ${link.failing?.since.slice(0, 10) ?? 'this run'} (${link.failing?.runs ?? 1} run${link.failing?.runs === 1 ? '' : 's'})` })
    else if (link.group === 'blocked' || link.group === 'transient') unverified.set(link.url, { reason: link.evidence.reason, item: { ...base, text: link.evidence.reason } })
  }
  return { check: 'links', items, unverified }
}

function findingItems(check: 'arxiv' | 'repos', findings: readonly FindingResult[], data: PapersFile): CheckItems {
  const items: ReportItem[] = []
  const unverified: CheckItems['unverified'] = new Map()
  for (const finding of findings) {
    // Notes (a category not yet recorded) are for the maintainer's `--fix`, not problems to report.
    if (finding.severity === 'info') continue
    const { subject, entry } = subjectOf(check, finding, data)
    const base = { check, subject, entries: entry ? [{ ...(entry.key !== undefined ? { key: entry.key } : {}), title: entry.title, line: finding.line }] : [{ title: `line ${finding.line}`, line: finding.line }] }
    const text = `${finding.message}${finding.fixable ? ' (fixable with `--fix`)' : ''}`
    if (finding.ruleId.endsWith('/unverified')) {
      unverified.set(subject, { reason: finding.message.replace(/^Could not verify `[^`]*`: /, ''), item: { ...base, text } })
      continue
    }
    const section = check === 'arxiv' ? 'drift' : finding.ruleId === 'repos/moved' ? 'moved' : 'repos'
    items.push({ ...base, section, text })
  }
  return { check, items, unverified }
}

/** A finding's subject: the repository URL, or the entry's arXiv ID, from its pointer into papers.json. */
function subjectOf(check: 'arxiv' | 'repos', finding: FindingResult, data: PapersFile) {
  const match = /^\/entries\/(\d+)(?:\/links\/(\d+))?/.exec(finding.pointer ?? '')
  const entry = match ? data.entries[Number(match[1])] : undefined
  if (!entry) return { subject: `${check}:line ${finding.line}:${finding.message}`, entry }
  if (check === 'repos') {
    const url = match?.[2] !== undefined ? entry.links?.[Number(match[2])]?.url : undefined
    return { subject: url ?? `repos:${entry.key ?? entry.title}`, entry }
  }
  const id = entry.links?.map((link) => arxivFromUrl(link.url)).find((parsed) => parsed !== undefined)?.id
  return { subject: id ?? `arxiv:${entry.key ?? entry.title}`, entry }
}
