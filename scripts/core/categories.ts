import type { Category } from './model.ts'

export interface CategoryVisit {
  category: Category
  /** 0 for a root category. */
  level: number
  /** JSON pointer segments of the category within `papers.json`. */
  path: Array<string | number>
}

/** Every category of the tree, depth first, in document order. */
export function flattenCategories(roots: readonly Category[]): CategoryVisit[] {
  const visits: CategoryVisit[] = []
  const walk = (categories: readonly Category[], level: number, path: Array<string | number>) => {
    categories.forEach((category, index) => {
      const own = [...path, index]
      visits.push({ category, level, path: own })
      if (category.children) walk(category.children, level + 1, [...own, 'children'])
    })
  }
  walk(roots, 0, ['categories'])
  return visits
}
