/**
 * `generate`: renders every template in the templates folder from
 * `papers.json` and writes the outputs that changed; `--check` writes nothing
 * and fails when a committed output is stale.
 */
import { mkdir, readdir, realpath, stat } from 'node:fs/promises'
import path from 'node:path'
import { FindingsError, UsageError } from '../core/errors.ts'
import type { Finding } from '../core/findings.ts'
import { loadPublishable } from '../core/load.ts'
import { renderOutputs, type RenderedOutput } from '../core/render.ts'
import { parseTemplate, type Template } from '../core/template.ts'
import { readConfig } from '../io/config.ts'
import { readText, readTextIfExists, writeIfChanged } from '../io/files.ts'
import type { CommandContext } from './context.ts'

export interface GenerateOptions {
  data: string
  templates: string
  outDir: string
  check: boolean
}

export async function generate(options: GenerateOptions, context: CommandContext): Promise<number> {
  const rendered = await renderAll(options, context.cwd)
  const outDir = path.resolve(context.cwd, options.outDir)
  if (options.check) {
    const stale: string[] = []
    for (const output of rendered) {
      const file = path.join(outDir, output.output)
      const committed = await readTextIfExists(file)
      if (committed !== output.content) stale.push(`${path.relative(context.cwd, file) || file}: ${describeDifference(committed, output.content)}`)
    }
    if (stale.length === 0) {
      context.stdout.write(`${rendered.length} output${rendered.length === 1 ? '' : 's'} up to date\n`)
      return 0
    }
    context.stderr.write(
      `${stale.map((line) => `  ${line}`).join('\n')}\n${stale.length} output${stale.length === 1 ? ' is' : 's are'} stale: run \`npm run generate\` and commit the result\n`
    )
    return 1
  }
  // Every path is checked before anything is written: a link in the output folder must not lead a write outside it.
  for (const output of rendered) await insideOutputFolder(outDir, output.output, context.cwd)
  for (const output of rendered) {
    const file = path.join(outDir, output.output)
    const written = await writeIfChanged(file, output.content)
    context.stdout.write(`${path.relative(context.cwd, file) || file}: ${written ? 'written' : 'unchanged'}\n`)
  }
  return 0
}

/** Refuses an output whose real folder (symbolic links followed) is outside the output folder, or is a file. */
async function insideOutputFolder(outDir: string, output: string, cwd: string): Promise<void> {
  await mkdir(outDir, { recursive: true }).catch(() => undefined)
  const root = await realpath(outDir).catch(() => path.resolve(outDir))
  let folder = path.dirname(path.join(outDir, output))
  // The nearest folder that exists decides where the write lands.
  for (;;) {
    const real = await realpath(folder).catch(() => undefined)
    if (real !== undefined) {
      const shown = path.relative(cwd, folder) || folder
      if (real !== root && !real.startsWith(root + path.sep)) throw new UsageError(`Unexpected output \`${output}\`: \`${shown}\` leads to \`${real}\`, outside the output folder; outputs are written inside it only`)
      if (!(await stat(real)).isDirectory()) throw new UsageError(`Unexpected output \`${output}\`: \`${shown}\` is a file, not a folder; move it, or change \`output\` in the template`)
      return
    }
    const parent = path.dirname(folder)
    if (parent === folder) return
    folder = parent
  }
}

/** Loads the data and every template, renders all outputs; throws before anything is written. */
export async function renderAll(options: Pick<GenerateOptions, 'data' | 'templates'>, cwd: string): Promise<RenderedOutput[]> {
  const dataFile = path.resolve(cwd, options.data)
  const shownData = path.relative(cwd, dataFile) || dataFile
  const config = await readConfig(dataFile, undefined, cwd)
  const { data, document } = loadPublishable(await readText(dataFile, shownData), shownData, config)
  const templates = await loadTemplates(path.resolve(cwd, options.templates), cwd)
  const rendered = renderOutputs(templates, data)
  const problems: Finding[] = rendered.flatMap((output) =>
    output.problems.map((problem) => ({
      ruleId: 'generate/unrenderable',
      severity: 'error' as const,
      file: shownData,
      ...document.locate(problem.pointer),
      pointer: problem.pointer,
      message: problem.message,
      hint: problem.hint
    }))
  )
  if (problems.length > 0) throw new FindingsError(problems, 'some data cannot be rendered')
  return rendered
}

export async function loadTemplates(folder: string, cwd: string): Promise<Template[]> {
  let names: string[]
  try {
    names = (await readdir(folder)).filter((name) => name.endsWith('.md')).sort()
  } catch {
    throw new UsageError(`Cannot read the templates folder \`${folder}\``)
  }
  if (names.length === 0) throw new UsageError(`No templates (\`*.md\`) in \`${folder}\``)
  const templates: Template[] = []
  for (const name of names) {
    const file = path.join(folder, name)
    templates.push(parseTemplate(await readText(file, path.relative(cwd, file) || file), path.relative(cwd, file) || file))
  }
  const outputs = new Map<string, string>()
  for (const template of templates) {
    const other = outputs.get(template.config.output)
    if (other) throw new UsageError(`Templates \`${other}\` and \`${template.file}\` both write \`${template.config.output}\`; give each its own \`output\``)
    outputs.set(template.config.output, template.file)
  }
  return templates
}

function describeDifference(committed: string | undefined, expected: string): string {
  if (committed === undefined) return 'missing'
  const have = committed.split('\n')
  const want = expected.split('\n')
  let line = 0
  while (line < have.length && line < want.length && have[line] === want[line]) line++
  return `differs from papers.json from line ${line + 1}`
}
