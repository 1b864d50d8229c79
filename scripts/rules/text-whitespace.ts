import { rule, textFields } from './shared.ts'

/** Text has no leading or trailing whitespace, no doubled spaces, no tabs or line breaks. */
export default rule({
  id: 'text/whitespace',
  description: 'Text has single spaces and no whitespace at its ends.',
  severity: 'error',
  fix: 'safe',
  check({ data, report }) {
    for (const field of textFields(data)) {
      const tidy = field.value.replace(/\s+/g, ' ').trim()
      if (tidy === field.value || tidy === '') continue
      const problem = /[\t\r\n]/.test(field.value) ? 'tab or line break' : field.value !== field.value.trim() ? 'whitespace at an end' : 'doubled space'
      report({
        pointer: field.pointer,
        message: `Unexpected ${problem} in ${field.name} \`${JSON.stringify(field.value).slice(1, -1)}\``,
        edits: [{ pointer: field.pointer, value: tidy }]
      })
    }
  }
})
