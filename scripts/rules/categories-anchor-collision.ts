import { slug } from 'github-slugger'
import { flattenCategories } from '../core/categories.ts'
import { pointerOf, rule } from './shared.ts'

/** Two category headings GitHub would give the same anchor: links to the second need a `-1` suffix. */
export default rule({
  id: 'categories/anchor-collision',
  description: 'Category titles get distinct GitHub anchors.',
  severity: 'warn',
  fix: 'none',
  check({ data, report, lineOf }) {
    const seen = new Map<string, string>()
    for (const { category, path } of flattenCategories(data.categories)) {
      if (typeof category.title !== 'string') continue
      const anchor = slug(category.title)
      const first = seen.get(anchor)
      if (first === undefined) {
        seen.set(anchor, pointerOf([...path, 'title']))
        continue
      }
      report({
        pointer: pointerOf([...path, 'title']),
        message: `Unexpected heading \`${category.title}\` with the anchor \`#${anchor}\` of the heading at line ${lineOf(first)}`,
        hint: 'give the category a title that tells it apart'
      })
    }
  }
})
