/** Small helpers the rules share: pointers and the text fields of the file. */
import { pointerOf } from '../core/json-source.ts'
import type { Entry, Link, PapersFile } from '../core/model.ts'

export { pointerOf }

export interface TextField {
  /** Where the field is; `pointerOf(segments)` gives its JSON pointer. */
  segments: Array<string | number>
  value: string
  /** What the field is, for messages: `title`, `author`, ... */
  name: string
}

const textCache = new WeakMap<PapersFile, TextField[]>()

/** Every free-text value of the file with its place; computed once per file for all rules. */
export function textFields(data: PapersFile): TextField[] {
  const cached = textCache.get(data)
  if (cached) return cached
  const fields: TextField[] = []
  const add = (segments: Array<string | number>, value: unknown, name: string) => {
    // Pointers are built only for the few fields a rule reports.
    if (typeof value === 'string') fields.push({ segments, value, name })
  }
  data.entries.forEach((entry, index) => {
    add(['entries', index, 'title'], entry.title, 'title')
    add(['entries', index, 'key'], entry.key, 'key name')
    add(['entries', index, 'venue'], entry.venue, 'venue')
    entry.authors?.forEach((author, position) => add(['entries', index, 'authors', position], author, 'author'))
    entry.links?.forEach((link, position) => add(['entries', index, 'links', position, 'label'], link.label, 'link label'))
    entry.categories?.forEach((membership, position) =>
      membership.notes?.forEach((note, noteIndex) => add(['entries', index, 'categories', position, 'notes', noteIndex], note, 'note'))
    )
  })
  const walk = (categories: PapersFile['categories'], path: Array<string | number>) =>
    categories.forEach((category, index) => {
      add([...path, index, 'title'], category.title, 'category title')
      if (category.children) walk(category.children, [...path, index, 'children'])
    })
  walk(data.categories, ['categories'])
  textCache.set(data, fields)
  return fields
}

type LinkPlace = { link: Link; entry: Entry; segments: Array<string | number> }
const linkCache = new WeakMap<PapersFile, LinkPlace[]>()

/** Every link of every entry with its place; computed once per file for all rules. */
export function links(data: PapersFile): LinkPlace[] {
  const cached = linkCache.get(data)
  if (cached) return cached
  const places = data.entries.flatMap((entry, index) => (entry.links ?? []).map((link, position) => ({ link, entry, segments: ['entries', index, 'links', position, 'url'] })))
  linkCache.set(data, places)
  return places
}
