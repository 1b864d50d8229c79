import { flattenCategories } from '../core/categories.ts'
import type { Category } from '../core/model.ts'
import { pointerOf, rule } from './shared.ts'

/** A category with no entries, in it or below it, renders as an empty heading. */
export default rule({
  id: 'categories/empty',
  description: 'Every category has entries, directly or in a sub-category.',
  severity: 'warn',
  fix: 'none',
  check({ data, report }) {
    const used = new Set<string>()
    for (const entry of data.entries) for (const membership of entry.categories ?? []) used.add(membership.category)
    const hasEntries = (category: Category): boolean => used.has(category.id) || (category.children ?? []).some(hasEntries)
    for (const { category, path } of flattenCategories(data.categories)) {
      if (hasEntries(category)) continue
      report({ pointer: pointerOf([...path, 'id']), message: `Unexpected empty category \`${category.title}\`, no entry is in it`, hint: 'add entries to it, or remove it' })
    }
  }
})
