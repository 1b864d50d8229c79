/**
 * Hostile files, as families: bytes that are not UTF-8, nesting that would
 * overflow a stack, binary files, control characters inside strings, YAML
 * alias bombs, broken front matter, and outputs that are read-only, blocked
 * by a file, or reached through a symbolic link out of the output folder.
 * Each gets a clear message with its place and the documented exit code; no
 * stack trace, nothing lost, nothing written where it should not be.
 */
import { chmodSync, cpSync, existsSync, mkdirSync, readFileSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { runCli } from '../scripts/cli.ts'
import { fixtures, temporaryFolder } from './helpers.ts'

async function run(folder: string, args: string[]) {
  let stdout = ''
  let stderr = ''
  const code = await runCli(args, { cwd: folder, env: {}, stdout: { write: (text) => void (stdout += text) }, stderr: { write: (text) => void (stderr += text) } })
  return { code, output: stdout + stderr }
}

function list(): string {
  const folder = temporaryFolder()
  cpSync(path.join(fixtures, 'list'), folder, { recursive: true })
  return folder
}

const noStack = (output: string) => expect(output).not.toMatch(/\n\s+at |unexpected failure/)

describe('bytes that are not UTF-8 are an error with their place; fix does not rewrite them', () => {
  const shapes: Array<[string, number[]]> = [
    ['a lone continuation byte', [0x80]],
    ['0xFF', [0xff]],
    ['an overlong encoding', [0xc0, 0xaf]],
    ['an encoded surrogate', [0xed, 0xa0, 0x80]],
    ['a code point past U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
    ['a Latin-1 é', [0xe9]],
    ['a sequence cut short', [0xe2, 0x82]]
  ]
  test.for(shapes)('%s', async ([, bytes]) => {
    const folder = list()
    const file = path.join(folder, 'papers.json')
    const text = readFileSync(file)
    const at = text.indexOf('A second paper') + 2
    const broken = Buffer.concat([text.subarray(0, at), Buffer.from(bytes), text.subarray(at)])
    writeFileSync(file, broken)
    for (const args of [['lint'], ['generate'], ['lint', '--fix']]) {
      const result = await run(folder, args)
      expect(result.code, args.join(' ')).toBe(1)
      expect(result.output).toMatch(new RegExp(`papers\\.json:44:\\d+ +error +Unexpected byte 0x${bytes[0]!.toString(16).toUpperCase()} at byte ${at}, expected UTF-8 text`))
      noStack(result.output)
    }
    expect(readFileSync(file).equals(broken)).toBe(true)
    expect(existsSync(path.join(folder, 'README.md'))).toBe(false)
  })
})

describe('files that would crash a parser are refused with a message', () => {
  test.for<readonly [string, () => string, RegExp]>([
    ['arrays nested 100,000 deep', () => '{"entries": ' + '['.repeat(100_000) + ']'.repeat(100_000) + '}', /Unexpected nesting more than 64 levels deep/],
    ['objects nested 10,000 deep', () => '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000), /Unexpected nesting more than 64 levels deep/],
    ['a binary file of zeros', () => '\u0000'.repeat(1_000_000), /Unexpected character U\+0000 \(NUL\)/],
    ['a raw NUL inside a string', () => '{"venues": {}, "categories": [], "entries": [{"kind": "paper", "title": "A\u0000B"}]}', /1:75 +error +Unexpected character U\+0000 \(NUL\), invalid JSON/],
    ['a raw ESC inside a string', () => '{"entries": [{"title": "A\u001b[31mB"}]}', /Unexpected character U\+001B \(ESC\)/]
  ])('%s: lint, generate and fix exit 1 with one finding', async ([, content, message]) => {
    const folder = list()
    writeFileSync(path.join(folder, 'papers.json'), content())
    for (const args of [['lint'], ['generate'], ['lint', '--fix']]) {
      const result = await run(folder, args)
      expect(result.code, args.join(' ')).toBe(1)
      expect(result.output).toMatch(message)
      noStack(result.output)
      expect(result.output.length).toBeLessThan(2_000)
    }
  })
})

describe('templates that would crash or mislead', () => {
  test.for([
    ['a YAML alias bomb', (text: string) => text.replace('---\n', '---\na: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n'), /templates\/README\.md:\d+:\d+ +error +Unexpected YAML: /],
    ['front matter never closed', (text: string) => text.replace(/\n---\n/, '\n'), /Unexpected end of the template inside its front matter, expected a closing `---` line/],
    ['an output outside the folder', (text: string) => text.replace('output: README.md', 'output: ../README.md'), /Unexpected front matter at `\/output`: expected a relative path to a `\.md` \(for `bibtex` a `\.bib`, for `csl-json` a `\.csl\.json`, for `atom` a `\.xml`\) file inside the output folder/],
    ['an output that is not Markdown', (text: string) => text.replace('output: README.md', 'output: README.html'), /expected a relative path to a `\.md` \(for `bibtex` a `\.bib`, for `csl-json` a `\.csl\.json`, for `atom` a `\.xml`\) file/],
    ['a Markdown format writing a .bib file', (text: string) => text.replace('output: README.md', 'output: README.bib'), /Unexpected output `README\.bib` for the `venue-table` format, expected a `\.md` file/],
    ['an output that would overwrite the data', (text: string) => text.replace('output: README.md', 'output: papers.json'), /expected a relative path to a `\.md`/],
    ['CSL-JSON written over the data', (text: string) => text.replace('output: README.md', 'output: papers.json').replace('format: venue-table', 'format: csl-json').replace(/options:[\s\S]*?\n---/, '---'), /expected a relative path to a `\.md`/]
  ] as const)('%s', async ([, change, message]) => {
    const folder = list()
    const file = path.join(folder, 'templates/README.md')
    writeFileSync(file, change(readFileSync(file, 'utf8')))
    const result = await run(folder, ['generate'])
    expect(result.code).toBe(1)
    expect(result.output).toMatch(message)
    noStack(result.output)
    expect(existsSync(path.join(folder, 'README.md'))).toBe(false)
  })
})

describe('outputs the generator must not write, or not that way', () => {
  test('a symbolic link out of the output folder is refused before anything is written', async () => {
    const folder = list()
    const outside = temporaryFolder()
    symlinkSync(outside, path.join(folder, 'docs'))
    const result = await run(folder, ['generate'])
    expect(result.code).toBe(2)
    expect(result.output).toMatch(/Unexpected output `docs\/TOPICS\.md`: `docs` leads to `.+`, outside the output folder/)
    expect(existsSync(path.join(outside, 'TOPICS.md'))).toBe(false)
    expect(existsSync(path.join(folder, 'README.md'))).toBe(false)
  })

  test('a read-only README is refused, not replaced, and keeps its mode', async () => {
    const folder = list()
    expect((await run(folder, ['generate'])).code).toBe(0)
    const readme = path.join(folder, 'README.md')
    writeFileSync(readme, 'an old README\n')
    chmodSync(readme, 0o444)
    const result = await run(folder, ['generate'])
    expect(result.code).toBe(3)
    expect(result.output).toContain('Cannot write `')
    expect(result.output).toContain('it is read-only (mode 444)')
    noStack(result.output)
    expect(readFileSync(readme, 'utf8')).toBe('an old README\n')
    expect(statSync(readme).mode & 0o777).toBe(0o444)
  })

  test('a README with its own mode keeps it when rewritten', async () => {
    const folder = list()
    const readme = path.join(folder, 'README.md')
    writeFileSync(readme, 'old\n')
    chmodSync(readme, 0o640)
    expect((await run(folder, ['generate'])).code).toBe(0)
    expect(statSync(readme).mode & 0o777).toBe(0o640)
  })

  test('a file where the output folder should be: refused before anything is written', async () => {
    const folder = list()
    writeFileSync(path.join(folder, 'docs'), 'a file, not a folder')
    const result = await run(folder, ['generate'])
    expect(result.code).toBe(2)
    expect(result.output).toBe('error: Unexpected output `docs/TOPICS.md`: `docs` is a file, not a folder; move it, or change `output` in the template\n')
    expect(existsSync(path.join(folder, 'README.md'))).toBe(false)
  })

  test('temporary files a killed run left behind are removed by the next run; a fresh one (a run in progress) is not', async () => {
    const folder = list()
    mkdirSync(path.join(folder, 'docs'), { recursive: true })
    const old = path.join(folder, '.README.md.0123456789ab.tmp')
    const fresh = path.join(folder, '.README.md.ba9876543210.tmp')
    writeFileSync(old, 'x'.repeat(1_000_000))
    writeFileSync(fresh, 'y')
    const hourAgo = new Date(Date.now() - 3_600_000)
    utimesSync(old, hourAgo, hourAgo)
    expect((await run(folder, ['generate'])).code).toBe(0)
    expect(existsSync(old)).toBe(false)
    expect(existsSync(fresh)).toBe(true)
  })
})
