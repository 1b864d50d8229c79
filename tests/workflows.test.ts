/**
 * The GitHub Actions workflows pass a real workflow validator, and say what
 * matters: triggers, least permissions, concurrency, the cache key, pinned
 * major versions of actions. The issue form and the templates are checked too.
 */
import { readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { validateWorkflow } from '@action-validator/core'
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

test('every action is pinned to a major version', () => {
  for (const name of readdirSync(folder)) {
    for (const job of Object.values(workflow(name).jobs) as Array<{ steps: Array<{ uses?: string }> }>) {
      for (const step of job.steps) if (step.uses) expect(step.uses, `${name}: ${step.uses}`).toMatch(/^actions\/[a-z-]+(\/[a-z]+)?@v\d+$/)
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
  test('installs from the lockfile with npm’s cache, type-checks, tests, lints and checks the READMEs', () => {
    for (const job of Object.values(ci.jobs) as Array<{ steps: Array<{ uses?: string; run?: string; with?: { cache?: string } }> }>) {
      expect(job.steps.find((step) => step.uses?.startsWith('actions/setup-node'))!.with!.cache).toBe('npm')
      expect(job.steps.some((step) => step.run === 'npm ci')).toBe(true)
    }
    const runs = [...steps(ci.jobs.test), ...steps(ci.jobs.data)].map((step) => step.run ?? '')
    expect(runs).toContain('npm run typecheck')
    expect(runs).toContain('npm test')
    expect(runs).toContain('npm run lint')
    expect(runs.some((run) => run.includes('generate -- --check') && run.includes('Run `npm run generate` and commit the result'))).toBe(true)
    // Offline: nothing that checks the world.
    expect(runs.join('\n')).not.toMatch(/check:(links|arxiv|repos)/)
  })
})

describe('readme.yml', () => {
  const readme = workflow('readme.yml')
  test('runs on main when the data, templates or generator change; writes as the bot; queues, never loops', () => {
    expect(readme.on.push.branches).toEqual(['main'])
    expect(readme.on.push.paths).toEqual(expect.arrayContaining(['papers.json', 'templates/**', 'scripts/**']))
    expect(readme.on.push.paths).not.toContain('README.md')
    expect(readme.permissions).toEqual({ contents: 'write' })
    expect(readme.concurrency).toEqual({ group: 'regenerate-readmes', 'cancel-in-progress': false })
    expect(readme.jobs.regenerate.if).toBe("github.actor != 'github-actions[bot]'")
    const script = steps(readme.jobs.regenerate).map((step) => step.run ?? '').join('\n')
    expect(script).toContain("git config user.name 'github-actions[bot]'")
    expect(script).toContain('[skip ci]')
    expect(script).toContain('git diff --quiet -- README.md TOPICS.md')
  })
})

describe('links.yml', () => {
  const links = workflow('links.yml')
  test('weekly and on demand, with the least permissions, one run at a time', () => {
    expect(links.on.schedule[0].cron).toMatch(/^\S+ \S+ \* \* \d$/)
    expect(links.on).toHaveProperty('workflow_dispatch')
    expect(links.permissions).toEqual({ contents: 'read', issues: 'write' })
    expect(links.concurrency['cancel-in-progress']).toBe(false)
  })
  test('restores and saves the cache with a per-run key, checks, keeps the reports, updates one issue', () => {
    const list = steps(links.jobs.report) as Array<{ uses?: string; run?: string; with?: Record<string, string>; if?: string }>
    const restore = list.find((step) => step.uses === 'actions/cache/restore@v4')!
    const save = list.find((step) => step.uses === 'actions/cache/save@v4')!
    expect(restore.with!.path).toBe('.cache')
    expect(restore.with!.key).toBe('paper-list-checks-${{ github.run_id }}')
    expect(restore.with!['restore-keys']!.trim()).toBe('paper-list-checks-')
    expect(save.with!.key).toBe(restore.with!.key)
    expect(save.if).toBe('always()')
    const runs = list.map((step) => step.run ?? '')
    expect(runs).toEqual(expect.arrayContaining(['npm run check:links', 'npm run report -- --issue']))
    expect(runs.indexOf('npm run report -- --issue')).toBeGreaterThan(list.indexOf(save))
    expect(list.some((step) => step.uses === 'actions/upload-artifact@v4' && step.if === 'always()')).toBe(true)
  })
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
