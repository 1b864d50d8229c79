#!/usr/bin/env node
/**
 * The thin command line: flags → command → exit code. Commands and their
 * flags are declared once, in `commands/index.ts`, which also renders `--help`.
 */
import { parseArgs } from 'node:util'
import { pathToFileURL } from 'node:url'
import { EnvironmentError, exitCodes, FindingsError, ServiceError, UsageError } from './core/errors.ts'
import { formatFinding, type Finding } from './core/findings.ts'
import { formatAnnotations, formatJson, terminalSafeJson } from './core/report.ts'
import { toSarif } from './core/sarif.ts'
import { tool } from './commands/tool.ts'
import { commands, helpText, type CommandSpec } from './commands/index.ts'
import type { CommandContext } from './commands/context.ts'

export async function runCli(argv: readonly string[], context: CommandContext): Promise<number> {
  const [name, ...rest] = argv
  // The output format asked for, so that a refusal is still the document a program reads.
  let format: unknown
  try {
    if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
      context.stdout.write(helpText())
      return name === undefined ? exitCodes.usage : exitCodes.ok
    }
    const command: CommandSpec | undefined = commands[name]
    if (!command) throw new UsageError(`Unknown command \`${name}\`, expected one of ${Object.keys(commands).map((known) => `\`${known}\``).join(', ')}`)
    let parsed
    try {
      parsed = parseArgs({ args: [...rest], options: { ...command.options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true })
    } catch (error) {
      throw new UsageError(`${(error as Error).message} (see \`${name} --help\`)`)
    }
    format = (parsed.values as Record<string, unknown>).format
    if (parsed.values.help) {
      context.stdout.write(helpText(name))
      return exitCodes.ok
    }
    return await command.run(parsed.values as Record<string, string | boolean | string[] | undefined>, parsed.positionals, context)
  } catch (error) {
    if (error instanceof FindingsError) {
      printFindings(error.findings, context, format)
      context.stderr.write(`${error.message}: ${error.findings.length} error${error.findings.length === 1 ? '' : 's'}\n`)
      return exitCodes.findings
    }
    if (error instanceof UsageError) {
      context.stderr.write(`error: ${error.message}\n`)
      return exitCodes.usage
    }
    if (error instanceof EnvironmentError) {
      context.stderr.write(`error: ${error.message}\n`)
      return exitCodes.unexpected
    }
    if (error instanceof ServiceError) {
      context.stderr.write(`unverified: ${error.message}\n`)
      return exitCodes.unverified
    }
    context.stderr.write(`unexpected failure: ${(error as Error).stack ?? String(error)}\n`)
    return exitCodes.unexpected
  }
}

function printFindings(findings: readonly Finding[], context: CommandContext, format: unknown): void {
  for (const finding of findings) context.stderr.write(`${formatFinding(finding)}\n`)
  if (format === 'json') context.stdout.write(formatJson(findings))
  else if (format === 'sarif') context.stdout.write(terminalSafeJson(toSarif(findings, { tool })))
  else if (context.env.GITHUB_ACTIONS === 'true') context.stdout.write(formatAnnotations(findings))
}

/** Runs the CLI on this process's arguments, streams and environment. */
export function main(argv: readonly string[]): Promise<number> {
  return runCli(argv, {
    cwd: process.cwd(),
    stdout: { write: (text) => process.stdout.write(text) },
    stderr: { write: (text) => process.stderr.write(text) },
    env: process.env,
    isTerminal: process.stdout.isTTY === true
  })
}

// Run directly (`node --import tsx scripts/cli.ts`), not imported by the launcher or the tests.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = await main(process.argv.slice(2))
}
