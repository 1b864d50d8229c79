/** Findings formatted once, at the edge: for people, for tools, for GitHub Actions. */
import { styleText } from 'node:util'
import type { Finding } from './findings.ts'
import { printable } from './printable.ts'

export interface HumanOptions {
  color: boolean
  /** The command that applies the safe fixes, named in the summary. */
  fixCommand?: string
}

/** Grouped by file, one line per finding, then a summary line with counts. */
export function formatHuman(findings: readonly Finding[], options: HumanOptions): string {
  const paint = (format: Parameters<typeof styleText>[0], text: string) => (options.color ? styleText(format, text) : text)
  const byFile = new Map<string, Finding[]>()
  for (const finding of findings) byFile.set(finding.file, [...(byFile.get(finding.file) ?? []), finding])
  const lines: string[] = []
  for (const [file, list] of byFile) {
    lines.push(paint('underline', printable(file)))
    const width = Math.max(...list.map((finding) => `${finding.line}:${finding.column}`.length))
    for (const finding of list) {
      const place = `${finding.line}:${finding.column}`.padEnd(width)
      const severity = finding.severity === 'error' ? paint('red', 'error  ') : finding.severity === 'warning' ? paint('yellow', 'warning') : paint('cyan', 'info   ')
      const fixable = finding.fix?.safe ? ' (fixable)' : ''
      const hint = finding.hint ? paint('dim', ` (${printable(finding.hint)})`) : ''
      lines.push(`  ${paint('dim', place)}  ${severity}  ${printable(finding.message)}${fixable}${hint}  ${paint('dim', finding.ruleId)}`)
    }
    lines.push('')
  }
  lines.push(summary(findings, options, paint))
  return lines.join('\n') + '\n'
}

function summary(findings: readonly Finding[], options: HumanOptions, paint: (format: Parameters<typeof styleText>[0], text: string) => string): string {
  const errors = findings.filter((finding) => finding.severity === 'error').length
  const warnings = findings.filter((finding) => finding.severity === 'warning').length
  const fixable = findings.filter((finding) => finding.fix?.safe).length
  if (findings.length === 0) return paint('green', '✔ no problems')
  const notes = findings.length - errors - warnings
  const counts = `${findings.length} problem${findings.length === 1 ? '' : 's'} (${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}${notes > 0 ? `, ${notes} info` : ''})`
  const fixes = fixable > 0 && options.fixCommand ? `, ${fixable} fixable with \`${options.fixCommand}\`` : ''
  return paint(errors > 0 ? 'red' : 'yellow', `✖ ${counts}${fixes}`)
}

/** A JSON document for tools: findings (fix edits left out) and counts. */
export function formatJson(findings: readonly Finding[], extra: Record<string, unknown> = {}): string {
  const list = findings.map(({ fix, ...finding }) => ({ ...finding, fixable: fix?.safe === true }))
  const errors = findings.filter((finding) => finding.severity === 'error').length
  const warnings = findings.filter((finding) => finding.severity === 'warning').length
  return terminalSafeJson({ findings: list, summary: { errors, warnings, ...(findings.length > errors + warnings ? { info: findings.length - errors - warnings } : {}), fixable: list.filter((finding) => finding.fixable).length }, ...extra })
}

/** Indented JSON and a line break. JSON.stringify escapes C0 controls and lone surrogates; DEL, C1 and bidirectional controls too, so the JSON is safe on a terminal. */
export function terminalSafeJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/[\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`) + '\n'
}

/** `::error file=…,line=…,col=…,title=rule::message`, which GitHub shows on the pull request's lines. */
export function formatAnnotations(findings: readonly Finding[]): string {
  return findings
    .map((finding) => {
      const level = finding.severity === 'error' ? 'error' : finding.severity === 'warning' ? 'warning' : 'notice'
      // Data in a message can neither end the command's line nor carry a terminal escape.
      const message = escapeData(printable(`${finding.message}${finding.fix?.safe ? ' (fixable: npm run fix)' : ''}${finding.hint ? ` (${finding.hint})` : ''}`))
      return `::${level} file=${escapeProperty(finding.file)},line=${finding.line},col=${finding.column},title=${escapeProperty(finding.ruleId)}::${message}\n`
    })
    .join('')
}

// Escaping as GitHub's toolkit does (`@actions/core` command.ts).
function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}

function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C')
}

