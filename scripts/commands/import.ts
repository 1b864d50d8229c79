/**
 * `import README.md`: writes the README's entries to `papers.json` (merged
 * into it when it exists) and its prose as a template, and reports every
 * malformation it repaired.
 */
import { readdir } from 'node:fs/promises'
import path from 'node:path'
import { UsageError } from '../core/errors.ts'
import { formatFinding } from '../core/findings.ts'
import { loadPapers } from '../core/load.ts'
import type { PapersFile } from '../core/model.ts'
import { renderOutput } from '../core/render.ts'
import { serializePapers } from '../core/serialize.ts'
import { parseTemplate } from '../core/template.ts'
import { importBibtex } from '../import/bibtex.ts'
import { importMarkdown } from '../import/index.ts'
import { mergeLists } from '../import/merge.ts'
import { freeOutput, mergeTemplate } from '../import/template-merge.ts'
import { readConfig } from '../io/config.ts'
import { readText, readTextIfExists, writeIfChanged } from '../io/files.ts'
import { fixText } from '../lint/engine.ts'
import { schemaUrl } from '../core/schema-url.ts'
import type { CommandContext } from './context.ts'
import { loadTemplates } from './generate.ts'

export interface ImportCommandOptions {
  readme: string[]
  out: string
  template?: string
  format?: string
  replace: boolean
  /** Overwrite an existing template. */
  force: boolean
  /** Accept that blocks which look like entries stay prose. */
  allowProse: boolean
}

export async function importReadme(options: ImportCommandOptions, context: CommandContext): Promise<number> {
  const shown = (file: string) => path.relative(context.cwd, file) || file
  const bibFiles = await bibtexSources(options.readme, context.cwd)
  if (bibFiles === undefined && options.readme.length !== 1) throw new UsageError('Expected one README to import (`npm run import -- README.md`), or BibTeX files or a folder of them (`npm run import -- refs/*.bib`)')
  if (bibFiles !== undefined && options.format !== undefined) throw new UsageError('`--format` is for a README; BibTeX files are read as BibTeX')
  // BibTeX has no README of its own: the list it becomes is README.md.
  const readmeFile = bibFiles === undefined ? path.resolve(context.cwd, options.readme[0]!) : path.resolve(context.cwd, 'README.md')
  const result =
    bibFiles === undefined
      ? importMarkdown(await readText(readmeFile), { output: path.basename(readmeFile), format: options.format, file: shown(readmeFile) })
      : importBibtex(await Promise.all(bibFiles.map(async (file) => ({ file: shown(file), text: await readText(file, shown(file)) }))), { output: 'README.md' })
  const from = bibFiles === undefined ? shown(readmeFile) : bibFiles.length === 1 ? shown(bibFiles[0]!) : `${bibFiles.length} BibTeX files`
  // Never a silent partial import: every block that looks like an entry and was not read is named.
  for (const left of result.leftovers) context.stdout.write(`${shown(readmeFile)}:${left.line}:${left.column}  ${options.allowProse ? 'kept as prose' : 'not imported'}  a ${left.what} that looks like an entry${left.why ? `, ${left.why}` : ''}: \`${left.text}\`  import/left-as-prose\n`)
  if (result.leftovers.length > 0 && !options.allowProse) {
    context.stderr.write(
      `${shown(readmeFile)}: read ${result.data.entries.length} entr${result.data.entries.length === 1 ? 'y' : 'ies'} (${result.format}), but ${result.leftovers.length} block${result.leftovers.length === 1 ? '' : 's'} that look${result.leftovers.length === 1 ? 's' : ''} like entries ${result.leftovers.length === 1 ? 'was' : 'were'} not read; nothing was written. The importer read it as the ${result.format} format; if these blocks are not entries, run again with \`--allow-prose\` (outside the entries they stay prose; among them, regenerating drops them, as the report says)\n`
    )
    return 1
  }

  const outFile = path.resolve(context.cwd, options.out)
  const existing = options.replace ? undefined : await readTextIfExists(outFile)
  // Editors find the schema beside the list when it has a copy (this repository does), else the published one.
  const schemaCopy = path.join(path.dirname(outFile), 'schema/papers.schema.json')
  let data: PapersFile = { ...result.data, $schema: (await readTextIfExists(schemaCopy)) !== undefined ? './schema/papers.schema.json' : schemaUrl }
  const notes: string[] = []
  const config = await readConfig(outFile, undefined, context.cwd)
  if (existing !== undefined) {
    const merged = mergeLists(loadPapers(existing, shown(outFile)).data, result.data, config.lint.venueAliases)
    data = merged.data
    notes.push(...merged.notes)
  }
  // In the canonical form `fix` writes, so a fresh import lints clean; and what is written must load.
  const fixed = fixText(serializePapers(data), shown(outFile), config)
  // What the fixes change (an arXiv PDF link written as its abstract page, …) shows in the regenerated README: each is said.
  const fixes = fixed.applied
  const serialized = fixed.text
  loadPapers(serialized, shown(outFile), config)
  const problems = fixed.findings.filter((finding) => finding.severity === 'error')
  const templateFile = path.resolve(context.cwd, options.template ?? path.join('templates', path.basename(readmeFile)))

  for (const repair of result.repairs) {
    context.stdout.write(`${repair.file ?? shown(readmeFile)}:${repair.line}:${repair.column}  ${repair.note ? 'noted' : 'repaired'}  ${repair.message}  ${repair.kind}\n`)
  }
  for (const note of notes) context.stdout.write(`${shown(outFile)}  merged  ${note}\n`)
  for (const fix of fixes) context.stdout.write(`${shown(outFile)}  fixed  ${fix.message}  ${fix.ruleId}\n`)
  // A template that already turns the data into this README needs nothing from the import.
  const source = bibFiles === undefined ? (await readText(readmeFile)).replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n') : undefined
  const siblings = await loadTemplates(path.dirname(templateFile), context.cwd).catch(() => [])
  const reproduces = (text: string) => {
    if (source === undefined) return false
    try {
      const template = parseTemplate(text, shown(templateFile))
      // The views marker links to the other outputs: render with every template's configuration, this one's as given.
      const configs = [...siblings.filter((other) => path.resolve(context.cwd, other.file) !== templateFile).map((other) => other.config), template.config]
      return renderOutput(template, JSON.parse(serialized) as PapersFile, configs).content === source
    } catch {
      return false
    }
  }
  const templateNote = await writeTemplate(templateFile, result.template, options.force, shown, reproduces)
  await writeIfChanged(outFile, serialized)
  for (const problem of problems) context.stdout.write(`${formatFinding(problem)}\n`)
  if (problems.length > 0) context.stderr.write(`${shown(outFile)}: ${problems.length} problem${problems.length === 1 ? '' : 's'} the README had that lint rejects; fix ${problems.length === 1 ? 'it' : 'them'} before \`npm run generate\`\n`)
  context.stdout.write(
    `Imported ${result.data.entries.length} entr${result.data.entries.length === 1 ? 'y' : 'ies'} (${result.format}) from ${from}${result.leftovers.length > 0 ? ` (${result.leftovers.length} entry-like block${result.leftovers.length === 1 ? '' : 's'} kept as prose)` : ''}${existing !== undefined ? `, merged into ${shown(outFile)}` : ` into ${shown(outFile)}`}, ${data.entries.length} in all; ${templateNote}; ${count(result.repairs.filter((repair) => !repair.note).length, 'repair')}${fixes.length > 0 ? `, ${count(fixes.length, 'fix', 'fixes')}` : ''}${result.repairs.some((repair) => repair.note) ? `, ${count(result.repairs.filter((repair) => repair.note).length, 'note')}` : ''}\n`
  )
  return problems.length > 0 ? 1 : 0
}

