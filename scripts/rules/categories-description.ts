import { flattenCategories } from '../core/categories.ts'
import { descriptionProblems } from '../core/description.ts'
import { pointerOf, rule } from './shared.ts'

/**
 * A category's description holds inline Markdown only: text, emphasis,
 * strong, strikethrough, inline code, line breaks, links to http(s) pages.
 * HTML (a comment would hide the rest of the page), headings, lists, tables,
 * images, link definitions and links to `javascript:` or `data:` are shown
 * literally by the generator; lint says so first.
 */
export default rule({
  id: 'categories/description',
  description: 'Category descriptions hold inline Markdown only: emphasis, code, links to http(s) pages.',
  severity: 'error',
  fix: 'none',
  check({ data, report }) {
    if (!Array.isArray(data.categories)) return
    for (const { category, path } of flattenCategories(data.categories)) {
      if (typeof category.description !== 'string') continue
      for (const problem of descriptionProblems(category.description)) {
        report({
          pointer: pointerOf([...path, 'description']),
          message: `Unexpected ${problem.what} in the description of \`${category.id}\` at character ${problem.offset + 1}, expected inline Markdown only (emphasis, strong, code, links to http(s) pages)`,
          hint: 'write plain prose; it would be shown literally'
        })
      }
    }
  }
})
