/**
 * The CSL-JSON format: `papers.csl.json`, every entry as Citation Style
 * Language data, which Zotero imports and Pandoc cites from. Types by venue
 * (`paper-conference`, `article-journal`, `article` for preprints, `book`,
 * `speech` for talks and courses); names split into `family`, `given` and particles;
 * the same citation keys as `papers.bib`. A text format. Pure.
 */
import { arxivFromUrl } from '../core/arxiv.ts'
import { citationKeys, splitName } from '../core/citekeys.ts'
import { parseMarkdown } from '../core/markdown.ts'
import { citedUrl } from '../core/identity.ts'
import type { Entry, PapersFile } from '../core/model.ts'
import { toString } from 'mdast-util-to-string'
import { noBlocks, type Format } from './types.ts'

export type CslJsonOptions = Record<string, never>

/** One CSL name: a person by parts, or a name that is not split (`1001Tracklists`). */
export type CslName = { family: string; given?: string; 'non-dropping-particle'?: string; suffix?: string } | { literal: string }

export const cslJson: Format<CslJsonOptions> = {
  name: 'csl-json',
  description: 'A CSL-JSON file (papers.csl.json): every entry as citation data, for Zotero and Pandoc.',
  extension: '.csl.json',
  bodyless: true,
  defaults: {},
  optionsSchema: { type: 'object', additionalProperties: false, properties: {} },
  render: noBlocks,
  renderText({ data, entries }) {
    const keys = citationKeys(entries)
    return JSON.stringify(entries.map((entry) => cslItem(entry, keys.get(entry)!, data)), null, 2)
  }
}

export function cslName(name: string): CslName {
  const { first, von, last, suffix } = splitName(name)
  if (!first && !von) return { literal: last }
  return { family: last, ...(first ? { given: first } : {}), ...(von ? { 'non-dropping-particle': von } : {}), ...(suffix ? { suffix } : {}) }
}

export function cslItem(entry: Entry, id: string, data: PapersFile): Record<string, unknown> {
  const venueType = entry.venue === undefined ? undefined : data.venues[entry.venue]?.type
  const arxiv = (entry.links ?? []).map((link) => arxivFromUrl(link.url)?.id).find((found) => found !== undefined)
  const type =
    entry.kind === 'book' ? 'book' : entry.kind === 'presentation' || entry.kind === 'course' ? 'speech' : venueType === 'conference' || venueType === 'workshop' ? 'paper-conference' : venueType === 'journal' ? 'article-journal' : 'article'
  const item: Record<string, unknown> = { id, type, title: entry.title }
  const people = (entry.authors ?? []).filter((name) => name !== 'et al.')
  if (people.length > 0) item.author = people.map(cslName)
  const date = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(entry.date ?? '')
  const year = date?.[1] ?? /^(\d{4})/.exec(entry.date ?? '')?.[1] ?? /(\d{4})$/.exec(entry.venue ?? '')?.[1]
  if (year) item.issued = { 'date-parts': [[Number(year), ...(date?.[2] ? [Number(date[2])] : []), ...(date?.[3] ? [Number(date[3])] : [])]] }
  if (entry.venue !== undefined) {
    if (type === 'book') item.publisher = entry.venue
    else if (type === 'speech') item['event-title'] = entry.venue
    else item['container-title'] = entry.venue
  }
  if (arxiv) item.number = `arXiv:${arxiv}`
  const text = (value: string | undefined) => (value === undefined ? undefined : toString(parseMarkdown(value)))
  const fields: Array<[string, string]> = [['volume', 'volume'], ['number', 'issue'], ['pages', 'page'], ['publisher', 'publisher'], ['address', 'publisher-place'], ['edition', 'edition'], ['note', 'note']]
  for (const [from, to] of fields) {
    const value = text(entry.extra?.[from])
    if (value !== undefined && item[to] === undefined) item[to] = value
  }
  if (entry.doi) item.DOI = entry.doi
  const url = citedUrl(entry)
  if (url) item.URL = url
  return item
}
