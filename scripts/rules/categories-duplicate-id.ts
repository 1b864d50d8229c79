import { flattenCategories } from '../core/categories.ts'
import { pointerOf, rule } from './shared.ts'

/** Category ids are unique: memberships refer to them. */
export default rule({
  id: 'categories/duplicate-id',
  description: 'Category ids are unique.',
  severity: 'error',
  fix: 'none',
  check({ data, report, lineOf }) {
    const seen = new Map<string, string>()
    for (const { category, path } of flattenCategories(data.categories)) {
      const first = seen.get(category.id)
      if (first === undefined) {
        seen.set(category.id, pointerOf(path))
        continue
      }
      report({
        pointer: pointerOf([...path, 'id']),
        message: `Unexpected duplicate category id \`${category.id}\`, already used at line ${lineOf(first)}`,
        hint: 'give each category its own `id`'
      })
    }
  }
})
