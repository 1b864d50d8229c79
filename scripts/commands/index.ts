/** Every command, its flags and its help, declared once. */
import type { ParseArgsConfig } from 'node:util'
import { exitCodes } from '../core/errors.ts'
import type { CommandContext } from './context.ts'
import { addCommand } from './add.ts'
import { checkArxivCommand } from './check-arxiv.ts'
import { checkLinksCommand } from './check-links.ts'
import { checkReposCommand } from './check-repos.ts'
import { generate } from './generate.ts'
import { importReadme } from './import.ts'
import { initCommand } from './init.ts'
import { regenerate } from './regenerate.ts'
import { reportCommand } from './report.ts'
import { lint } from './lint.ts'
import { siteCommand } from './site.ts'

type Values = Record<string, string | boolean | string[] | undefined>

export interface CommandSpec {
  summary: string
  usage: string
  options: NonNullable<ParseArgsConfig['options']>
  /** Help line per option. */
  help: Record<string, string>
  run(values: Values, positionals: string[], context: CommandContext): Promise<number>
}

const string = (values: Values, name: string, fallback: string) => (typeof values[name] === 'string' ? (values[name] as string) : fallback)

export const commands: Record<string, CommandSpec> = {
  generate: {
    summary: 'Regenerate every README from papers.json and the templates.',
    usage: 'generate [--data papers.json] [--templates templates] [--out-dir .] [--check]',
    options: { data: { type: 'string' }, templates: { type: 'string' }, 'out-dir': { type: 'string' }, check: { type: 'boolean' } },
    help: {
      data: 'the data file (default papers.json)',
      templates: 'the folder of templates, one per output (default templates)',
      'out-dir': 'where the outputs are written (default .)',
      check: 'write nothing; exit 1 when an output is stale'
    },
    run: (values, _positionals, context) =>
      generate(
        { data: string(values, 'data', 'papers.json'), templates: string(values, 'templates', 'templates'), outDir: string(values, 'out-dir', '.'), check: values.check === true },
        context
      )
  },
  regenerate: {
    summary: 'What the README workflow runs on main: lint, generate every output, check, then (--push) commit and push, or open a pull request when main is protected.',
    usage: 'regenerate [--push] [--data papers.json] [--templates templates] [--out-dir .] [--remote origin] [--branch main] [--pr-branch paper-list/regenerate]',
    options: { data: { type: 'string' }, templates: { type: 'string' }, 'out-dir': { type: 'string' }, push: { type: 'boolean' }, remote: { type: 'string' }, branch: { type: 'string' }, 'pr-branch': { type: 'string' } },
    help: {
      push: 'commit the outputs that changed as the Actions bot and push them',
      remote: 'the remote to push to (default origin)',
      branch: 'the branch to publish on (default main)',
      'pr-branch': 'the branch of the pull request when the branch is protected (default paper-list/regenerate)'
    },
    run: (values, _positionals, context) =>
      regenerate(
        {
          data: string(values, 'data', 'papers.json'),
          templates: string(values, 'templates', 'templates'),
          outDir: string(values, 'out-dir', '.'),
          push: values.push === true,
          remote: string(values, 'remote', 'origin'),
          branch: string(values, 'branch', 'main'),
          prBranch: string(values, 'pr-branch', 'paper-list/regenerate')
        },
        context
      )
  },
  lint: {
    summary: 'Check papers.json: every problem at once, with its place and its fix.',
    usage: 'lint [papers.json] [--fix] [--format human|json|sarif] [--max-warnings N | --strict] [--config paper-list.config.json] [--rules]',
    options: { fix: { type: 'boolean' }, format: { type: 'string' }, 'max-warnings': { type: 'string' }, strict: { type: 'boolean' }, config: { type: 'string' }, rules: { type: 'boolean' } },
    help: {
      fix: 'apply the safe fixes and rewrite the file in canonical form',
      format: '`human` (default), `json`, or `sarif` (a SARIF 2.1.0 log for GitHub code scanning)',
      'max-warnings': 'exit 1 when there are more than N warnings, as with an error (N a whole number, 0 or more; info findings never count)',
      strict: 'exit 1 on any warning: the same as `--max-warnings 0`',
      config: "the configuration file (default: paper-list.config.json or package.json's paperList in the working directory, else paper-list.config.json beside the data file)",
      rules: 'list the rules, their default severity and whether they fix'
    },
    run: (values, positionals, context) =>
      lint(
        {
          files: positionals,
          fix: values.fix === true,
          format: string(values, 'format', 'human'),
          ...(typeof values.config === 'string' ? { config: values.config } : {}),
          listRules: values.rules === true,
          ...(typeof values['max-warnings'] === 'string' ? { maxWarnings: values['max-warnings'] } : {}),
          strict: values.strict === true
        },
        context
      )
  },
  'check:links': {
    summary: 'Check every link of papers.json: alive, dead, redirected, blocked, transient, skipped. URLs matching a line of `.linkignore` (regular expressions) are not checked.',
    usage: 'check:links [--data papers.json] [--config paper-list.config.json] [--fix] [--no-cache] [--allow-private]',
    options: { data: { type: 'string' }, config: { type: 'string' }, fix: { type: 'boolean' }, 'no-cache': { type: 'boolean' }, 'allow-private': { type: 'boolean' } },
    help: {
      data: 'the data file (default papers.json)',
      config: 'the configuration file (default paper-list.config.json beside the data file)',
      fix: 'write the targets of permanent redirects into the data file',
      'no-cache': 'check every link, and neither read nor write the cache',
      'allow-private': 'connect to loopback and private addresses (for local test servers)'
    },
    run: (values, _positionals, context) =>
      checkLinksCommand(
        {
          data: string(values, 'data', 'papers.json'),
          ...(typeof values.config === 'string' ? { config: values.config } : {}),
          fix: values.fix === true,
          cache: values['no-cache'] !== true,
          allowPrivate: values['allow-private'] === true
        },
        context
      )
  },
  'check:arxiv': {
    summary: 'Compare every arXiv entry with arXiv: ID, title, authors, date, published since.',
    usage: 'check:arxiv [--data papers.json] [--config paper-list.config.json] [--fix] [--format human|json|sarif] [--no-cache] [--report reports/arxiv.json]',
    options: { data: { type: 'string' }, config: { type: 'string' }, fix: { type: 'boolean' }, format: { type: 'string' }, 'no-cache': { type: 'boolean' }, report: { type: 'string' } },
    help: {
      data: 'the data file (default papers.json)',
      config: 'the configuration file (default paper-list.config.json beside the data file)',
      fix: 'take arXiv’s title and authors for preprints',
      format: '`human` (default), `json`, or `sarif` (SARIF 2.1.0; unverified findings stay warnings)',
      report: 'the JSON report `report` reads, relative to the data file (default reports/arxiv.json)',
      'no-cache': 'ask arXiv about every ID, and neither read nor write the cache'
    },
    run: (values, _positionals, context) =>
      checkArxivCommand(
        { data: string(values, 'data', 'papers.json'), ...(typeof values.config === 'string' ? { config: values.config } : {}), fix: values.fix === true, format: string(values, 'format', 'human'), cache: values['no-cache'] !== true, report: string(values, 'report', 'reports/arxiv.json') },
        context
      )
  },
  'check:repos': {
    summary: 'Check every GitHub code link through GitHub’s APIs: archived, disabled, moved, missing, blocked, path missing.',
    usage: 'check:repos [--data papers.json] [--config paper-list.config.json] [--fix] [--format human|json|sarif] [--no-cache] [--report reports/repos.json]',
    options: { data: { type: 'string' }, config: { type: 'string' }, fix: { type: 'boolean' }, format: { type: 'string' }, 'no-cache': { type: 'boolean' }, report: { type: 'string' } },
    help: {
      data: 'the data file (default papers.json)',
      config: 'the configuration file (default paper-list.config.json beside the data file)',
      fix: 'write the new URLs of moved repositories',
      format: '`human` (default), `json`, or `sarif` (SARIF 2.1.0; unverified findings stay warnings)',
      report: 'the JSON report `report` reads, relative to the data file (default reports/repos.json)',
      'no-cache': 'ask about every repository without ETags, and neither read nor write the cache'
    },
    run: (values, _positionals, context) =>
      checkReposCommand(
        { data: string(values, 'data', 'papers.json'), ...(typeof values.config === 'string' ? { config: values.config } : {}), fix: values.fix === true, format: string(values, 'format', 'human'), cache: values['no-cache'] !== true, report: string(values, 'report', 'reports/repos.json') },
        context
      )
  },
  add: {
    summary: 'Add a paper from its arXiv ID, then regenerate the READMEs.',
    usage: 'add 2409.02060 [--category id] [--note text]... [--key name] [--venue "CVPR 2024"] [--code URL] [--kind paper] [--data papers.json] [--no-generate] [--no-cache]',
    options: {
      data: { type: 'string' },
      config: { type: 'string' },
      category: { type: 'string' },
      note: { type: 'string', multiple: true },
      key: { type: 'string' },
      venue: { type: 'string' },
      code: { type: 'string' },
      kind: { type: 'string' },
      'no-generate': { type: 'boolean' },
      'no-cache': { type: 'boolean' }
    },
    help: {
      category: 'the id of the category to list it in',
      note: 'a highlight note in that category (repeatable)',
      key: 'its short key name, e.g. OLMoE',
      venue: 'a key of `venues` (default arXiv)',
      code: 'the code repository URL',
      kind: 'paper (default), survey, course, presentation or book',
      'no-generate': 'do not regenerate the READMEs',
      'no-cache': 'ask arXiv even when its answer of the last day is cached, and neither read nor write the cache'
    },
    run: (values, positionals, context) => {
      const text = (name: string) => (typeof values[name] === 'string' ? { [name]: values[name] as string } : {})
      return addCommand(
        {
          ids: positionals,
          data: string(values, 'data', 'papers.json'),
          ...text('config'),
          ...text('category'),
          ...text('key'),
          ...text('venue'),
          ...text('code'),
          ...text('kind'),
          notes: (values.note as unknown as string[] | undefined) ?? [],
          generate: values['no-generate'] !== true,
          cache: values['no-cache'] !== true
        },
        context
      )
    }
  },
  report: {
    summary: 'Combine the link, arXiv and repository results into one report; keep it in one GitHub issue.',
    usage: 'report [--issue] [--reports reports] [--label link-report] [--data papers.json] [--state .cache/report-state.json] [--last-activity DATE]',
    options: { data: { type: 'string' }, config: { type: 'string' }, reports: { type: 'string' }, issue: { type: 'boolean' }, label: { type: 'string' }, state: { type: 'string' }, 'last-activity': { type: 'string' } },
    help: {
      reports: 'the folder with links.json, arxiv.json and repos.json (default reports)',
      issue: 'create, update or close the one report issue (needs GITHUB_REPOSITORY and GITHUB_TOKEN)',
      label: 'the label that marks the report issue (default link-report)',
      data: 'the data file (default papers.json)',
      state: 'what the last verified run found, relative to the data file (default .cache/report-state.json)',
      'last-activity': 'the date of the last commit (`git log -1 --format=%cI`): warns when GitHub is about to disable the schedule'
    },
    run: (values, _positionals, context) =>
      reportCommand(
        {
          data: string(values, 'data', 'papers.json'),
          ...(typeof values.config === 'string' ? { config: values.config } : {}),
          reports: string(values, 'reports', 'reports'),
          issue: values.issue === true,
          label: string(values, 'label', 'link-report'),
          state: string(values, 'state', '.cache/report-state.json'),
          ...(typeof values['last-activity'] === 'string' ? { lastActivity: values['last-activity'] } : {})
        },
        context
      )
  },
  site: {
    summary: 'Write the searchable page (search, filters, charts, copy-BibTeX) into a folder for GitHub Pages.',
    usage: 'site [--out site] [--title "Paper list"] [--data papers.json]',
    options: { out: { type: 'string' }, title: { type: 'string' }, data: { type: 'string' }, config: { type: 'string' } },
    help: {
      out: 'the folder written (default site; not committed)',
      title: 'the page title (default Papers)'
    },
    run: (values, _positionals, context) => siteCommand({ data: string(values, 'data', 'papers.json'), out: string(values, 'out', 'site'), title: string(values, 'title', 'Papers'), ...(typeof values.config === 'string' ? { config: values.config } : {}) }, context)
  },
  import: {
    summary: 'Read an existing README, or BibTeX files, into papers.json and a template.',
    usage: 'import README.md | a.bib b.bib | folder/ [--out papers.json] [--template templates/README.md] [--format venue-table|categorized|table|lines] [--replace] [--force] [--allow-prose]',
    options: { out: { type: 'string' }, template: { type: 'string' }, format: { type: 'string' }, replace: { type: 'boolean' }, force: { type: 'boolean' }, 'allow-prose': { type: 'boolean' } },
    help: {
      out: 'the data file to write; merged into when it exists (default papers.json)',
      template: 'the template to write (default templates/<name of the README>)',
      format: 'the README format, when detection is not wanted',
      replace: 'overwrite the data file instead of merging into it',
      force: 'overwrite an existing template (by default it is kept: it gains missing options, or the import is written beside it)',
      'allow-prose': 'accept that blocks which look like entries (a table row with a link, an item or paragraph with a paper link) stay prose'
    },
    run: (values, positionals, context) =>
      importReadme(
        {
          readme: positionals,
          out: string(values, 'out', 'papers.json'),
          template: typeof values.template === 'string' ? values.template : undefined,
          format: typeof values.format === 'string' ? values.format : undefined,
          replace: values.replace === true,
          force: values.force === true,
          allowProse: values['allow-prose'] === true
        },
        context
      )
  },
  init: {
    summary: 'Set up a paper list here: papers.json, templates, a GitHub workflow, an issue form, CONTRIBUTING.md; `--from` adopts an existing README or BibTeX. Overwrites nothing without --force.',
    usage: 'init [--from README.md | refs.bib | refs/] [--force] [--format venue-table|categorized|table|lines] [--allow-prose]',
    options: { from: { type: 'string' }, force: { type: 'boolean' }, format: { type: 'string' }, 'allow-prose': { type: 'boolean' } },
    help: {
      from: 'adopt this list instead of starting with an example entry: a README (set up in its folder; `generate` then writes it from papers.json) or BibTeX files (a folder of them)',
      force: 'overwrite the files that exist (never package.json or .gitignore, which init only creates)',
      format: 'with --from: the README format, when detection is not wanted',
      'allow-prose': 'with --from: accept that blocks which look like entries stay prose'
    },
    run: (values, positionals, context) =>
      initCommand(
        {
          ...(typeof values.from === 'string' ? { from: values.from } : {}),
          force: values.force === true,
          ...(typeof values.format === 'string' ? { format: values.format } : {}),
          allowProse: values['allow-prose'] === true,
          extra: positionals
        },
        context
      )
  }
}

