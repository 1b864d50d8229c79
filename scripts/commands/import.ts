/**
 * `import README.md`: writes the README's entries to `papers.json` (merged
 * into it when it exists) and its prose as a template, and reports every
 * malformation it repaired.
 */
import path from 'node:path'
import { UsageError } from '../core/errors.ts'
import { formatFinding } from '../core/findings.ts'
import { loadPapers } from '../core/load.ts'
import { serializePapers } from '../core/serialize.ts'
import { importMarkdown } from '../import/index.ts'
import { mergeLists } from '../import/merge.ts'
import { readConfig } from '../io/config.ts'
import { readText, readTextIfExists, writeIfChanged } from '../io/files.ts'
import { fixText } from '../lint/engine.ts'
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
  // In the canonical form `fix` writes, so a fresh import lints clean; and what is written must load.
  const config = await readConfig(outFile, undefined, context.cwd)
  const fixed = fixText(serializePapers(data), shown(outFile), config)
  const serialized = fixed.text
  loadPapers(serialized, shown(outFile), config)
  const problems = fixed.findings.filter((finding) => finding.severity === 'error')
  const templateFile = path.resolve(context.cwd, options.template ?? path.join('templates', path.basename(readmeFile)))

  for (const repair of result.repairs) {
    context.stdout.write(`${shown(readmeFile)}:${repair.line}:${repair.column}  repaired  ${repair.message}  ${repair.kind}\n`)
  }
  for (const note of notes) context.stdout.write(`${shown(outFile)}  merged  ${note}\n`)
  await writeIfChanged(outFile, serialized)
  await writeIfChanged(templateFile, result.template)
  for (const problem of problems) context.stdout.write(`${formatFinding(problem)}\n`)
  if (problems.length > 0) context.stderr.write(`${shown(outFile)}: ${problems.length} problem${problems.length === 1 ? '' : 's'} the README had that lint rejects; fix ${problems.length === 1 ? 'it' : 'them'} before \`npm run generate\`\n`)
  context.stdout.write(
    `Imported ${result.data.entries.length} entries (${result.format}) from ${shown(readmeFile)}${existing !== undefined ? `, merged into ${shown(outFile)}` : ` into ${shown(outFile)}`}, ${data.entries.length} in all; template ${shown(templateFile)}; ${result.repairs.length} repair${result.repairs.length === 1 ? '' : 's'}\n`
  )
  return problems.length > 0 ? 1 : 0
}
