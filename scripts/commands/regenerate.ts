/**
 * `regenerate [--push]`: what the README workflow runs on main, so that main
 * stays green and nothing is published unchecked. Lint first (nothing lint
 * rejects is published), then generate every output the templates declare,
 * then check that generating again changes nothing. With `--push`: commit the
 * outputs that changed as the Actions bot and push; a push that lost a race
 * starts again from the newest main; a push that main's protection refuses
 * becomes a pull request from a branch of its own, opened or updated.
 */
import path from 'node:path'
import { mergeServiceOptions } from '../checkers/services.ts'
import { exitCodes, UsageError } from '../core/errors.ts'
import { hasErrors } from '../core/findings.ts'
import { formatAnnotations, formatHuman } from '../core/report.ts'
import { readConfig } from '../io/config.ts'
import { readText } from '../io/files.ts'
import { git, gitOrThrow } from '../io/git.ts'
import { lintText } from '../lint/engine.ts'
import { GithubApiError, githubCall, githubList } from '../reporting/github-api.ts'
import type { CommandContext } from './context.ts'
import { generate, loadTemplates } from './generate.ts'
import { githubApiFor } from './metadata.ts'

export interface RegenerateOptions {
  data: string
  templates: string
  outDir: string
  push: boolean
  remote: string
  branch: string
  /** The branch of the pull request when `branch` is protected. */
  prBranch: string
}

const bot = { name: 'github-actions[bot]', email: '41898282+github-actions[bot]@users.noreply.github.com' }
const message = 'Regenerate the READMEs from papers.json [skip ci]'

export async function regenerate(options: RegenerateOptions, context: CommandContext): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    const outputs = await buildAndCheck(options, context)
    if (typeof outputs === 'number') return outputs
    if (!options.push) return exitCodes.ok
    const changed = (await gitOrThrow(context.cwd, ['status', '--porcelain', '--', ...outputs])).trim()
    if (changed === '') {
      context.stdout.write('The outputs are up to date: nothing to commit.\n')
      return exitCodes.ok
    }
    await gitOrThrow(context.cwd, ['add', '--', ...outputs])
    await gitOrThrow(context.cwd, ['-c', `user.name=${bot.name}`, '-c', `user.email=${bot.email}`, 'commit', '-m', message, '--', ...outputs])
    const pushed = await git(context.cwd, ['push', options.remote, `HEAD:refs/heads/${options.branch}`])
    if (pushed.code === 0) {
      context.stdout.write(`Pushed the regenerated outputs to ${options.branch}: ${outputs.join(', ')}\n`)
      return exitCodes.ok
    }
    const refusal = classifyPushFailure(pushed.stderr)
    if (refusal === 'protected') return pullRequest(options, outputs, pushed.stderr, context)
    if (refusal === 'behind' && attempt < 3) {
      // Someone pushed meanwhile: start again from the newest main.
      context.stderr.write(`${options.branch} moved on; regenerating from the newest ${options.branch} (attempt ${attempt + 1} of 3)\n`)
      await gitOrThrow(context.cwd, ['fetch', options.remote, options.branch])
      await gitOrThrow(context.cwd, ['reset', '--hard', `${options.remote}/${options.branch}`])
      continue
    }
    context.stderr.write(`error: could not push to ${options.branch}: ${lastLines(pushed.stderr)}\n`)
    return exitCodes.unexpected
  }
}

/** Lint, generate, check; the outputs the templates declare (relative to the working tree), or an exit code. */
async function buildAndCheck(options: RegenerateOptions, context: CommandContext): Promise<string[] | number> {
  const dataFile = path.resolve(context.cwd, options.data)
  const shown = path.relative(context.cwd, dataFile) || dataFile
  const config = await readConfig(dataFile, undefined, context.cwd)
  const findings = lintText(await readText(dataFile, shown), shown, config)
  if (hasErrors(findings)) {
    context.stdout.write(formatHuman(findings, { color: false, fixCommand: 'npm run fix' }))
    if (context.env.GITHUB_ACTIONS === 'true') context.stdout.write(formatAnnotations(findings))
    context.stderr.write(`${shown} has errors that lint rejects: nothing was generated or published\n`)
    return exitCodes.findings
  }
  const generateOptions = { data: options.data, templates: options.templates, outDir: options.outDir }
  const quiet = { ...context, stdout: { write: () => {} } }
  const written = await generate({ ...generateOptions, check: false }, quiet)
  if (written !== 0) return written
  // Generating again must change nothing; if it does, the generator is not deterministic: publish nothing.
  if ((await generate({ ...generateOptions, check: true }, quiet)) !== 0) {
    context.stderr.write('error: generating twice gave different outputs; nothing was published (a bug: please report it)\n')
    return exitCodes.unexpected
  }
  const templates = await loadTemplates(path.resolve(context.cwd, options.templates), context.cwd)
  return templates.map((template) => path.relative(context.cwd, path.resolve(context.cwd, options.outDir, template.config.output)))
}