const count = (n: number, noun: string, plural = `${noun}s`) => `${n} ${n === 1 ? noun : plural}`

/**
 * The BibTeX files to import when the arguments name `.bib` files or folders
 * holding them (each folder's files in name order); undefined for a README.
 */
async function bibtexSources(names: readonly string[], cwd: string): Promise<string[] | undefined> {
  const isBib = (name: string) => /\.(bib|bibtex|biblatex)$/i.test(name)
  const files: string[] = []
  for (const name of names) {
    const file = path.resolve(cwd, name)
    if (isBib(name)) {
      files.push(file)
      continue
    }
    const inside = await readdir(file).catch(() => undefined)
    if (inside === undefined) return undefined
    const found = inside.filter(isBib).sort()
    if (found.length === 0) throw new UsageError(`No BibTeX file (\`.bib\`) in the folder \`${name}\``)
    files.push(...found.map((child) => path.join(file, child)))
  }
  return files.length > 0 ? files : undefined
}

/**
 * Writes the imported template without losing a hand-written one: a new
 * template takes an output no other template claims; an existing one keeps
 * everything and gains the options the README needs, or, of another format,
 * is left alone with the import's written beside it. `--force` overwrites.
 */
async function writeTemplate(file: string, template: string, force: boolean, shown: (file: string) => string, reproduces: (text: string) => boolean): Promise<string> {
  const existing = await readTextIfExists(file)
  if (existing === undefined || force) {
    const folder = path.dirname(file)
    const others = existing === undefined ? await claimedOutputs(folder, file) : new Set<string>()
    const output = /^output: (.+)$/m.exec(template)?.[1]
    const free = output ? freeOutput(output, others, path.basename(file)) : undefined
    const text = free && free !== output ? template.replace(/^output: .+$/m, `output: ${free}`) : template
    await writeIfChanged(file, text)
    return `template ${shown(file)}${existing !== undefined ? ' (overwritten: --force)' : ''}${free && free !== output ? ` (output ${free}: ${output} is another template's)` : ''}`
  }
  if (existing === template || reproduces(existing)) return `template ${shown(file)} (unchanged)`
  const merged = mergeTemplate(existing, template)
  if (merged.kind === 'merged') {
    await writeIfChanged(file, merged.text)
    return `template ${shown(file)} kept as written${merged.added.length > 0 ? `, its front matter gained ${merged.added.map((key) => `\`options.${key}\``).join(', ')}` : ''} (\`--force\` overwrites it)`
  }
  const beside = `${file}.imported`
  await writeIfChanged(beside, template)
  return `template ${shown(file)} kept as written (${merged.why}); the imported one is ${shown(beside)}, which generate does not read (\`--force\` overwrites instead)`
}

/** The outputs the other templates of a folder claim. */
async function claimedOutputs(folder: string, except: string): Promise<Set<string>> {
  const claimed = new Set<string>()
  let names: string[]
  try {
    names = await readdir(folder)
  } catch {
    return claimed
  }
  for (const name of names.filter((candidate) => candidate.endsWith('.md'))) {
    const file = path.join(folder, name)
    if (file === except) continue
    const output = /^---\r?\n[\s\S]*?^output:\s*(.+?)\s*$/m.exec((await readTextIfExists(file)) ?? '')?.[1]
    if (output) claimed.add(output.replace(/^["']|["']$/g, ''))
  }
  return claimed
}
