/**
 * `init [--from README.md]`: sets up a paper list in a folder: `papers.json`
 * (one example entry, or the list `import` reads from an existing README or
 * BibTeX), its templates, the GitHub workflow, the issue form,
 * CONTRIBUTING.md, and a package.json and .gitignore where there are none.
 * Every file is planned and filled in before the first is written; a bad
 * input writes nothing. A file that exists is kept unless `--force`.
 */
import path from 'node:path'
import { UsageError } from '../core/errors.ts'
import { describeStep, fillStarter, nextCommands, planInit, starterSources, withSchemaUrl, type Place, type Presence, type Step } from '../core/init-plan.ts'
import { parseTemplate } from '../core/template.ts'
import { readTextIfExists, writeIfChanged } from '../io/files.ts'
import { packageFolder, packageVersion, presence, readStarter, withStagingFolder } from '../io/init-files.ts'
import type { CommandContext } from './context.ts'
import { importReadme } from './import.ts'

export interface InitOptions {
  /** The README, BibTeX file or folder of them to adopt. */
  from?: string
  force: boolean
  /** With `from`: the README format, when detection is not wanted. */
  format?: string
  /** With `from`: accept that blocks which look like entries stay prose. */
  allowProse: boolean
  /** Positional arguments: init takes none. */
  extra: string[]
}

/** The list `--from` names: where it is, and where its list is set up. */
interface Adopted {
  /** As given, relative to the working directory. */
  given: string
  file: string
  /** The folder set up. */
  folder: string
  /** The template's file name in `templates/`. */
  templateName: string
}

export async function initCommand(options: InitOptions, context: CommandContext): Promise<number> {
  if (options.extra.length > 0) throw new UsageError(`Unexpected argument \`${options.extra[0]}\`, init takes none (to adopt an existing list: \`init --from ${options.extra[0]}\`)`)
  if (options.from === undefined && (options.format !== undefined || options.allowProse)) throw new UsageError('Unexpected `--format` or `--allow-prose` without `--from`: they say how to read the README `--from` names')
  const adopted = options.from === undefined ? undefined : await adoptedList(options.from, context.cwd)
  const folder = adopted?.folder ?? context.cwd
  const at = (target: string) => path.join(folder, ...target.split('/'))
  const shown = (file: string) => path.relative(context.cwd, file) || '.'

  // Every place first: a folder where a file goes stops init before anything is read or written.
  const starters = starterSources.filter((starter) => adopted === undefined || !starter.example)
  const places: Place[] = [...(adopted ? [{ target: 'papers.json' }, { target: `templates/${adopted.templateName}` }] : []), ...starters]
  const present = new Map<string, Presence>()
  for (const place of places) present.set(place.target, await presence(at(place.target)))
  const { steps, problems } = planInit(places, (target) => present.get(target)!, options.force)
  if (problems.length > 0) throw new UsageError(`Cannot set up the list in \`${shown(folder)}\`; nothing was written:\n  ${problems.join('\n  ')}`)

  // Then every text: the starter files, filled in, and the imported list.
  const root = await packageFolder()
  const version = await packageVersion(root)
  const texts = new Map<string, string>()
  for (const starter of starters) {
    const text = fillStarter(await readStarter(root, starter.source), { version }, starter.source)
    texts.set(starter.target, starter.target === 'papers.json' ? withSchemaUrl(text) : text)
  }
  let code = 0
  if (adopted) {
    const imported = await importStaged(adopted, options, context)
    // The import refused (it said why): nothing is written.
    if (imported.papers === undefined || imported.template === undefined) return imported.code || 1
    code = imported.code
    texts.set('papers.json', withSchemaUrl(imported.papers))
    texts.set(`templates/${adopted.templateName}`, imported.template)
  }
  const notes = await replacedPages(steps, texts, folder, adopted, shown)

  // Only now, the writes: each file atomically.
  let written = 0
  for (const step of steps) {
    const changed = step.action === 'write' || step.action === 'overwrite' ? await writeIfChanged(at(step.place.target), texts.get(step.place.target)!) : false
    if (changed) written++
    context.stdout.write(`${adopted && folder !== context.cwd ? `${shown(folder)}/` : ''}${describeStep(step, changed)}\n`)
  }
  for (const note of notes) context.stdout.write(`${note}\n`)
  const kept = steps.filter((step) => step.action === 'keep' || step.action === 'keep-own').length
  const [first, second] = nextCommands(await readTextIfExists(at('package.json')).catch(() => undefined))
  context.stdout.write(
    `\nawesome-paper-list ${version}: ${written} file${written === 1 ? '' : 's'} written, ${kept} kept${adopted ? `, the list read from ${adopted.given}` : ''}. Next${folder !== context.cwd ? `, in ${shown(folder)}` : ''}:\n  ${first}\n  ${second}\n`
  )
  return code
}

