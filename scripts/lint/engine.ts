/**
 * The linter: parse with positions → duplicate keys → schema → rules, every
 * problem in one pass as positioned findings; and `--fix`, which applies the
 * safe fixes until nothing changes.
 */
import type { Config } from '../core/config.ts'
import { FindingsError } from '../core/errors.ts'
import type { Finding } from '../core/findings.ts'
import { setAt } from '../core/edits.ts'
import { parseJsonDocument, type JsonDocument } from '../core/json-source.ts'
import type { PapersFile } from '../core/model.ts'
import { schemaFindings } from '../core/schema.ts'
import { serializePapers } from '../core/serialize.ts'
import { rules } from '../rules/index.ts'
import { duplicateKeyFindings } from './duplicate-keys.ts'

export interface RuleSelection {
  /** Run only these rules, each at error level (what `generate` needs). */
  only?: readonly string[]
}

/** Findings of the rules on a parsed document. */
export function ruleFindings(document: JsonDocument, config: Config, selection: RuleSelection = {}): Finding[] {
  const findings: Finding[] = []
  const data = document.value as PapersFile
  for (const rule of rules) {
    if (selection.only && !selection.only.includes(rule.id)) continue
    const setting = selection.only ? 'error' : (config.lint.rules[rule.id] ?? rule.severity)
    if (setting === 'off') continue
    const found: Finding[] = []
    try {
      rule.check({
        data,
        document,
        config,
        lineOf: (pointer) => document.locate(pointer).line,
        report(report) {
          const position = report.line !== undefined ? { line: report.line, column: 1 } : document.locate(report.pointer)
          found.push({
            ruleId: rule.id,
            severity: setting === 'warn' ? 'warning' : 'error',
            file: document.file,
            ...position,
            pointer: report.pointer,
            message: report.message,
            ...(report.hint ? { hint: report.hint } : {}),
            ...(report.edits ? { fix: { safe: rule.fix === 'safe', edits: report.edits } } : {})
          })
        }
      })
    } catch (error) {
      // A value of the wrong shape: the schema findings already say where.
      if (error instanceof TypeError) continue
      throw error
    }
    findings.push(...found)
  }
  return findings
}

/** Every problem of a `papers.json` text, sorted by place. */
export function lintText(text: string, file: string, config: Config): Finding[] {
  let document: JsonDocument
  try {
    document = parseJsonDocument(text, file)
  } catch (error) {
    if (error instanceof FindingsError) return error.findings
    throw error
  }
  const fromRules = ruleFindings(document, config)
  // A rule that can fix a value says more than the schema's pattern error about it.
  const fixed = new Set(fromRules.filter((finding) => finding.fix?.safe).map((finding) => finding.pointer))
  const fromSchema = schemaFindings(document).filter((finding) => !(finding.ruleId === 'schema/pattern' && fixed.has(finding.pointer)))
  return [...duplicateKeyFindings(document), ...fromSchema, ...fromRules].sort((a, b) => a.line - b.line || a.column - b.column)
}

export interface FixResult {
  /** The fixed text; the input when nothing could be fixed. */
  text: string
  /** What is left after fixing. */
  findings: Finding[]
  /** How many findings were fixed. */
  fixed: number
  /** Why nothing was fixed, when fixing was not safe at all. */
  refused?: string
}

/** Applies safe fixes, pass after pass, until none is left; never drops data. */
export function fixText(text: string, file: string, config: Config): FixResult {
  let current = text
  let fixed = 0
  for (let pass = 0; pass < 20; pass++) {
    const findings = lintText(current, file, config)
    const blocking = findings.find((finding) => finding.ruleId === 'json/syntax' || finding.ruleId === 'json/duplicate-key')
    if (blocking) return { text: current, findings, fixed, refused: `${file} cannot be rewritten until ${blocking.ruleId === 'json/syntax' ? 'it is valid JSON' : 'its duplicate keys are merged by hand'}` }
    const fixes = findings.filter((finding) => finding.fix?.safe)
    if (fixes.length === 0) return { text: current, findings, fixed }
    let data: unknown = JSON.parse(current.replace(/^\uFEFF/, ''))
    const touched: string[] = []
    for (const finding of fixes) {
      const pointers = finding.fix!.edits.map((edit) => edit.pointer)
      if (pointers.some((pointer) => touched.some((other) => related(pointer, other)))) continue
      for (const edit of finding.fix!.edits) data = setAt(data, edit.pointer, edit.value)
      touched.push(...pointers)
      fixed++
    }
    current = serializePapers(data as PapersFile)
  }
  throw new Error('Fixes did not settle after 20 passes; a rule undoes another')
}

/** Whether two pointers overlap: one is the other or inside it. */
function related(a: string, b: string): boolean {
  return a === b || a === '' || b === '' || a.startsWith(`${b}/`) || b.startsWith(`${a}/`)
}
