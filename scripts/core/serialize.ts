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
  entry: ['kind', 'key', 'title', 'authors', 'venue', 'date', 'links', 'doi', 'primaryClass', 'citekey', 'tags', 'withdrawn', 'extra', 'categories', 'added'],
  link: ['type', 'url', 'label'],
  membership: ['category', 'notes']
}

export function serializePapers(data: PapersFile): string {
  // Keys are put in order as JSON.stringify walks the data, one object at a time: a large list never exists twice as objects.
  const kinds = new WeakMap<object, string>()
  const root = data as unknown as object
  return (
    JSON.stringify(
      data,
      function (this: unknown, key: string, value: unknown) {
        if (typeof value !== 'object' || value === null) return value
        if (value === root) {
          const file = sorted(value as Record<string, unknown>, 'file')
          kinds.set(file, 'file')
          return file
        }
        const holder = this as object
        const container = kinds.get(holder)
        if (Array.isArray(value)) {
          // What the items of an array are, from where it stands.
          const kind = key === 'entries' && container === 'file' ? 'entry' : key === 'categories' && container === 'file' ? 'category' : key === 'children' && container === 'category' ? 'category' : key === 'links' && container === 'entry' ? 'link' : key === 'categories' && container === 'entry' ? 'membership' : undefined
          if (kind) kinds.set(value, kind)
          return value
        }
        const kind = container === 'venues' ? 'venue' : key === 'venues' && container === 'file' ? 'venues' : Array.isArray(holder) ? kinds.get(holder) : undefined
        if (kind === 'venues') {
          kinds.set(value, 'venues')
          return value
        }
        if (!kind) return value
        const result = sorted(value as Record<string, unknown>, kind)
        kinds.set(result, kind)
        return result
      },
      2
    ) + '\n'
  )
}

function sorted(value: Record<string, unknown>, kind: string): Record<string, unknown> {
  // A value of another shape (the schema says where) is written as it is, never dropped.
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value
  const keys = order[kind]!
  const result: Record<string, unknown> = {}
  for (const key of keys) if (value[key] !== undefined) result[key] = value[key]
  for (const key of Object.keys(value)) if (!keys.includes(key) && value[key] !== undefined) result[key] = value[key]
  return result
}
