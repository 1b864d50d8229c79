/**
 * Hostile text in every text field: control characters are refused by lint
 * and so by generate (nothing written), and whatever a value holds, no
 * command prints a raw control character, a line break of its own, or a line
 * that GitHub Actions would read as a workflow command.
 */
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { runCli } from '../scripts/cli.ts'
import { printable } from '../scripts/core/printable.ts'
import { fixtures, temporaryFolder } from './helpers.ts'

const hostile = [
  ['NUL', 'A\u0000B'],
  ['an ESC sequence', 'Red \u001b[31mtitle\u001b[0m'],
  ['a cursor move', 'Over\u001b[2K\u001b[1Gwritten'],
  ['a workflow command after a line break', 'Title\n::error title=pwned::injected'],
  ['a workflow command after a carriage return', 'Title\r::add-mask::secret'],
  ['DEL', 'A\u007fB'],
  ['a C1 control', 'A\u009bB'],
  ['a bidirectional override', 'safe\u202eevil'],
  ['a lone surrogate', 'A\ud800B']
] as const

const fields: Array<[string, (data: any, value: string) => void]> = [
  ['a title', (data, value) => void (data.entries[0].title = value)],
  ['an author', (data, value) => void (data.entries[0].authors = [value])],
  ['a key', (data, value) => void (data.entries[0].key = value)],
  ['a note', (data, value) => void (data.entries[0].categories = [{ category: data.entries[0].categories?.[0]?.category ?? 'routing', notes: [value] }])],
  ['a category title', (data, value) => void (data.categories[0].title = value)],
  ['a venue name', (data, value) => {
    const old = data.entries[0].venue
    data.venues[value] = data.venues[old]
    data.entries[0].venue = value
  }]
]

async function run(folder: string, args: string[], env: Record<string, string> = {}) {
  let stdout = ''
  let stderr = ''
  const code = await runCli(args, { cwd: folder, env, stdout: { write: (text) => void (stdout += text) }, stderr: { write: (text) => void (stderr += text) } })
  return { code, output: stdout + stderr }
}

/** Output with only our own line breaks: no control character, no line that is a workflow command we did not write. */
function expectSafe(output: string) {
  expect(output.replace(/\n/g, ''), JSON.stringify(output)).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]|[\ud800-\udfff]/)
  for (const line of output.split('\n')) if (line.startsWith('::')) expect(line).toMatch(/^::(error|warning|notice) (file|title)=[^:]*::/)
}

describe.each(fields)('%s', (_field, set) => {
  test.for(hostile)('holding %s: refused by lint and generate, nothing written, nothing unsafe printed', async ([, value]) => {
    const folder = temporaryFolder()
    cpSync(path.join(fixtures, 'list'), folder, { recursive: true })
    const data = JSON.parse(readFileSync(path.join(folder, 'papers.json'), 'utf8'))
    set(data, value)
    writeFileSync(path.join(folder, 'papers.json'), JSON.stringify(data, null, 2) + '\n')
    const lint = await run(folder, ['lint'], { GITHUB_ACTIONS: 'true' })
    expect(lint.code).toBe(1)
    expect(lint.output).toMatch(/text\/control-characters|text\/whitespace/)
    expectSafe(lint.output)
    const generate = await run(folder, ['generate'], { GITHUB_ACTIONS: 'true' })
    expect(generate.code).toBe(1)
    expectSafe(generate.output)
    expect(existsSync(path.join(folder, 'README.md'))).toBe(false)
    expectSafe((await run(folder, ['lint', '--format', 'json'])).output.replace(/\\u[0-9a-f]{4}/g, ''))
  })
})

test.for(hostile)('printable shows %s as escapes, on one line', ([, value]) => {
  const shown = printable(value)
  expect(shown).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]|[\ud800-\udfff]/)
  expect(shown.split('\n')).toHaveLength(1)
})
