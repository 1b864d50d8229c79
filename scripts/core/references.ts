/**
 * Checks the schema cannot express and generation cannot do without:
 * every venue and category an entry names exists, category ids are unique.
 */
import { flattenCategories } from './categories.ts'
import type { Finding } from './findings.ts'
import { pointerOf, type JsonDocument } from './json-source.ts'
import type { PapersFile } from './model.ts'

export function referenceFindings(data: PapersFile, document: JsonDocument): Finding[] {
  const findings: Finding[] = []
  const report = (segments: Array<string | number>, ruleId: string, message: string, hint: string) => {
    const pointer = pointerOf(segments)
    findings.push({ ruleId, severity: 'error', file: document.file, ...document.locate(pointer), pointer, message, hint })
  }

  const categoryIds = new Map<string, string>()
  for (const { category, path } of flattenCategories(data.categories)) {
    const first = categoryIds.get(category.id)
    if (first !== undefined) {
      report([...path, 'id'], 'data/duplicate-category-id', `Unexpected duplicate category id \`${category.id}\`, already used at \`${first}\``, 'give each category its own `id`')
    } else {
      categoryIds.set(category.id, pointerOf(path))
    }
  }

  const venueNames = Object.keys(data.venues)
  data.entries.forEach((entry, index) => {
    if (entry.venue !== undefined && !Object.hasOwn(data.venues, entry.venue)) {
      const near = closest(entry.venue, venueNames)
      report(
        ['entries', index, 'venue'],
        'data/unknown-venue',
        `Unknown venue \`${entry.venue}\`, expected a key of \`venues\`${near ? ` such as \`${near}\`` : ''}`,
        near ? `write \`${near}\`, or add \`${entry.venue}\` to \`venues\`` : `add \`${entry.venue}\` to \`venues\``
      )
    }
    entry.categories?.forEach((membership, position) => {
      if (!categoryIds.has(membership.category)) {
        const near = closest(membership.category, [...categoryIds.keys()])
        report(
          ['entries', index, 'categories', position, 'category'],
          'data/unknown-category',
          `Unknown category \`${membership.category}\`, expected the \`id\` of a category${near ? ` such as \`${near}\`` : ''}`,
          near ? `write \`${near}\`, or add the category to \`categories\`` : 'add the category to `categories`'
        )
      }
    })
  })
  return findings
}

/** The candidate that differs only in case, spacing or punctuation, if any. */
function closest(value: string, candidates: readonly string[]): string | undefined {
  const key = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '')
  const wanted = key(value)
  return candidates.find((candidate) => key(candidate) === wanted)
}
