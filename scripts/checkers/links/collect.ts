/** Every link of `papers.json` with the entries it belongs to and their places. */
import { pointerOf, type JsonDocument } from '../../core/json-source.ts'
import type { PapersFile } from '../../core/model.ts'

export interface LinkPlace {
  key?: string
  title: string
  line: number
  pointer: string
}

export function collectLinks(data: PapersFile, document: JsonDocument): Map<string, LinkPlace[]> {
  const links = new Map<string, LinkPlace[]>()
  data.entries.forEach((entry, index) => {
    entry.links?.forEach((link, position) => {
      const pointer = pointerOf(['entries', index, 'links', position, 'url'])
      const place: LinkPlace = { ...(entry.key !== undefined ? { key: entry.key } : {}), title: entry.title, line: document.locate(pointer).line, pointer }
      links.set(link.url, [...(links.get(link.url) ?? []), place])
    })
  })
  return links
}
