/**
 * Writes `papers.json` in its canonical form: fixed key order in every
 * object, two-space indentation, a final newline. Keys it does not know are
 * kept, after the known ones, so nothing is lost.
 */
import type { PapersFile } from './model.ts'

const order: Record<string, string[]> = {
  file: ['$schema', 'venues', 'categories', 'entries'],
  venue: ['type', 'date'],
  category: ['id', 'title', 'description', 'children'],
  entry: ['kind', 'key', 'title', 'authors', 'venue', 'date', 'links', 'categories'],
  link: ['type', 'url', 'label'],
  membership: ['category', 'notes']
}

export function serializePapers(data: PapersFile): string {
  const file = sorted(data as unknown as Record<string, unknown>, 'file')
  file.venues = Object.fromEntries(Object.entries(data.venues).map(([name, venue]) => [name, sorted(venue as never, 'venue')]))
  file.categories = data.categories.map(function category(node): Record<string, unknown> {
    const result = sorted(node as never, 'category')
    if (node.children) result.children = node.children.map(category)
    return result
  })
  file.entries = data.entries.map((entry) => {
    const result = sorted(entry as never, 'entry')
    if (entry.links) result.links = entry.links.map((link) => sorted(link as never, 'link'))
    if (entry.categories) result.categories = entry.categories.map((membership) => sorted(membership as never, 'membership'))
    return result
  })
  return JSON.stringify(file, null, 2) + '\n'
}

function sorted(value: Record<string, unknown>, kind: string): Record<string, unknown> {
  const keys = order[kind]!
  const result: Record<string, unknown> = {}
  for (const key of keys) if (value[key] !== undefined) result[key] = value[key]
  for (const key of Object.keys(value)) if (!keys.includes(key) && value[key] !== undefined) result[key] = value[key]
  return result
}
