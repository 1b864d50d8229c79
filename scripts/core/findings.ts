import { printable } from './printable.ts'

/**
 * Findings are positioned data: produced by the pure core, formatted once,
 * at the edge (`formatFinding`).
 */
export type Severity = 'error' | 'warning' | 'info'

export interface Finding {
  /** Stable id of what produced the finding, e.g. `data/unknown-venue`. */
  ruleId: string
  severity: Severity
  /** What was found and what was expected, values in backticks. */
  message: string
  file: string
  /** 1-based. */
  line: number
  /** 1-based. */
  column: number
  /** JSON pointer of the value, for findings in JSON files. */
  pointer?: string
  /** What to do about it. */
  hint?: string
  /** Edits that fix it; `safe` ones are applied by `--fix`. */
  fix?: { safe: boolean; edits: Edit[] }
}

/** Sets the value at a JSON pointer (`''` is the whole file). */
export interface Edit {
  pointer: string
  value: unknown
}

/** `papers.json:12:5  error  message (hint)  rule-id` */
export function formatFinding(finding: Finding): string {
  const hint = finding.hint ? ` (${finding.hint})` : ''
  const fixable = finding.fix?.safe ? ' (fixable)' : ''
  // One line whatever the data holds: no line break, no terminal escape, no `::command` of its own.
  return printable(`${finding.file}:${finding.line}:${finding.column}  ${finding.severity}  ${finding.message}${fixable}${hint}  ${finding.ruleId}`)
}

export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((finding) => finding.severity === 'error')
}
