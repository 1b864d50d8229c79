/**
 * What the README workflow runs on main (`regenerate --push`), against real
 * git repositories (a bare "origin" and a clone) and a fake GitHub: every
 * declared output committed by the bot; nothing published that lint
 * rejects; a lost race started again from the newest main; a protected main
 * served through one pull request, opened once and updated after.
 */
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { runCli } from '../scripts/cli.ts'
import { classifyPushFailure } from '../scripts/commands/regenerate.ts'
import { startIssuesFake } from '../scripts/fakes/github-issues.ts'
import { gitOrThrow } from '../scripts/io/git.ts'
import { author, edit, staleMain } from './git-lists.ts'

/** A bare origin with a list on main whose READMEs are fresh, then a maintainer's direct push that makes them stale. */
async function repository(options: { protectMain?: boolean } = {}) {
  const root = mkdtempSync(path.join(tmpdir(), 'regenerate-'))
  const { origin, work } = await staleMain(root)
  if (options.protectMain) {
    const hook = path.join(origin, 'hooks/pre-receive')
    writeFileSync(hook, '#!/bin/sh\nwhile read old new ref; do\n  if [ "$ref" = "refs/heads/main" ]; then\n    echo "error: GH006: Protected branch update failed for refs/heads/main." >&2\n    echo "error: Changes must be made through a pull request." >&2\n    exit 1\n  fi\ndone\n')
    chmodSync(hook, 0o755)
  }
  const log = async (ref = 'main') => (await gitOrThrow(origin, ['log', '--format=%an|%s', ref])).trim().split('\n')
  const files = async (ref = 'main') => (await gitOrThrow(origin, ['show', '--name-only', '--format=', ref])).trim().split('\n')
  return { root, origin, work, log, files }
}

async function run(args: string[], cwd: string, env: Record<string, string> = {}) {
  let stdout = ''
  let stderr = ''
  const code = await runCli(args, { cwd, env: { CI: 'true', ...env }, stdout: { write: (text) => void (stdout += text) }, stderr: { write: (text) => void (stderr += text) } })
  return { code, stdout, stderr }
}

test('a stale main: every output the templates declare is regenerated, checked and pushed by the bot; a second run has nothing to do', async () => {
  const repo = await repository()
  const result = await run(['regenerate', '--push'], repo.work)
  expect(result.stderr).toBe('')
  expect(result.code).toBe(0)
  expect(result.stdout).toBe('Pushed the regenerated outputs to main: README.md, docs/TOPICS.md\n')
  expect((await repo.log())[0]).toBe('github-actions[bot]|Regenerate the READMEs from papers.json [skip ci]')
  // Both outputs, also the one outside the root: not only README.md and TOPICS.md.
  expect((await repo.files()).sort()).toEqual(['README.md', 'docs/TOPICS.md'])
  expect((await run(['generate', '--check'], repo.work)).code).toBe(0)
  const again = await run(['regenerate', '--push'], repo.work)
  expect(again.stdout).toBe('The outputs are up to date: nothing to commit.\n')
  expect(await repo.log()).toHaveLength(3)
}, 30_000)

test('data that lint rejects is never published: nothing generated, committed or pushed, exit 1', async () => {
  const repo = await repository()
  const data = JSON.parse(readFileSync(path.join(repo.work, 'papers.json'), 'utf8'))
  data.entries.push(structuredClone(data.entries[0]))
  writeFileSync(path.join(repo.work, 'papers.json'), JSON.stringify(data, null, 2) + '\n')
  const before = readFileSync(path.join(repo.work, 'README.md'), 'utf8')
  const result = await run(['regenerate', '--push'], repo.work, { GITHUB_ACTIONS: 'true' })
  expect(result.code).toBe(1)
  expect(result.stdout).toContain('entries/duplicate')
  expect(result.stdout).toMatch(/^::error file=papers\.json,line=\d+/m)
  expect(result.stderr).toContain('papers.json has errors that lint rejects: nothing was generated or published')
  expect(readFileSync(path.join(repo.work, 'README.md'), 'utf8')).toBe(before)
  expect(await repo.log()).toHaveLength(2)
}, 30_000)

