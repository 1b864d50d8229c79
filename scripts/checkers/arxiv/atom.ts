/**
 * arXiv's Atom feed, read with a real XML parser (namespaces stripped, so
 * prefixes do not matter); entries are matched by the ID in `<id>`, never
 * by their order.
 */
import { XMLParser } from 'fast-xml-parser'

export interface ArxivRecord {
  /** Without version: `2401.04088`, `hep-th/9901001`. */
  id: string
  /** The version returned (the latest when none was asked for). */
  version: number
  title: string
  authors: string[]
  /** v1's submission day, `YYYY-MM-DD`. */
  published: string
  /** The returned version's day. */
  updated: string
  journalRef?: string
  doi?: string
}

export interface AtomFeed {
  records: ArxivRecord[]
  /** arXiv's messages from error entries (a 400's feed). */
  errors: string[]
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  removeNSPrefix: true,
  isArray: (name) => name === 'entry' || name === 'author' || name === 'link' || name === 'category',
  parseTagValue: false,
  trimValues: true
})

const text = (value: unknown): string => (typeof value === 'string' ? value : value && typeof value === 'object' && '#text' in value ? String((value as { '#text': unknown })['#text']) : value === undefined ? '' : String(value))
const collapse = (value: string) => value.replace(/\s+/g, ' ').trim()

export function parseAtom(xml: string): AtomFeed {
  const document = parser.parse(xml) as { feed?: { entry?: Array<Record<string, unknown>> } }
  if (!document.feed) throw new Error('not an Atom feed')
  const records: ArxivRecord[] = []
  const errors: string[] = []
  for (const entry of document.feed.entry ?? []) {
    const id = text(entry.id)
    if (/^https?:\/\/arxiv\.org\/api\/errors/.test(id) || (text(entry.title) === 'Error' && entry.published === undefined)) {
      errors.push(collapse(text(entry.summary)))
      continue
    }
    const match = /arxiv\.org\/abs\/(.+?)v(\d+)$/.exec(id)
    if (!match) continue
    const authors = ((entry.author as Array<{ name?: unknown }> | undefined) ?? []).map((author) => collapse(text(author.name)))
    records.push({
      id: match[1]!,
      version: Number(match[2]),
      title: collapse(text(entry.title)),
      authors,
      published: text(entry.published).slice(0, 10),
      updated: text(entry.updated).slice(0, 10),
      ...(entry.journal_ref !== undefined ? { journalRef: collapse(text(entry.journal_ref)) } : {}),
      ...(entry.doi !== undefined ? { doi: collapse(text(entry.doi)) } : {})
    })
  }
  return { records, errors }
}
