import { flattenCategories } from '../core/categories.ts'
import { pointerOf, rule } from './shared.ts'

/** Every category an entry is in exists. */
export default rule({
  id: 'categories/unknown',
  description: 'Every category an entry is in is the `id` of a category.',
  severity: 'error',
  fix: 'none',
  check({ data, report }) {
    const ids = flattenCategories(data.categories).map(({ category }) => category.id)
    const known = new Set(ids)
    const key = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '')
    data.entries.forEach((entry, index) => {
      entry.categories?.forEach((membership, position) => {
        if (typeof membership.category !== 'string' || known.has(membership.category)) return
        const near = ids.find((id) => key(id) === key(membership.category))
        report({
          pointer: pointerOf(['entries', index, 'categories', position, 'category']),
          message: `Unknown category \`${membership.category}\`, expected the \`id\` of a category${near ? ` such as \`${near}\`` : ''}`,
          hint: near ? `write \`${near}\`, or add the category to \`categories\`` : 'add the category to `categories`, or fix the id'
        })
      })
    })
  }
})
