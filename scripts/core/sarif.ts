/**
 * Findings as a SARIF 2.1.0 log (one run), for GitHub code scanning and
 * other SARIF viewers. Pure: findings and rule metadata in, a log out; the
 * commands write it. Only the part of SARIF this tool fills is typed here.
 */
import { createHash } from 'node:crypto'
import { pathToFileURL } from 'node:url'
import type { Finding, Severity } from './findings.ts'
import { printable } from './printable.ts'

export type SarifLevel = 'error' | 'warning' | 'note'

/** What a rule says about itself: the registry's `id`, `description` and default severity. */
export interface SarifRuleMetadata {
  id: string
  description?: string
  severity?: 'error' | 'warn'
}

export interface SarifTool {
  name: string
  version: string
  informationUri?: string
}

export interface SarifOptions {
  tool: SarifTool
  /** Every rule the tool has, in registry order; a finding of a rule not listed gets a bare entry. */
  rules?: readonly SarifRuleMetadata[]
  /** The command that applies the safe fixes, named in fixable results. */
  fixCommand?: string
  /** Why the run is incomplete (a service that stopped answering), as warnings of the run itself. */
  notifications?: readonly string[]
}

export interface SarifMessage {
  text: string
}

export interface SarifRule {
  id: string
  shortDescription?: SarifMessage
  defaultConfiguration?: { level: SarifLevel }
}

export interface SarifResult {
  ruleId: string
  ruleIndex: number
  level: SarifLevel
  message: SarifMessage
  locations: Array<{
    physicalLocation: {
      artifactLocation: { uri: string; uriBaseId?: '%SRCROOT%' }
      region?: { startLine: number; startColumn?: number }
    }
  }>
  partialFingerprints: Record<string, string>
}

export interface SarifRun {
  tool: { driver: SarifTool & { rules: SarifRule[] } }
  invocations?: Array<{ executionSuccessful: boolean; toolExecutionNotifications: Array<{ level: 'warning'; message: SarifMessage }> }>
  columnKind: 'utf16CodeUnits'
  results: SarifResult[]
}

export interface SarifLog {
  $schema: string
  version: '2.1.0'
  runs: [SarifRun]
}

export const sarifSchemaUri = 'https://json.schemastore.org/sarif-2.1.0.json'

/** The key of our fingerprint in `partialFingerprints`; a new version of the scheme gets a new key. */
export const fingerprintKey = 'awesomePaperList/v1'

const levels: Record<Severity, SarifLevel> = { error: 'error', warning: 'warning', info: 'note' }

export function toSarif(findings: readonly Finding[], options: SarifOptions): SarifLog {
  const rules: SarifRule[] = (options.rules ?? []).map(ruleOf)
  const index = new Map(rules.map((rule, position) => [rule.id, position]))
  for (const finding of findings) {
    if (index.has(finding.ruleId)) continue
    index.set(finding.ruleId, rules.length)
    rules.push({ id: finding.ruleId })
  }
  const fingerprints = fingerprinter()
  const results = findings.map(
    (finding): SarifResult => ({
      ruleId: finding.ruleId,
      ruleIndex: index.get(finding.ruleId)!,
      level: levels[finding.severity],
      message: { text: messageText(finding, options.fixCommand) },
      locations: [{ physicalLocation: { artifactLocation: artifactLocation(finding.file), ...region(finding) } }],
      partialFingerprints: { [fingerprintKey]: fingerprints(finding) }
    })
  )
  const { name, version, informationUri } = options.tool
  const notifications = options.notifications ?? []
  return {
    $schema: sarifSchemaUri,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name, version, ...(informationUri ? { informationUri } : {}), rules } },
        // A run cut short by a service is still a run that finished; the notification says what is missing.
        ...(notifications.length > 0 ? { invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications.map((text) => ({ level: 'warning' as const, message: { text: printable(text) } })) }] } : {}),
        // Columns count UTF-16 code units, as JavaScript strings do.
        columnKind: 'utf16CodeUnits',
        results
      }
    ]
  }
}

function ruleOf(rule: SarifRuleMetadata): SarifRule {
  return {
    id: rule.id,
    ...(rule.description ? { shortDescription: { text: rule.description } } : {}),
    ...(rule.severity ? { defaultConfiguration: { level: rule.severity === 'warn' ? 'warning' : 'error' } } : {})
  }
}

/** The message, what fixes it and the hint, as the annotations say it; data can carry no control or bidirectional character into a viewer. */
function messageText(finding: Finding, fixCommand: string | undefined): string {
  const fixable = finding.fix?.safe && fixCommand ? ` (fixable: ${fixCommand})` : ''
  return printable(`${finding.message}${fixable}${finding.hint ? ` (${finding.hint})` : ''}`)
}

/**
 * A path as the findings show it (relative to the working directory) becomes
 * a URI relative to `%SRCROOT%`, with forward slashes and each segment
 * percent-encoded; an absolute path becomes a `file:` URI.
 */
export function artifactLocation(file: string): { uri: string; uriBaseId?: '%SRCROOT%' } {
  if (file.startsWith('/') || /^[A-Za-z]:[\\/]/.test(file) || file.startsWith('\\\\')) return { uri: pathToFileURL(file).href }
  const uri = file
    .replace(/\\/g, '/')
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/')
  return { uri, uriBaseId: '%SRCROOT%' }
}

/** A region only where the finding has a place: line 0 means "the whole file". */
function region(finding: Finding): { region?: { startLine: number; startColumn?: number } } {
  if (!(finding.line >= 1)) return {}
  return { region: { startLine: finding.line, ...(finding.column >= 1 ? { startColumn: finding.column } : {}) } }
}

/**
 * A fingerprint that survives unrelated edits, so code scanning keeps one
 * alert open instead of closing and reopening it: the rule, the file, the
 * pointer with its array indexes left out and the message with its line
 * numbers and the indexes of the pointers it quotes left out (all move when
 * an entry is added above), then the occurrence among findings with the same
 * key, as GitHub's own line hashes do.
 */
export function fingerprinter(): (finding: Finding) => string {
  const seen = new Map<string, number>()
  return (finding) => {
    const pointer = withoutIndexes(finding.pointer ?? '')
    const message = finding.message.replace(/\bline \d+/g, 'line *').replace(/`(\/[^`]*)`/g, (_quoted, quoted: string) => `\`${withoutIndexes(quoted)}\``)
    const hash = createHash('sha256').update([finding.ruleId, finding.file, pointer, message].join('\u0000')).digest('hex').slice(0, 32)
    const occurrence = (seen.get(hash) ?? 0) + 1
    seen.set(hash, occurrence)
    return `${hash}:${occurrence}`
  }
}

// Array indexes as stars: `/entries/12/links/0/url` → `/entries/*/links/*/url`.
function withoutIndexes(pointer: string): string {
  return pointer.replace(/\/\d+(?=\/|$)/g, '/*')
}
