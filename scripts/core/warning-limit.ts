/**
 * `--max-warnings N` and `--strict`, as ESLint has them: a run with more than
 * N warnings fails (exit 1) as a run with an error does. Info findings are
 * notes and never count.
 */
import { UsageError } from './errors.ts'
import type { Finding } from './findings.ts'

export interface WarningLimit {
  /** Warnings allowed at most. */
  max: number
  /** How the user said it, for the message: `--max-warnings 3` or `--strict`. */
  flag: string
}

/** The limit the flags set, if any; a value that is not a whole number of 0 or more is a usage error. */
export function parseWarningLimit(maxWarnings: string | undefined, strict: boolean): WarningLimit | undefined {
  if (strict && maxWarnings !== undefined) throw new UsageError('Unexpected `--strict` with `--max-warnings`, expected one of them (`--strict` is `--max-warnings 0`)')
  if (strict) return { max: 0, flag: '--strict' }
  if (maxWarnings === undefined) return undefined
  const max = Number(maxWarnings)
  // Digits only: no sign, no fraction, no exponent, no blank; and exact.
  if (!/^\d+$/.test(maxWarnings) || !Number.isSafeInteger(max)) {
    throw new UsageError(`Unexpected \`--max-warnings ${maxWarnings}\`, expected a whole number of warnings, 0 or more (e.g. \`--max-warnings 0\`)`)
  }
  return { max, flag: `--max-warnings ${max}` }
}

export function countWarnings(findings: readonly Finding[]): number {
  return findings.filter((finding) => finding.severity === 'warning').length
}

/** The one line that says the limit failed the run, or nothing when it did not. */
export function warningLimitExceeded(command: string, findings: readonly Finding[], limit: WarningLimit | undefined): string | undefined {
  if (!limit) return undefined
  const warnings = countWarnings(findings)
  if (warnings <= limit.max) return undefined
  return `${command}: ${warnings} warning${warnings === 1 ? '' : 's'}, more than ${limit.flag} allows`
}
