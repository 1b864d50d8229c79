/** The one way commands print findings: human (or JSON), plus GitHub annotations in Actions. */
import type { Finding } from '../core/findings.ts'
import { formatAnnotations, formatHuman, formatJson } from '../core/report.ts'
import type { CommandContext } from './context.ts'

export function printFindings(findings: readonly Finding[], format: string, context: CommandContext, fixCommand?: string): void {
  if (format === 'json') context.stdout.write(formatJson(findings))
  else {
    const color = context.env.NO_COLOR === undefined && context.env.CI === undefined && context.isTerminal === true
    context.stdout.write(formatHuman(findings, { color, ...(fixCommand ? { fixCommand } : {}) }))
  }
  if (context.env.GITHUB_ACTIONS === 'true' && format !== 'json') context.stdout.write(formatAnnotations(findings))
}
