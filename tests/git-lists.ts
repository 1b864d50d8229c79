/** Lists in git for the tests of what publishes them (`regenerate`, the action): a maintainer's edits and a bare origin whose main has gone stale. */
import { cpSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { expect } from 'vitest'
import { runCli } from '../scripts/cli.ts'
import { gitOrThrow } from '../scripts/io/git.ts'
import { fixtures } from './helpers.ts'

export const author = { GIT_AUTHOR_NAME: 'Maintainer', GIT_AUTHOR_EMAIL: 'maintainer@example.org', GIT_COMMITTER_NAME: 'Maintainer', GIT_COMMITTER_EMAIL: 'maintainer@example.org' }

async function cli(args: string[], cwd: string): Promise<number> {
  return runCli(args, { cwd, env: { CI: 'true' }, stdout: { write: () => {} }, stderr: { write: () => {} } })
}

/** Edits papers.json as a maintainer would, leaving it in canonical form. */
export async function edit(folder: string, change: (data: { entries: Array<{ title: string }> }) => void): Promise<void> {
  const data = JSON.parse(readFileSync(path.join(folder, 'papers.json'), 'utf8'))
  change(data)
  writeFileSync(path.join(folder, 'papers.json'), JSON.stringify(data, null, 2) + '\n')
  expect(await cli(['lint', '--fix'], folder)).toBe(0)
}

/**
 * In `root`: a bare `origin.git` and its clone `work`, holding the fixture list
 * (with its schema) with fresh READMEs on main, then a maintainer's direct push
 * that edits papers.json without regenerating.
 */
export async function staleMain(root: string): Promise<{ origin: string; work: string }> {
  const origin = path.join(root, 'origin.git')
  const work = path.join(root, 'work')
  await gitOrThrow(root, ['init', '--quiet', '--bare', '--initial-branch=main', origin])
  await gitOrThrow(root, ['clone', '--quiet', origin, work])
  cpSync(path.join(fixtures, 'list'), work, { recursive: true })
  cpSync(path.join(fixtures, '../../schema'), path.join(work, 'schema'), { recursive: true })
  await edit(work, (data) => void ((data as { $schema?: string }).$schema = './schema/papers.schema.json'))
  expect(await cli(['generate'], work)).toBe(0)
  await gitOrThrow(work, ['add', '-A'])
  await gitOrThrow(work, ['commit', '--quiet', '-m', 'A list'], author)
  await gitOrThrow(work, ['push', '--quiet', 'origin', 'HEAD:main'])
  await edit(work, (data) => void (data.entries[0]!.title += ' (revised)'))
  await gitOrThrow(work, ['commit', '--quiet', '-am', 'Revise a title'], author)
  await gitOrThrow(work, ['push', '--quiet', 'origin', 'HEAD:main'])
  return { origin, work }
}
