import { flattenCategories } from '../core/categories.ts'
import { pointerOf, rule, textFields } from './shared.ts'

/** Longest a field can sensibly be: a title of several hundred characters is already unusual. */
const limits: Record<string, number> = { description: 5_000 }
const defaultLimit = 1_000

/**
 * No field is absurdly long: a 1 MB title (a paste gone wrong, a file
 * pasted into a field) would make the READMEs unreadable and slow.
 */
export default rule({
  id: 'text/size',
  description: 'No text field is absurdly long (over 1,000 characters; a description over 5,000).',
  severity: 'warn',
  fix: 'none',
  check({ data, report }) {
    const check = (segments: Array<string | number>, value: string, name: string, limit = defaultLimit) => {
      if (value.length <= limit) return
      report({ pointer: pointerOf(segments), message: `Unexpected ${name} of ${value.length.toLocaleString('en')} characters, expected at most ${limit.toLocaleString('en')}`, hint: 'check what was pasted here' })
    }
    for (const field of textFields(data)) check(field.segments, field.value, field.name)
    if (Array.isArray(data.categories)) {
      for (const { category, path } of flattenCategories(data.categories)) if (typeof category.description === 'string') check([...path, 'description'], category.description, 'description', limits.description)
    }
  }
})
