/** Git, run as a child process in a working tree: the only module that does. Errors carry git's own words. */
import { execFile } from 'node:child_process'

export interface GitResult {
  code: number
  stdout: string
  stderr: string
}

export function git(cwd: string, args: readonly string[], env: Record<string, string | undefined> = {}): Promise<GitResult> {
  return new Promise((resolve) => {
    execFile('git', [...args], { cwd, env: { ...process.env, ...env, GIT_TERMINAL_PROMPT: '0' }, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof (error as { code?: unknown }).code === 'number' ? ((error as { code: number }).code as number) : 1) : 0
      resolve({ code, stdout, stderr })
    })
  })
}

/** Runs git and throws with its message when it fails. */
export async function gitOrThrow(cwd: string, args: readonly string[], env: Record<string, string | undefined> = {}): Promise<string> {
  const result = await git(cwd, args, env)
  if (result.code !== 0) throw new Error(`git ${args.join(' ')} failed: ${(result.stderr || result.stdout).trim()}`)
  return result.stdout
}
