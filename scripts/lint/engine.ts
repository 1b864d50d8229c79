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
import { canonicalEntryOrder, canonicalVenueOrder } from '../core/order.ts'
import { serializePapers } from '../core/serialize.ts'
import { rules } from '../rules/index.ts'
import { duplicateKeyFindings } from './duplicate-keys.ts'

export interface RuleSelection {
  /** Run only these rules, each at error level (what `generate` needs). */
  only?: readonly string[]
  /** Leave these rules out. */
  skip?: readonly string[]
  /** Whether findings get their line and column (building the position tree of a large file costs seconds); default true. */
  positions?: boolean
}

/** Findings of the rules on a parsed document. */
export function ruleFindings(document: JsonDocument, config: Config, selection: RuleSelection = {}): Finding[] {
  const findings: Finding[] = []
  const data = document.value as PapersFile
  for (const rule of rules) {
    if (selection.only && !selection.only.includes(rule.id)) continue
    if (selection.skip?.includes(rule.id)) continue
    const setting = selection.only ? 'error' : (config.lint.rules[rule.id] ?? rule.severity)
    if (setting === 'off') continue
    const found: Finding[] = []
    try {
      rule.check({
        data,
        document,
        config,
        // A second place named in a message: rare, looked up one at a time.
        lineOf: (pointer) => document.locateMany([pointer]).get(pointer)!.line,
        report(report) {
          // Placed afterwards, all at once (`placeFindings`), in one pass over the text.
          const position = report.line !== undefined ? { line: report.line, column: 1 } : { line: 0, column: 0 }
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
  return selection.positions === false ? findings : placeFindings(document, findings)
}

/** Lines and columns for the findings that have none yet, from one streaming pass over the text (no position tree). */
export function placeFindings(document: JsonDocument, findings: Finding[]): Finding[] {
  const unplaced = findings.filter((finding) => finding.line === 0 && finding.pointer !== undefined)
  if (unplaced.length === 0) return findings
  const positions = document.locateMany(unplaced.map((finding) => finding.pointer!))
  return findings.map((finding) => (finding.line === 0 && finding.pointer !== undefined ? { ...finding, ...positions.get(finding.pointer)! } : finding))
}

/** Every problem of a `papers.json` text, sorted by place. */
export function lintText(text: string, file: string, config: Config, selection: Pick<RuleSelection, 'skip' | 'positions'> = {}): Finding[] {
  let document: JsonDocument
  try {
    document = parseJsonDocument(text, file)
  } catch (error) {
    if (error instanceof FindingsError) return error.findings
    throw error
  }
  return lintDocument(document, config, selection)
}

/** Every problem of a parsed `papers.json`, sorted by place. */
export function lintDocument(document: JsonDocument, config: Config, selection: Pick<RuleSelection, 'skip' | 'positions'> = {}): Finding[] {  const fromRules = ruleFindings(document, config, { ...selection, positions: false })
  // A rule that can fix a value says more than the schema's pattern error about it.
  const fixed = new Set(fromRules.filter((finding) => finding.fix?.safe).map((finding) => finding.pointer))
  const fromSchema = schemaFindings(document, false).filter((finding) => !(finding.ruleId === 'schema/pattern' && fixed.has(finding.pointer)))
  const all = [...duplicateKeyFindings(document), ...fromSchema, ...fromRules]
  return (selection.positions === false ? all : placeFindings(document, all)).sort((a, b) => a.line - b.line || a.column - b.column)
}

export interface FixResult {
  /** The fixed text; the input when nothing could be fixed. */
  text: string
  /** What is left after fixing. */
  findings: Finding[]
  /** How many findings were fixed. */
  fixed: number
  /** The findings whose fixes were applied, in order (without positions: the text they were found in is gone). */
  applied: Finding[]
  /** Why nothing was fixed, when fixing was not safe at all. */
  refused?: string
}

/**
 * Applies safe fixes, pass after pass, until none is left; never drops data.
 * The passes run the rules without positions (the position tree of a large
 * file costs more than the rules), and the canonical form (order and
 * formatting, the one fix that touches the whole file) is written once per
 * pass after the other edits, not fought over as an edit. Only what is left
 * at the end gets its place.
 */
export function fixText(text: string, file: string, config: Config, onPass?: (pass: number, fixable: number) => void): FixResult {
  const canonical = (config.lint.rules['file/canonical-order'] ?? 'error') !== 'off'
  const write = (data: PapersFile) => serializePapers(canonical ? { ...data, venues: canonicalVenueOrder(data.venues), entries: canonicalEntryOrder(data) } : data)
  let current = text
  let fixed = 0
  const applied: Finding[] = []
  for (let pass = 0; pass < 20; pass++) {
    let document: JsonDocument
    try {
      document = parseJsonDocument(current, file)
    } catch (error) {
      if (!(error instanceof FindingsError)) throw error
      return { text: current, findings: error.findings, fixed, applied, refused: `${file} cannot be rewritten until it is valid JSON` }
    }
    // The rules read the parsed value, then the edits change it in place: one parse a pass, not two.
    const findings = lintDocument(document, config, { positions: false, skip: ['file/canonical-order'] })
    const blocking = findings.find((finding) => finding.ruleId === 'json/duplicate-key')
    if (blocking) return { text: current, findings: lintText(current, file, config), fixed, applied, refused: `${file} cannot be rewritten until its duplicate keys are merged by hand` }
    const data = document.value as PapersFile
    if (!isShaped(data)) return { text: current, findings: lintText(current, file, config), fixed, applied }
    const fixes = findings.filter((finding) => finding.fix?.safe)
    onPass?.(pass + 1, fixes.length)
    // The canonical form counts as one fix, when the file was not in it (line endings aside).
    if (pass === 0 && canonical && write(data) !== current.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n')) fixed++
    if (fixes.length === 0) {
      if (pass === 0) current = write(data)
      return { text: current, findings: place(findings, current, file), fixed, applied }
    }
    const touched = new Touched()
    for (const finding of fixes) {
      const pointers = finding.fix!.edits.map((edit) => edit.pointer)
      if (pointers.some((pointer) => touched.overlaps(pointer))) continue
      for (const edit of finding.fix!.edits) setAt(data, edit.pointer, edit.value)
      pointers.forEach((pointer) => touched.add(pointer))
      applied.push(finding)
      fixed++
    }
    current = write(data)
  }
  throw new Error('Fixes did not settle after 20 passes; a rule undoes another')
}

/** The findings with their lines and columns in `text`. */
function place(findings: Finding[], text: string, file: string): Finding[] {
  if (!findings.some((finding) => finding.line === 0)) return findings
  return placeFindings(parseJsonDocument(text, file), findings).sort((a, b) => a.line - b.line || a.column - b.column)
}

/** Whether the data has the shape the fixes assume (the schema findings say where it does not). */
function isShaped(data: unknown): data is PapersFile {
  const value = data as PapersFile
  return typeof value === 'object' && value !== null && Array.isArray(value.entries) && typeof value.venues === 'object' && value.venues !== null && Array.isArray(value.categories)
}

/** Pointers already edited in a pass; whether a new one is one of them, inside one, or holds one. In time of the pointer's depth. */
class Touched {
  private readonly exact = new Set<string>()
  private readonly ancestors = new Set<string>()

  add(pointer: string): void {
    this.exact.add(pointer)
    for (let end = pointer.lastIndexOf('/'); end >= 0; end = end === 0 ? -1 : pointer.lastIndexOf('/', end - 1)) this.ancestors.add(pointer.slice(0, end))
  }

  overlaps(pointer: string): boolean {
    if (this.exact.has(pointer) || this.ancestors.has(pointer)) return true
    for (let end = pointer.lastIndexOf('/'); end >= 0; end = end === 0 ? -1 : pointer.lastIndexOf('/', end - 1)) if (this.exact.has(pointer.slice(0, end))) return true
    return false
  }
}

