import { pointerOf, rule, textFields } from './shared.ts'

/** Text has no leading or trailing whitespace, no doubled spaces, no tabs or line breaks. */
export default rule({
  id: 'text/whitespace',
  description: 'Text has single spaces and no whitespace at its ends.',
  severity: 'error',
  fix: 'safe',
  check({ data, report }) {
    for (const field of textFields(data)) {
      // Most text is already tidy: test before building a copy.
      if (!/\s\s|^\s|\s$|[\t\r\n]/.test(field.value)) continue
      const tidy = field.value.replace(/\s+/g, ' ').trim()
      if (tidy === field.value || tidy === '') continue
      const problem = /[\t\r\n]/.test(field.value) ? 'tab or line break' : field.value !== field.value.trim() ? 'whitespace at an end' : 'doubled space'
      const pointer = pointerOf(field.segments)
      report({ pointer, message: `Unexpected ${problem} in ${field.name} \`${JSON.stringify(field.value).slice(1, -1)}\``, edits: [{ pointer, value: tidy }] })
    }
  }
})