/** What the options several commands share mean, unless a command says otherwise. */
const commonHelp: Record<string, string> = {
  data: 'the data file (default papers.json)',
  config: 'the configuration file (default paper-list.config.json beside the data file)',
  format: '`human` (default) or `json`',
  templates: 'the folder of templates, one per output (default templates)',
  'out-dir': 'where the outputs are written (default .)',
  'no-cache': 'neither read nor write the cache'
}

/** Each option of a command with what it does, every one of them (`help` is always added). */
export function optionHelp(name: string): Array<[string, string]> {
  const command = commands[name]!
  return Object.keys(command.options).map((flag) => [flag, command.help[flag] ?? commonHelp[flag] ?? ''])
}

export function helpText(name?: string): string {
  if (name && commands[name]) {
    const command = commands[name]
    const options = optionHelp(name)
    const width = Math.max(...options.map(([flag]) => flag.length)) + 2
    const flags = options.map(([flag, text]) => `  --${flag.padEnd(width)} ${text}`)
    // `init` makes a list, so no list has it as an npm script.
    const script = name === 'init' ? '' : `   (in a list with the npm scripts: npm run ${name} -- …)`
    return `Usage: awesome-paper-list ${command.usage}${script}\n\n${command.summary}\n\n${flags.join('\n')}\n`
  }
  const width = Math.max(...Object.keys(commands).map((known) => known.length)) + 2
  const lines = Object.entries(commands).map(([known, command]) => `  ${known.padEnd(width)} ${command.summary}`)
  return `Usage: awesome-paper-list <command> [options]   (npx awesome-paper-list <command>; in a list with the npm scripts: npm run <command> -- [options])\n\nCommands:\n${lines.join('\n')}\n\nExit codes: ${exitCodes.ok} ok, ${exitCodes.findings} errors found or output stale, ${exitCodes.usage} usage or configuration error, ${exitCodes.unexpected} unexpected failure, ${exitCodes.reportRefused} GitHub refused the report issue (the report is still written), ${exitCodes.unverified} a service could not be reached or answered what did not validate (part of the check unverified, nothing unverified written).\nRun \`<command> --help\` for its options.\n`
}
