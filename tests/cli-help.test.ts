/** The command line's help: every option of every command described, flags never run into their text. */
import { expect, test } from 'vitest'
import { commands, helpText, optionHelp } from '../scripts/commands/index.ts'

test.for(Object.keys(commands))('%s --help describes every option, in a column', (name) => {
  for (const [flag, text] of optionHelp(name)) expect(text, `--${flag}`).not.toBe('')
  const lines = helpText(name).split('\n').filter((line) => line.startsWith('  --'))
  expect(lines).toHaveLength(Object.keys(commands[name]!.options).length)
  const column = lines[0]!.search(/ \S+$/) >= 0 ? lines.map((line) => line.indexOf(' ', line.indexOf('--')) + line.slice(line.indexOf(' ', line.indexOf('--'))).search(/\S/)) : []
  expect(new Set(column).size, helpText(name)).toBe(1)
  for (const line of lines) expect(line, line).toMatch(/^ {2}--[a-z-]+ {2,}\S/)
})