test('main moved on meanwhile: the push is refused, and it starts again from the newest main', async () => {
  const repo = await repository()
  // Someone else pushes a change to papers.json after our checkout.
  const other = path.join(repo.root, 'other')
  await gitOrThrow(repo.root, ['clone', '--quiet', repo.origin, other])
  await edit(other, (data) => void (data.entries[1]!.title += ' (also revised)'))
  await gitOrThrow(other, ['commit', '--quiet', '-am', 'Another revision'], author)
  await gitOrThrow(other, ['push', '--quiet', 'origin', 'HEAD:main'])
  const result = await run(['regenerate', '--push'], repo.work)
  expect(result.code).toBe(0)
  expect(result.stderr).toContain('main moved on; regenerating from the newest main (attempt 2 of 3)')
  expect(await repo.log()).toEqual(['github-actions[bot]|Regenerate the READMEs from papers.json [skip ci]', 'Maintainer|Another revision', 'Maintainer|Revise a title', 'Maintainer|A list'])
  // What was pushed is what the newest papers.json generates.
  await gitOrThrow(other, ['pull', '--quiet', 'origin', 'main'])
  expect((await run(['generate', '--check'], other)).code).toBe(0)
}, 30_000)

describe('a protected main', () => {
  test('the commit goes to its own branch and one pull request carries it: opened, then updated, never a second', async () => {
    const repo = await repository({ protectMain: true })
    const github = await startIssuesFake('lab/list', 'bot-token')
    try {
      const env = { GITHUB_REPOSITORY: 'lab/list', GITHUB_TOKEN: 'bot-token', GITHUB_API_URL: github.url }
      const first = await run(['regenerate', '--push'], repo.work, env)
      expect(first.code).toBe(0)
      expect(first.stderr).toMatch(/^main is protected \(.*GH006: Protected branch update failed.*\); opening a pull request instead\n$/)
      expect(first.stdout).toMatch(/^Pull request #\d+ opened: /)
      expect(await repo.log()).toHaveLength(2)
      expect((await repo.log('paper-list/regenerate'))[0]).toBe('github-actions[bot]|Regenerate the READMEs from papers.json [skip ci]')
      const pulls = github.issues.filter((issue) => issue.pull_request)
      expect(pulls).toHaveLength(1)
      // The data changes again before the pull request is merged: the same pull request is updated.
      await gitOrThrow(repo.work, ['reset', '--quiet', '--hard', 'origin/main'])
      await edit(repo.work, (data) => void (data.entries[0]!.title += ', twice'))
      await gitOrThrow(repo.work, ['commit', '--quiet', '-am', 'Revise again'], author)
      const second = await run(['regenerate', '--push'], repo.work, env)
      expect(second.code).toBe(0)
      expect(second.stdout).toMatch(/^Pull request #\d+ updated: /)
      expect(github.issues.filter((issue) => issue.pull_request && issue.state === 'open')).toHaveLength(1)
    } finally {
      await github.close()
    }
  }, 30_000)

  test('when Actions may not open pull requests: exit 4, the setting to change, the commit kept on its branch', async () => {
    const repo = await repository({ protectMain: true })
    const github = await startIssuesFake('lab/list', 'bot-token', { prCreation: false })
    try {
      const result = await run(['regenerate', '--push'], repo.work, { GITHUB_REPOSITORY: 'lab/list', GITHUB_TOKEN: 'bot-token', GITHUB_API_URL: github.url })
      expect(result.code).toBe(4)
      expect(result.stderr).toContain('Allow GitHub Actions to create and approve pull requests')
      expect(result.stderr).toContain('The regenerated outputs are on the branch paper-list/regenerate.')
      expect((await repo.log('paper-list/regenerate'))[0]).toContain('github-actions[bot]')
    } finally {
      await github.close()
    }
  }, 30_000)
})

test.for([
  ['protected', 'remote: error: GH006: Protected branch update failed for refs/heads/main.\nremote: error: Changes must be made through a pull request.\n ! [remote rejected] HEAD -> main (protected branch hook declined)'],
  ['protected', 'remote: error: GH013: Repository rule violations found for refs/heads/main.\nremote: - Changes must be made through a pull request.\n ! [remote rejected] HEAD -> main (push declined due to repository rule violations)'],
  ['protected', 'remote: error: GH006: Protected branch update failed for refs/heads/main.\nremote: error: Required status check "Tests (Node 20)" is expected.'],
  ['behind', ' ! [rejected]        HEAD -> main (fetch first)\nerror: failed to push some refs to \'origin\'\nhint: Updates were rejected because the remote contains work that you do not\n'],
  ['behind', ' ! [rejected]        HEAD -> main (non-fast-forward)\nerror: failed to push some refs'],
  ['other', "fatal: unable to access 'https://github.com/lab/list/': Could not resolve host: github.com"],
  ['other', 'remote: Permission to lab/list.git denied to github-actions[bot].\nfatal: unable to access: The requested URL returned error: 403']
] as const)('a push refused with "%s" words', ([kind, stderr]) => {
  expect(classifyPushFailure(stderr)).toBe(kind)
})
