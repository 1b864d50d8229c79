import { descriptionProblems } from '../core/description.ts'
import { pointerOf, rule } from './shared.ts'

/**
 * An entry's extra fields (a table's Stars, Demo or Params column) hold
 * inline Markdown as a table cell may: text, emphasis, code, links to http(s)
 * pages, http(s) images (badges) and `<br>`. Anything else (other HTML, a
 * `javascript:` link, a list) makes the generator show the value as plain
 * text; lint says so first.
 */
export default rule({
  id: 'entries/extra',
  description: 'Extra fields hold inline Markdown a table cell may show: emphasis, code, http(s) links and badges, `<br>`.',
  severity: 'warn',
  fix: 'none',
  check({ data, report }) {
    if (!Array.isArray(data.entries)) return
    data.entries.forEach((entry, index) => {
      if (!entry || typeof entry.extra !== 'object' || entry.extra === null) return
      for (const [name, value] of Object.entries(entry.extra)) {
        if (typeof value !== 'string') continue
        const [problem] = descriptionProblems(value, { cell: true })
        if (!problem) continue
        report({
          pointer: pointerOf(['entries', index, 'extra', name]),
          message: `Unexpected ${problem.what} in the extra field \`${name}\` at character ${problem.offset + 1}, expected inline Markdown a table cell shows (emphasis, code, http(s) links and images, \`<br>\`); it is shown as plain text`,
          hint: 'keep the value to inline Markdown, or write it as plain text'
        })
      }
    })
  }
})
