import { pointerOf, rule } from './shared.ts'

/**
 * In a list with categories, an entry in none is missing from every list
 * written by category (the categorized list shows categories only): add it
 * to one, so no paper drops out of a view silently. A list without
 * categories has nothing to miss.
 */
export default rule({
  id: 'entries/uncategorized',
  description: 'In a list with categories, every entry is in at least one (the lists written by category show no other).',
  severity: 'warn',
  fix: 'none',
  check({ data, report }) {
    if (!Array.isArray(data.categories) || data.categories.length === 0 || !Array.isArray(data.entries)) return
    data.entries.forEach((entry, index) => {
      if (!entry || typeof entry !== 'object' || (Array.isArray(entry.categories) && entry.categories.length > 0)) return
      report({
        pointer: pointerOf(['entries', index]),
        message: `Unexpected entry \`${entry.title}\` in no category: the lists written by category do not show it`,
        hint: 'add it to a category in `categories` (with a highlight note), or add a category where none fits'
      })
    })
  }
})
