/**
 * What the report knew at the last run that could verify it, so that a check
 * that cannot run (or cannot reach some subjects) never empties the report:
 * a subject this run could not verify keeps its earlier item, marked with
 * when it was found; a check whose file is unusable keeps all of its items.
 * Only verified items are ever stored. Pure.
 */
import type { PapersFile } from '../core/model.ts'
import type { CheckInput, CheckName } from './inputs.ts'
import { itemsOf, type ReportItem } from './items.ts'

export interface ReportState {
  version: 1
  checks: Partial<Record<CheckName, { verifiedAt: string; items: ReportItem[] }>>
}

export interface Unverified {
  check: CheckName
  subject: string
  reason: string
  item: Omit<ReportItem, 'section'>
}

export interface Merged {
  /** What to fix: this run's items and the ones kept for what it could not verify. */
  items: ReportItem[]
  /** Subjects this run could not verify. */
  unverified: Unverified[]
  /** Checks whose report was unusable: why, and whether earlier items stand in for them. */
  notVerified: Array<{ check: CheckName; why: string; kept: boolean }>
  /** Every check read, none stopped short: only then may a clean report close the issue. */
  complete: boolean
  /** Checks not verified now and never before: nothing can stand in for them, so the issue must stay as it is. */
  blind: CheckName[]
  /** What to store for the next run. */
  state: ReportState
}

export function mergeWithState(inputs: readonly CheckInput[], data: PapersFile, previous: ReportState | undefined, now: string): Merged {
  const merged: Merged = { items: [], unverified: [], notVerified: [], complete: true, blind: [], state: { version: 1, checks: {} } }
  for (const input of inputs) {
    const before = previous?.checks[input.check]
    const kept = (items: readonly ReportItem[]) => items.map((item) => ({ ...item, since: item.since ?? before!.verifiedAt }))
    if (input.state === 'not-verified') {
      merged.complete = false
      merged.notVerified.push({ check: input.check, why: input.why, kept: before !== undefined })
      if (!before) {
        merged.blind.push(input.check)
        continue
      }
      merged.items.push(...kept(before.items))
      merged.state.checks[input.check] = before
      continue
    }
    const current = itemsOf(input, data)
    // One site's bot wall is about that link; a service that stopped answering is about the whole check.
    if (input.stoppedShort) {
      merged.complete = false
      merged.notVerified.push({ check: input.check, why: input.stoppedShort, kept: before !== undefined })
    }
    for (const [subject, { reason, item }] of current.unverified) merged.unverified.push({ check: input.check, subject, reason, item })
    // An earlier item about a subject this run could not check again still stands.
    const found = new Set(current.items.map((item) => item.subject))
    const carried = before ? kept(before.items.filter((item) => current.unverified.has(item.subject) && !found.has(item.subject))) : []
    merged.items.push(...current.items, ...carried)
    merged.state.checks[input.check] = { verifiedAt: now, items: [...current.items, ...carried] }
  }
  return merged
}

/** Whether a parsed state file can be used; a damaged one is as good as none. */
export function isReportState(value: unknown): value is ReportState {
  if (typeof value !== 'object' || value === null || (value as ReportState).version !== 1) return false
  const checks = (value as ReportState).checks
  if (typeof checks !== 'object' || checks === null) return false
  return Object.values(checks).every((check) => typeof check?.verifiedAt === 'string' && Array.isArray(check.items) && check.items.every((item) => typeof item?.subject === 'string' && typeof item.text === 'string' && typeof item.section === 'string' && Array.isArray(item.entries)))
}
