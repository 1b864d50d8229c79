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
}