/** What `--from` names: a README (its list is set up beside it), or BibTeX (which becomes README.md here, as `import` does). */
async function adoptedList(given: string, cwd: string): Promise<Adopted> {
  const file = path.resolve(cwd, given)
  const kind = await presence(file)
  if (kind === 'missing' || kind === 'not-a-folder') throw new UsageError(`Cannot read \`${given}\`: no such file; expected the README of the list to adopt (\`init --from README.md\`), a BibTeX file or a folder of them; nothing was written`)
  const bibtex = kind === 'folder' || /\.(bib|bibtex|biblatex)$/i.test(given)
  return bibtex ? { given, file, folder: cwd, templateName: 'README.md' } : { given, file, folder: path.dirname(file), templateName: path.basename(file) }
}

/**
 * Runs the import command itself, into a staging folder, so that a refusal
 * writes nothing and a success writes nothing yet. What it prints names the
 * staging folder; the places the files will have are put in its stead.
 */
async function importStaged(adopted: Adopted, options: InitOptions, context: CommandContext): Promise<{ code: number; papers?: string | undefined; template?: string | undefined }> {
  return withStagingFolder(async (stage) => {
    const out = path.join(stage, 'papers.json')
    const template = path.join(stage, 'templates', adopted.templateName)
    const captured = { stdout: '', stderr: '' }
    const capture: CommandContext = { ...context, stdout: { write: (text) => void (captured.stdout += text) }, stderr: { write: (text) => void (captured.stderr += text) } }
    try {
      const code = await importReadme({ readme: [adopted.given], out, template, format: options.format, replace: true, force: false, allowProse: options.allowProse }, capture)
      return { code, papers: await readTextIfExists(out), template: await readTextIfExists(template) }
    } finally {
      context.stdout.write(relocate(captured.stdout, stage, adopted.folder, context.cwd))
      context.stderr.write(relocate(captured.stderr, stage, adopted.folder, context.cwd))
    }
  })
}

/** Text that names the staging folder, naming the folder set up instead. */
function relocate(text: string, stage: string, folder: string, cwd: string): string {
  const into = path.relative(cwd, folder)
  let result = text
  for (const named of [stage, path.relative(cwd, stage)]) result = result.split(`${named}${path.sep}`).join(into ? `${into}${path.sep}` : '').split(named).join(into || '.')
  return result
}

/**
 * A page that exists where a new template will have `generate` write its
 * output: said before it happens (the README `--from` reads is meant to be
 * written back).
 */
async function replacedPages(steps: readonly Step[], texts: ReadonlyMap<string, string>, folder: string, adopted: Adopted | undefined, shown: (file: string) => string): Promise<string[]> {
  const notes: string[] = []
  for (const step of steps) {
    // A template that was there already has been writing its page: only a new one is news.
    if (!step.place.target.startsWith('templates/') || step.action !== 'write') continue
    const output = path.join(folder, parseTemplate(texts.get(step.place.target)!, step.place.target).config.output)
    if (output === adopted?.file || (await presence(output)) !== 'file') continue
    const advice = adopted === undefined ? `; to adopt its list instead, run \`init --from ${shown(output)} --force\`` : ''
    notes.push(`${shown(output)}: exists; \`generate\` will replace it with the page \`${step.place.target}\` declares${advice}`)
  }
  return notes
}
