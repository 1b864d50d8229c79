/**
 * `import README.md`: writes the README's entries to `papers.json` (merged
 * into it when it exists) and its prose as a template, and reports every
 * malformation it repaired.
 */
import path from 'node:path'
import { UsageError } from '../core/errors.ts'
import { loadPapers } from '../core/load.ts'
import { serializePapers } from '../core/serialize.ts'
import { importMarkdown } from '../import/index.ts'
import { mergeLists } from '../import/merge.ts'
import { readText, readTextIfExists, writeIfChanged } from '../io/files.ts'
import type { CommandContext } from './context.ts'

export interface ImportCommandOptions {
  readme: string[]
  out: string
  template?: string
  format?: string
  replace: boolean
}

export async function importReadme(options: ImportCommandOptions, context: CommandContext): Promise<number> {
  if (options.readme.length !== 1) throw new UsageError('Expected one README to import, e.g. `npm run import -- README.md`')
  const readmeFile = path.resolve(context.cwd, options.readme[0]!)
  const shown = (file: string) => path.relative(context.cwd, file) || file
  const result = importMarkdown(await readText(readmeFile), { output: path.basename(readmeFile), format: options.format, file: shown(readmeFile) })

  const outFile = path.resolve(context.cwd, options.out)
  const existing = options.replace ? undefined : await readTextIfExists(outFile)
  let data = result.data
  const notes: string[] = []
  if (existing !== undefined) {
    const merged = mergeLists(loadPapers(existing, shown(outFile)).data, result.data)
    data = merged.data
    notes.push(...merged.notes)
  }
  // What is written must load: a bug or an odd README must not leave an invalid papers.json behind.
  const serialized = serializePapers(data)
  loadPapers(serialized, shown(outFile))
  const templateFile = path.resolve(context.cwd, options.template ?? path.join('templates', path.basename(readmeFile)))

  for (const repair of result.repairs) {
    context.stdout.write(`${shown(readmeFile)}:${repair.line}:${repair.column}  repaired  ${repair.message}  ${repair.kind}\n`)
  }
  for (const note of notes) context.stdout.write(`${shown(outFile)}  merged  ${note}\n`)
  await writeIfChanged(outFile, serialized)
  await writeIfChanged(templateFile, result.template)
  context.stdout.write(
    `Imported ${result.data.entries.length} entries (${result.format}) from ${shown(readmeFile)}${existing !== undefined ? `, merged into ${shown(outFile)}` : ` into ${shown(outFile)}`}, ${data.entries.length} in all; template ${shown(templateFile)}; ${result.repairs.length} repair${result.repairs.length === 1 ? '' : 's'}\n`
  )
  return 0
}
