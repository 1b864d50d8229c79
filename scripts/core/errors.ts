import type { Finding } from './findings.ts'

/** Exit codes, mapped once in `cli.ts` and documented in the README. */
export const exitCodes = {
  ok: 0,
  /** Findings at error level: bad data, a stale output. */
  findings: 1,
  /** Wrong command line or configuration. */
  usage: 2,
  /** A bug or an environment failure. */
  unexpected: 3,
  /** GitHub refused `report --issue` (the report is still written). */
  reportRefused: 4,
  /** A service could not be reached, was rate-limited or answered what did not validate: part of the check is unverified; nothing unverified was written. */
  unverified: 5
} as const

/** The command line or a configuration file is wrong. */
export class UsageError extends Error {
  readonly code = 'USAGE'
}

/** The input is bad; each problem is a positioned finding. */
export class FindingsError extends Error {
  readonly code = 'FINDINGS'
  constructor(
    readonly findings: Finding[],
    summary?: string
  ) {
    super(summary ?? `${findings.length} problem${findings.length === 1 ? '' : 's'} found`)
  }
}

/** A service could not give a verified answer where the command needs one (`add` without arXiv); nothing was written. */
export class ServiceError extends Error {
  readonly code = 'SERVICE'
}

/** The environment refused (a read-only folder, a full disk): one clear line, exit 3, no stack trace. */
export class EnvironmentError extends Error {
  readonly code = 'ENVIRONMENT'
}
