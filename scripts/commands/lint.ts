/**
 * `lint [papers.json]`: every problem of the data file in one pass; `--fix`
 * applies the safe fixes and rewrites the file in canonical form, atomically.
 */
import path from 'node:path'
import { UsageError } from '../core/errors.ts'
import { hasErrors } from '../core/findings.ts'
import { formatAnnotations, formatHuman, formatJson, terminalSafeJson } from '../core/report.ts'
import { toSarif, type SarifRuleMetadata } from '../core/sarif.ts'
import { parseWarningLimit, warningLimitExceeded } from '../core/warning-limit.ts'
import { fixText, lintText } from '../lint/engine.ts'
import { rules } from '../rules/index.ts'
import { readConfig } from '../io/config.ts'
import { readText, writeIfChanged } from '../io/files.ts'
import type { CommandContext } from './context.ts'
import { tool } from './tool.ts'

export interface LintOptions {
  files: string[]
  fix: boolean
  format: string
  config?: string
  listRules: boolean
  /** `--max-warnings N`, as given. */
  maxWarnings?: string
  strict?: boolean
}

const formats = ['human', 'json', 'sarif']

/** The linter's checks outside the rule registry, for SARIF's rule list. */
const ownChecks: SarifRuleMetadata[] = [
  { id: 'json/syntax', description: 'papers.json is valid JSON.', severity: 'error' },
  { id: 'json/duplicate-key', description: 'No object gives a key twice.', severity: 'error' }
]

export async function lint(options: LintOptions, context: CommandContext): Promise<number> {
  if (options.listRules) {
    for (const rule of rules) context.stdout.write(`${rule.id.padEnd(26)} ${rule.severity.padEnd(5)} ${rule.fix === 'safe' ? 'fixable' : '       '}  ${rule.description}\n`)
    return 0
  }
  if (!formats.includes(options.format)) throw new UsageError(`Unknown format \`${options.format}\`, expected \`human\`, \`json\` or \`sarif\``)
  const limit = parseWarningLimit(options.maxWarnings, options.strict === true)
  if (options.files.length > 1) throw new UsageError('Expected one data file, e.g. `npm run lint -- papers.json`')
  const file = path.resolve(context.cwd, options.files[0] ?? 'papers.json')
  const shown = path.relative(context.cwd, file) || file
  const config = await readConfig(file, options.config, context.cwd)
  const text = await readText(file, shown)

  let findings
  if (options.fix) {
    // Progress on a terminal: a large list takes a few seconds a pass.
    const progress = context.isTerminal === true && context.env.CI === undefined && text.length > 5_000_000
    const result = fixText(text, shown, config, progress ? (pass, fixable) => context.stderr.write(`\rfixing ${shown}: pass ${pass}, ${fixable} fixable`) : undefined)
    if (progress) context.stderr.write('\n')
    if (result.text !== text) await writeIfChanged(file, result.text)
    if (result.refused) context.stderr.write(`${result.refused}\n`)
    else if (options.format === 'human') context.stderr.write(`${shown}: ${result.fixed} problem${result.fixed === 1 ? '' : 's'} fixed\n`)
    findings = result.findings
  } else {
    findings = lintText(text, shown, config)
  }

  if (options.format === 'json') context.stdout.write(formatJson(findings))
  else if (options.format === 'sarif') context.stdout.write(terminalSafeJson(toSarif(findings, { tool, rules: sarifRules(findings), fixCommand: 'npm run fix' })))
  else {
    const color = context.env.NO_COLOR === undefined && context.env.CI === undefined && context.env.FORCE_COLOR !== '0' && context.isTerminal === true
    context.stdout.write(formatHuman(findings, { color, fixCommand: 'npm run fix' }))
  }
  if (context.env.GITHUB_ACTIONS === 'true' && options.format === 'human') context.stdout.write(formatAnnotations(findings))
  const exceeded = warningLimitExceeded('lint', findings, limit)
  if (exceeded) context.stderr.write(`${exceeded}\n`)
  return hasErrors(findings) || exceeded ? 1 : 0
}

/** Every rule, the linter's own checks, and each schema keyword that found something. */
function sarifRules(findings: readonly { ruleId: string }[]): SarifRuleMetadata[] {
  const keywords = [...new Set(findings.map((finding) => finding.ruleId).filter((id) => id.startsWith('schema/')))]
  const schema = keywords.map((id): SarifRuleMetadata => ({ id, description: `papers.json follows schema/papers.schema.json (keyword \`${id.slice('schema/'.length)}\`).`, severity: 'error' }))
  return [...rules, ...ownChecks, ...schema]
}
