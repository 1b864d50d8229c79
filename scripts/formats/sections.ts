/**
 * Grouping shared by the table and line formats: `category` gives a heading
 * per category (its description under it, then its entries in file order),
 * `none` one run of all entries. Pure.
 */
import type { RootContent } from 'mdast'
import { flattenCategories } from '../core/categories.ts'
import { safeDescription } from '../core/description.ts'
import { dataText } from '../core/markdown.ts'
import { pointerOf } from '../core/json-source.ts'
import type { Entry, PapersFile } from '../core/model.ts'
import type { GeneratedHeading, RenderProblem, RenderResult } from './types.ts'

export type Grouping = 'category' | 'none'

export const groupingSchema = {
  group: { description: '`category`: a heading per category with its entries; `none`: all entries together.', enum: ['category', 'none'] },
  headingDepth: { description: 'Heading depth of a root category.', type: 'integer', minimum: 1, maximum: 6 }
}

export function renderGroups(
  data: PapersFile,
  entries: readonly Entry[],
  options: { group: Grouping; headingDepth: number },
  render: (entries: Entry[], categoryId: string | undefined) => RootContent[]
): RenderResult {
  if (options.group === 'none') return { blocks: entries.length > 0 ? render([...entries], undefined) : [], headings: [], problems: [] }
  const members = new Map<string, Entry[]>()
  const loose: Entry[] = []
  for (const entry of entries) {
    if (!entry.categories || entry.categories.length === 0) loose.push(entry)
    for (const membership of entry.categories ?? []) {
      const list = members.get(membership.category) ?? []
      list.push(entry)
      members.set(membership.category, list)
    }
  }
  const blocks: RootContent[] = loose.length > 0 ? render(loose, undefined) : []
  const headings: GeneratedHeading[] = []
  const problems: RenderProblem[] = []
  for (const { category, level, path } of flattenCategories(data.categories)) {
    const depth = options.headingDepth + level
    if (depth > 6) {
      problems.push({ pointer: pointerOf([...path, 'title']), message: `Unexpected category \`${category.title}\` at heading level ${depth}, Markdown has six`, hint: 'nest categories less deeply, or lower `headingDepth` in the template' })
      continue
    }
    blocks.push({ type: 'heading', depth: depth as 1, children: [dataText(category.title)] })
    headings.push({ depth, text: category.title })
    if (category.description !== undefined) blocks.push(...safeDescription(category.description))
    const list = members.get(category.id)
    if (list && list.length > 0) blocks.push(...render(list, category.id))
  }
  return { blocks, headings, problems }
}