/** The protected branch's way in: the commit on a branch of its own, and one pull request for it, opened or updated. */
async function pullRequest(options: RegenerateOptions, outputs: string[], refusal: string, context: CommandContext): Promise<number> {
  context.stderr.write(`${options.branch} is protected (${lastLines(refusal)}); opening a pull request instead\n`)
  const { GITHUB_REPOSITORY: repository, GITHUB_TOKEN: token } = context.env
  if (!repository || !token) throw new UsageError(`${options.branch} refuses direct pushes; a pull request needs GITHUB_REPOSITORY and GITHUB_TOKEN (in Actions: \`permissions: pull-requests: write\`)`)
  const pushed = await git(context.cwd, ['push', '--force', options.remote, `HEAD:refs/heads/${options.prBranch}`])
  if (pushed.code !== 0) {
    context.stderr.write(`error: could not push the branch ${options.prBranch}: ${lastLines(pushed.stderr)}\n`)
    return exitCodes.unexpected
  }
  const api = githubApiFor(context, mergeServiceOptions(undefined), repository, token)
  const owner = repository.split('/')[0]!
  const body = `The READMEs are regenerated from \`papers.json\` and the templates: ${outputs.map((output) => `\`${output}\``).join(', ')}.\n\n${options.branch} is protected, so this pull request carries the change; merge it to publish. It is updated in place while it is open.`
  try {
    const open = await githubList<{ number: number; html_url: string }>(api, `/repos/${repository}/pulls?state=open&head=${encodeURIComponent(`${owner}:${options.prBranch}`)}&base=${encodeURIComponent(options.branch)}&per_page=100`)
    if (open[0]) {
      await githubCall(api, 'PATCH', `/repos/${repository}/pulls/${open[0].number}`, { body })
      context.stdout.write(`Pull request #${open[0].number} updated: ${open[0].html_url}\n`)
      return exitCodes.ok
    }
    const { data } = await githubCall<{ number: number; html_url: string }>(api, 'POST', `/repos/${repository}/pulls`, { title: 'Regenerate the READMEs', head: options.prBranch, base: options.branch, body })
    context.stdout.write(`Pull request #${data.number} opened: ${data.html_url}\n`)
    return exitCodes.ok
  } catch (error) {
    if (!(error instanceof GithubApiError)) throw error
    const hint = /not permitted to create or approve pull requests/i.test(error.message)
      ? ' Allow it in the repository settings (Actions → General → Workflow permissions → "Allow GitHub Actions to create and approve pull requests"), or give the workflow a token that may (see README, Workflows).'
      : ''
    context.stderr.write(`error: ${error.message}.${hint} The regenerated outputs are on the branch ${options.prBranch}.\n`)
    return exitCodes.reportRefused
  }
}

/** Why a push failed, from git's (and GitHub's) words. */
export function classifyPushFailure(stderr: string): 'protected' | 'behind' | 'other' {
  if (/GH006|GH013|protected branch|changes must be made through a pull request|repository rule violations|push declined due to repository rule|required status check/i.test(stderr)) return 'protected'
  if (/\[rejected\][^\n]*\((fetch first|non-fast-forward)\)|updates were rejected because the (tip|remote)/i.test(stderr)) return 'behind'
  return 'other'
}

/** What the remote said (`remote: error: …` lines), or git's last lines. */
function lastLines(text: string): string {
  const lines = text.trim().split('\n')
  const remote = lines.filter((line) => /^remote: \S/.test(line)).map((line) => line.replace(/^remote:\s*(error:\s*)?/, ''))
  return (remote.length > 0 ? remote : lines.slice(-3)).join(' ').replace(/\s+/g, ' ')
}
