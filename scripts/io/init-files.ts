/**
 * The file system side of `init`: the package's starter files (its `init/`
 * folder), what is at each place init would write, and a staging folder the
 * import writes into before anything is written where the list lives.
 */
import { mkdtemp, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Presence } from '../core/init-plan.ts'
import { readText } from './files.ts'

/**
 * The package's folder: the nearest folder above this module holding both
 * `init/` and `package.json`. This module runs from `scripts/io/` (a clone,
 * tsx, the tests) or bundled into `dist/cli.mjs` (the installed package), so
 * no fixed number of `..` fits both.
 */
export async function packageFolder(from: string = import.meta.url): Promise<string> {
  const start = path.dirname(fileURLToPath(from))
  for (let folder = start; ; folder = path.dirname(folder)) {
    if ((await presence(path.join(folder, 'init'))) === 'folder' && (await presence(path.join(folder, 'package.json'))) === 'file') return folder
    if (path.dirname(folder) === folder) throw new Error(`Cannot find the starter files: no folder above \`${start}\` holds \`init/\` and \`package.json\` (the package is incomplete; reinstall it)`)
  }
}

/** The package's version, from its package.json. */
export async function packageVersion(folder: string): Promise<string> {
  const version = (JSON.parse(await readText(path.join(folder, 'package.json'))) as { version?: unknown }).version
  if (typeof version !== 'string') throw new Error(`Missing \`version\` in \`${path.join(folder, 'package.json')}\`, expected the package's version`)
  return version
}

/** A starter file's text, by its path in `init/`. */
export function readStarter(folder: string, source: string): Promise<string> {
  return readText(path.join(folder, 'init', source))
}

/** What is at a place: nothing, a file, a folder, or a path through a file. */
export async function presence(file: string): Promise<Presence> {
  try {
    return (await stat(file)).isDirectory() ? 'folder' : 'file'
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') return 'missing'
    if (code === 'ENOTDIR') return 'not-a-folder'
    throw error
  }
}

/** Runs `work` with a new empty folder outside the project, removed afterwards whatever happens. */
export async function withStagingFolder<T>(work: (folder: string) => Promise<T>): Promise<T> {
  const folder = await mkdtemp(path.join(tmpdir(), 'paper-list-init-'))
  try {
    return await work(folder)
  } finally {
    await rm(folder, { recursive: true, force: true })
  }
}
