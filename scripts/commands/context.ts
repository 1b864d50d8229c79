import type { LookupFunction } from 'node:net'
import type { Dispatcher } from 'undici'
import type { Clock } from '../checkers/service-gate.ts'

/** What every command receives: where it runs and where it writes. */
export interface Output {
  write(text: string): void
}

export interface CommandContext {
  cwd: string
  stdout: Output
  stderr: Output
  /** Environment, for CI detection. */
  env: Record<string, string | undefined>
  /** Whether stdout is a terminal (colours, progress). */
  isTerminal?: boolean
  /** The network, when not the real one: a resolver or a dispatcher (tests). */
  network?: { lookup?: LookupFunction; dispatcher?: Dispatcher }
  /** The clock of the metadata services, when not the real one (tests). */
  clock?: Clock
}
