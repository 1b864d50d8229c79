/**
 * The package as another list gets it: `npm pack` (which builds the CLI),
 * the tarball installed into a fresh project with no network (npm's cache,
 * which `npm ci` filled, holds every dependency the lockfile pins), then
 * `init`, a paper added by hand, `generate`, `lint` and `generate --check`;
 * and `init --from` on both seed READMEs gives each document back.
 */
import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { builtinModules } from 'node:module'
import path from 'node:path'
import { beforeAll, describe, expect, test } from 'vitest'
import { blocks, fixtures, root, temporaryFolder } from './helpers.ts'

const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { name: string; version: string; dependencies: Record<string, string>; devDependencies: Record<string, string>; bin: Record<string, string>; files: string[] }
const lockfile = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, Record<string, unknown>> }

function run(command: string, args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    // Offline: npm answers from its cache or fails at once, never asks the registry.
    const env = { ...process.env, npm_config_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false', GITHUB_ACTIONS: '' }
    execFile(command, args, { cwd, env, maxBuffer: 1 << 26 }, (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }))
  })
}

let tarball: string
let packed: string[]
let project: string
const cli = (args: string[], cwd: string) => run(path.join(project, 'node_modules/.bin/awesome-paper-list'), args, cwd)

beforeAll(async () => {
  const folder = temporaryFolder()
  const result = await run('npm', ['pack', '--json', '--pack-destination', folder], root)
  expect(result.code, result.stderr).toBe(0)
  const [info] = JSON.parse(result.stdout.slice(result.stdout.indexOf('['))) as Array<{ filename: string; files: Array<{ path: string }> }>
  tarball = path.join(folder, info!.filename)
  packed = info!.files.map((file) => file.path)

  // A fresh project that depends on the tarball, its lockfile the tarball plus the runtime part of ours.
  project = path.join(folder, 'my-list')
  mkdirSync(project)
  const spec = `file:${path.relative(project, tarball)}`
  const integrity = `sha512-${createHash('sha512').update(readFileSync(tarball)).digest('base64')}`
  const packages: Record<string, unknown> = {
    '': { name: 'my-list', dependencies: { [manifest.name]: spec } },
    [`node_modules/${manifest.name}`]: { version: manifest.version, resolved: spec, integrity, dependencies: manifest.dependencies, bin: manifest.bin }
  }
  for (const [at, entry] of Object.entries(lockfile.packages)) {
    if (at === '' || entry.dev === true || entry.devOptional === true || entry.link === true) continue
    packages[at] = entry
  }
  writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'my-list', private: true, dependencies: { [manifest.name]: spec } }, null, 2))
  writeFileSync(path.join(project, 'package-lock.json'), JSON.stringify({ name: 'my-list', lockfileVersion: 3, requires: true, packages }, null, 2))
  const install = await run('npm', ['ci', '--offline', '--ignore-scripts'], project)
  expect(install.code, `${install.stderr}\n(npm ci --offline installs from npm's cache, which the repository's own \`npm ci\` fills: run it first)`).toBe(0)
}, 180_000)

