/**
 * What `init` writes, decided before anything is written: the starter files
 * and their places, their texts filled in, and for each place whether it is
 * written, overwritten or kept. Pure: the command reads the starter files and what
 * exists, asks this module, then writes the plan.
 */
import type { PapersFile } from './model.ts'
import { schemaUrl } from './schema-url.ts'
import { serializePapers } from './serialize.ts'

/** A starter file of the package's `init/` folder and where it goes. */
export interface StarterSource {
  /** Path in `init/`. */
  source: string
  /** Path in the folder set up, with `/`. */
  target: string
  /** The example list: written only when no `--from` list is imported. */
  example?: boolean
  /** The project's own file (package.json, .gitignore): created when missing, never overwritten, not even with `--force`. */
  createOnly?: boolean
}

export const starterSources: readonly StarterSource[] = [
  { source: 'papers.json', target: 'papers.json', example: true },
  { source: 'templates/README.md', target: 'templates/README.md', example: true },
  { source: 'templates/VENUES.md', target: 'templates/VENUES.md', example: true },
  { source: 'workflow.yml', target: '.github/workflows/paper-list.yml' },
  { source: 'suggest-paper.yml', target: '.github/ISSUE_TEMPLATE/suggest-paper.yml' },
  { source: 'CONTRIBUTING.md', target: 'CONTRIBUTING.md' },
  { source: 'package.json', target: 'package.json', createOnly: true },
  // npm leaves a file named `.gitignore` out of a package: the starter is `gitignore`.
  { source: 'gitignore', target: '.gitignore', createOnly: true }
]

/** A place init writes a file to. */
export interface Place {
  /** Path in the folder set up, with `/`. */
  target: string
  createOnly?: boolean
}

/** What is at a place now. */
export type Presence = 'missing' | 'file' | 'folder' | 'not-a-folder'

export type Action = 'write' | 'overwrite' | 'keep' | 'keep-own'

export interface Step {
  place: Place
  action: Action
}

/**
 * Each file's action from what is at its place: a missing file is written;
 * an existing one kept, or overwritten with `force` (a create-only file is
 * always kept). A folder where a file goes, or a file where a folder goes,
 * is a problem: then nothing may be written.
 */
export function planInit(places: readonly Place[], presence: (target: string) => Presence, force: boolean): { steps: Step[]; problems: string[] } {
  const steps: Step[] = []
  const problems: string[] = []
  for (const place of places) {
    const present = presence(place.target)
    if (present === 'folder') problems.push(`\`${place.target}\` is a folder, expected a file or nothing there; move the folder away (or run init in another folder)`)
    else if (present === 'not-a-folder') problems.push(`\`${place.target}\` cannot be written: a part of its path is a file, expected a folder; move that file away`)
    else steps.push({ place, action: present === 'missing' ? 'write' : place.createOnly ? 'keep-own' : force ? 'overwrite' : 'keep' })
  }
  return { steps, problems }
}

/** One line per file: what happened to it. `changed` is false when an overwrite found the same bytes. */
export function describeStep(step: Step, changed = true): string {
  const says: Record<Action, string> = {
    write: 'written',
    overwrite: changed ? 'overwritten (--force)' : 'unchanged',
    keep: 'exists, kept (--force overwrites)',
    'keep-own': 'exists, kept (init only creates it, even with --force; add what it lacks by hand)'
  }
  return `${step.place.target}: ${says[step.action]}`
}

/** A starter file's text with its `{{name}}` placeholders filled in; an unknown placeholder is a bug of the starter. */
export function fillStarter(text: string, values: Record<string, string>, source: string): string {
  return text.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => {
    const value = values[name]
    if (value === undefined) throw new Error(`Unexpected placeholder \`${whole}\` in init/${source}, expected one of ${Object.keys(values).map((known) => `\`{{${known}}}\``).join(', ')}`)
    return value
  })
}

/** `papers.json` in canonical form, its `$schema` the published schema, so editors validate it without a copy of the schema. */
export function withSchemaUrl(papersText: string): string {
  const data = JSON.parse(papersText) as PapersFile
  return serializePapers({ ...data, $schema: schemaUrl })
}

/** The two commands to run next: through the scripts of the folder's package.json when it has them (init's has), else with npx. */
export function nextCommands(packageJson: string | undefined): [string, string] {
  let generate: unknown
  try {
    generate = (JSON.parse(packageJson ?? '{}') as { scripts?: Record<string, unknown> }).scripts?.generate
  } catch {
    generate = undefined
  }
  return typeof generate === 'string' && generate.includes('awesome-paper-list') ? ['npm install', 'npm run generate'] : ['npx awesome-paper-list generate', 'npx awesome-paper-list lint']
}
