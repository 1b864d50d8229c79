/**
 * arXiv's Atom feed, read with a real XML parser (well-formedness checked
 * first, namespaces stripped so prefixes do not matter), each entry validated
 * against the record's schema. Entries are matched by the ID in `<id>`, never
 * by their order. A feed that is not well-formed, not Atom, or whose count
 * disagrees with its entries is `garbled`: absence in it proves nothing.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { answerValidator, nonBlank } from '../answer-schema.ts'

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
  /** The primary category, `cs.LG`. */
  primaryClass?: string
}

/** arXiv's category names: `cs.LG`, `hep-th`, `cond-mat.stat-mech`. */
export const categoryPattern = '^[a-z]+(-[a-z]+)*(\\.[A-Za-z]+(-[a-z]+)*)?$'

const day = { type: 'string', pattern: '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$' } as const

export const arxivRecordSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'version', 'title', 'authors', 'published', 'updated'],
  properties: {
    id: { type: 'string', pattern: '^(\\d{4}\\.\\d{4,5}|[a-z]+(-[a-z]+)*(\\.[A-Z]{2})?/\\d{7})$' },
    version: { type: 'integer', minimum: 1 },
    title: nonBlank,
    authors: { type: 'array', minItems: 1, items: nonBlank },
    published: day,
    updated: day,
    journalRef: nonBlank,
    doi: nonBlank,
    primaryClass: { type: 'string', pattern: categoryPattern }
  }
} as const

/** Whether a record (from an answer or from the cache) is one arXiv could have sent. */
export const validateRecord = answerValidator<ArxivRecord>(arxivRecordSchema)

export type AtomFeed =
  | {
      kind: 'feed'
      records: ArxivRecord[]
      /** Entries that did not validate, by ID when one could be read. */
      invalid: Array<{ id?: string; problems: string }>
      /** arXiv's messages from error entries (a 400's feed). */
      errors: string[]
      /** Whether the feed's `opensearch:totalResults` agrees with its entries, so that absence means something. */
      complete: boolean
    }
  | { kind: 'garbled'; reason: string }

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  isArray: (name) => name === 'entry' || name === 'author' || name === 'link' || name === 'category',
  parseTagValue: false,
  trimValues: true
})

/** An element's text; `undefined` when it holds markup or nothing readable. */
function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const keys = Object.keys(value)
    // Attributes are fine (`<title type="text">`); child elements are not text.
    if (keys.every((key) => key === '#text' || key.startsWith('@'))) return typeof (value as Record<string, unknown>)['#text'] === 'string' ? ((value as Record<string, string>)['#text'] ?? '') : ''
  }
  return undefined
}

const collapse = (value: string | undefined) => (value === undefined ? undefined : value.replace(/\s+/g, ' ').trim())

/** `<arxiv:primary_category term="cs.LG"/>`'s term. A category arXiv might add in another shape is left out, not a reason to doubt the record. */
function primaryClassOf(value: unknown): string | undefined {
  const element = Array.isArray(value) ? value[0] : value
  const term = element && typeof element === 'object' ? (element as Record<string, unknown>)['@term'] : undefined
  return typeof term === 'string' && new RegExp(categoryPattern).test(term.trim()) ? term.trim() : undefined
}

export function parseAtom(xml: string): AtomFeed {
  if (xml.trim() === '') return { kind: 'garbled', reason: 'arXiv answered with an empty body' }
  const wellFormed = XMLValidator.validate(xml)
  if (wellFormed !== true) return { kind: 'garbled', reason: `arXiv's answer is not well-formed XML (${wellFormed.err.msg} at line ${wellFormed.err.line}), perhaps cut short` }
  let document: { feed?: { entry?: Array<Record<string, unknown>>; totalResults?: unknown } }
  try {
    document = parser.parse(xml) as typeof document
  } catch (error) {
    return { kind: 'garbled', reason: `arXiv's answer could not be read (${(error as Error).message})` }
  }
  if (!document.feed || typeof document.feed !== 'object') return { kind: 'garbled', reason: 'arXiv answered with something that is not an Atom feed (an HTML page? a robot check?)' }
  const entries = document.feed.entry ?? []
  const records: ArxivRecord[] = []
  const invalid: Array<{ id?: string; problems: string }> = []
  const errors: string[] = []
  let counted = 0
  for (const entry of entries) {
    const id = text(entry.id) ?? ''
    if (/^https?:\/\/arxiv\.org\/api\/errors/.test(id) || (text(entry.title) === 'Error' && entry.published === undefined)) {
      errors.push(collapse(text(entry.summary)) ?? 'an error without a message')
      continue
    }
    counted++
    const match = /^https?:\/\/arxiv\.org\/abs\/(.+?)v(\d+)$/.exec(id.trim())
    if (!match) {
      invalid.push({ problems: `an entry's <id> \`${id.slice(0, 80)}\` is not an arXiv abstract URL` })
      continue
    }
    const authors = Array.isArray(entry.author) ? (entry.author as Array<Record<string, unknown> | string>).map((author) => collapse(typeof author === 'object' ? text(author.name) : undefined)) : []
    const candidate = {
      id: match[1]!,
      version: Number(match[2]),
      title: collapse(text(entry.title)),
      authors,
      published: text(entry.published)?.trim().slice(0, 10),
      updated: text(entry.updated)?.trim().slice(0, 10),
      // Present but unreadable is `null`, which fails validation rather than vanishing.
      ...(entry.journal_ref !== undefined ? { journalRef: collapse(text(entry.journal_ref)) ?? null } : {}),
      ...(entry.doi !== undefined ? { doi: collapse(text(entry.doi)) ?? null } : {}),
      ...(primaryClassOf(entry.primary_category) !== undefined ? { primaryClass: primaryClassOf(entry.primary_category) } : {})
    }
    const validated = validateRecord(candidate)
    if (validated.ok) records.push(validated.value)
    else invalid.push({ id: candidate.id, problems: validated.problems })
  }
  const total = text(document.feed.totalResults)?.trim()
  const complete = total !== undefined && /^\d+$/.test(total) && Number(total) === counted
  return { kind: 'feed', records, invalid, errors, complete }
}