describe('the package', () => {
  test('holds the built CLI, the schemas and the starter files; no sources, tests or this list', () => {
    expect(packed).toEqual(expect.arrayContaining(['bin/awesome-paper-list.mjs', 'dist/cli.mjs', 'schema/papers.schema.json', 'schema/config.schema.json', 'package.json', 'LICENSE', 'README.md']))
    expect(packed.some((file) => file.startsWith('init/'))).toBe(true)
    expect(packed.filter((file) => /^(scripts|tests|templates)\/|^papers\.|\.ts$/.test(file))).toEqual([])
  })

  test('depends on exactly what its built CLI imports', () => {
    const bundle = readFileSync(path.join(root, 'dist/cli.mjs'), 'utf8')
    const specifiers = [...bundle.matchAll(/(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/gm)].map((match) => match[1] ?? match[2]!)
    const packages = new Set(specifiers.filter((specifier) => !specifier.startsWith('node:') && !builtinModules.includes(specifier) && !specifier.startsWith('.')).map((specifier) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/')))
    expect([...packages].sort()).toEqual(Object.keys(manifest.dependencies).sort())
    // No TypeScript tooling at run time.
    for (const tool of ['tsx', 'typescript', 'esbuild', 'vitest']) expect(Object.keys(manifest.dependencies)).not.toContain(tool)
  })

  test('init, a paper added by hand, then generate, lint and generate --check, green', async () => {
    const list = path.join(project, 'list')
    mkdirSync(list)
    const init = await cli(['init'], list)
    expect(init.code, init.stderr).toBe(0)
    expect(init.stdout).toContain('generate')
    const data = JSON.parse(readFileSync(path.join(list, 'papers.json'), 'utf8')) as { entries: Array<Record<string, unknown>>; categories: Array<{ id: string }> }
    data.entries.push({
      kind: 'paper',
      title: 'Outrageously Large Neural Networks: The Sparsely-Gated Mixture-of-Experts Layer',
      authors: ['Noam Shazeer', 'Azalia Mirhoseini', 'Krzysztof Maziarz', 'Andy Davis', 'Quoc Le', 'Geoffrey Hinton', 'Jeff Dean'],
      venue: 'arXiv',
      date: '2017-01-23',
      links: [{ type: 'paper', url: 'https://arxiv.org/abs/1701.06538' }],
      categories: [{ category: data.categories[0]!.id }]
    })
    writeFileSync(path.join(list, 'papers.json'), `${JSON.stringify(data, null, 2)}\n`)
    const generate = await cli(['generate'], list)
    expect(generate.code, generate.stderr + generate.stdout).toBe(0)
    expect(readFileSync(path.join(list, 'README.md'), 'utf8')).toContain('Outrageously Large Neural Networks')
    const lint = await cli(['lint'], list)
    expect(lint.code, lint.stdout).toBe(0)
    expect((await cli(['generate', '--check'], list)).code).toBe(0)
  })

  test.each([['venue table', 'venue-table.md'], ['categorized list', 'categorized.md']])('init --from on the %s gives the same document back, except what it names', async (_name, seed) => {
    const list = path.join(project, `from-${seed}`)
    mkdirSync(list)
    const source = readFileSync(path.join(fixtures, 'seeds', seed), 'utf8')
    writeFileSync(path.join(list, 'README.md'), source)
    const init = await cli(['init', '--from', 'README.md'], list)
    expect(init.code, init.stderr + init.stdout).toBe(0)
    const generate = await cli(['generate'], list)
    expect(generate.code, generate.stderr + generate.stdout).toBe(0)
    expect((await cli(['generate', '--check'], list)).code).toBe(0)
    // What init says it changed: links written in their canonical form, and blocks it repaired (by line).
    const replacements = [...init.stdout.matchAll(/ {2}fixed {2}Unexpected [^`]*`([^`]+)`, expected `([^`]+)`/g)].map((match) => [match[1]!, match[2]!] as const)
    const repaired = [...init.stdout.matchAll(/^README\.md:(\d+):\d+ {2}(?:repaired|noted) /gm)].map((match) => Number(match[1]))
    const expected = blocks(replacements.reduce((text, [from, to]) => text.split(`(${from})`).join(`(${to})`), source))
    const generated = blocks(readFileSync(path.join(list, 'README.md'), 'utf8'))
    expect(generated).toHaveLength(expected.length)
    const changed = expected.filter((block, index) => block.key !== generated[index]!.key)
    for (const block of changed) expect(repaired.some((line) => line >= block.start && line <= block.end), `README.md:${block.start} changed, and init did not say so`).toBe(true)
    if (seed === 'venue-table.md') {
      expect(replacements.length).toBeGreaterThan(0)
      expect(changed).toEqual([])
    }
  })
})
