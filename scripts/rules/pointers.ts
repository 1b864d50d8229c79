/** Small helpers the rules share: pointers and the text fields of the file. */
import { pointerOf } from '../core/json-source.ts'
import type { PapersFile } from '../core/model.ts'

export { pointerOf }

export interface TextField {
  pointer: string
  value: string
  /** What the field is, for messages: `title`, `author`, ... */
  name: string
}

/** Every free-text value of the file with its pointer. */
export function textFields(data: PapersFile): TextField[] {
  const fields: TextField[] = []
  const add = (segments: Array<string | number>, value: unknown, name: string) => {
    if (typeof value === 'string') fields.push({ pointer: pointerOf(segments), value, name })
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
  return fields
}

/** Every link of every entry with its pointer. */
export function links(data: PapersFile) {
  return data.entries.flatMap((entry, index) =>
    (entry.links ?? []).map((link, position) => ({ link, entry, pointer: pointerOf(['entries', index, 'links', position, 'url']) }))
  )
}
