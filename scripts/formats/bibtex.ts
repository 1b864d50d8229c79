/**
 * The BibTeX format: `papers.bib` from `papers.json`, one entry per paper,
 * so readers can cite the list from Zotero, Overleaf or JabRef. Conference
 * and workshop papers are `@inproceedings` with their `booktitle`, journal
 * papers `@article`, arXiv preprints `@misc` with `eprint` and
 * `archivePrefix`, books `@book`; titles keep their capitals (`{{…}}`);
 * every value is LaTeX (unicode2latex: accents, `&`, `%`, `_`, braces).
 * A text format: the template's body around the entries marker is written
 * as it is, so it can hold `@comment` or `@preamble` lines. Pure.
 */
import { Transform } from 'unicode2latex'
import { citationKeys, splitName } from '../core/citekeys.ts'
import { arxivFromUrl } from '../core/arxiv.ts'
import { citedUrl } from '../core/identity.ts'
import type { Entry, PapersFile } from '../core/model.ts'
import { parseMarkdown } from '../core/markdown.ts'
import { toString } from 'mdast-util-to-string'
import { noBlocks, type Format } from './types.ts'

export type BibtexOptions = Record<string, never>

const latex = new Transform('bibtex-creator', {})
const months = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']
/** Extra fields BibTeX has a field for, by their name in `extra`. */
const bibliographic = ['volume', 'number', 'pages', 'publisher', 'address', 'edition', 'series', 'school', 'institution', 'organization', 'note']

export const bibtex: Format<BibtexOptions> = {
  name: 'bibtex',
  description: 'A BibTeX file (papers.bib): one entry per paper, for reference managers.',
  extension: '.bib',
  defaults: {},
  optionsSchema: { type: 'object', additionalProperties: false, properties: {} },
  render: noBlocks,
  renderText({ data, entries }) {
    const keys = citationKeys(entries)
    return entries.map((entry) => bibtexEntry(entry, keys.get(entry)!, data)).join('\n\n')
  }
}

/** LaTeX for a text value, on one line. */
export function tex(value: string): string {
  return latex.tolatex(value.replace(/\s+/g, ' ').trim(), { packages: new Set() })
}

/** `Juan de la Cruz` → `de la Cruz, Juan`; `et al.` → `others`. */
export function bibtexName(name: string): string {
  if (name === 'et al.') return 'others'
  const { first, von, last, suffix } = splitName(name)
  const family = [von, last].filter(Boolean).join(' ')
  if (!first) return tex(family)
  return [tex(family), ...(suffix ? [tex(suffix)] : []), tex(first)].join(', ')
}

export function bibtexEntry(entry: Entry, key: string, data: PapersFile): string {
  const venueType = entry.venue === undefined ? undefined : data.venues[entry.venue]?.type
  const arxiv = (entry.links ?? []).map((link) => arxivFromUrl(link.url)?.id).find((id) => id !== undefined)
  const fields: Array<[string, string]> = []
  let type = 'misc'
  if (entry.kind === 'book') type = 'book'
  else if (entry.kind === 'course' || entry.kind === 'presentation') type = 'misc'
  else if (venueType === 'conference' || venueType === 'workshop') type = 'inproceedings'
  else if (venueType === 'journal') type = 'article'
  if (entry.authors && entry.authors.length > 0) fields.push(['author', entry.authors.map(bibtexName).join(' and ')])
  // Double braces keep the title's capitals as written.
  fields.push(['title', `{${tex(entry.title)}}`])
  if (entry.venue !== undefined) {
    if (type === 'inproceedings') fields.push(['booktitle', tex(entry.venue)])
    else if (type === 'article') fields.push(['journal', tex(entry.venue)])
    else if (type === 'book') fields.push(['publisher', tex(entry.venue)])
    else if (!(venueType === 'preprint' && arxiv)) fields.push(['howpublished', tex(entry.venue)])
  }
  const date = /^(\d{4})(?:-(\d{2}))?/.exec(entry.date ?? '')
  const year = date?.[1] ?? /(\d{4})$/.exec(entry.venue ?? '')?.[1]
  if (year) fields.push(['year', year])
  // A month macro, written bare.
  const month = date?.[2] ? months[Number(date[2]) - 1] : undefined
  for (const name of bibliographic) {
    const value = entry.extra?.[name]
    if (value !== undefined && !(name === 'publisher' && type === 'book' && entry.venue !== undefined)) fields.push([name, tex(toString(parseMarkdown(value)))])
  }
  if (arxiv) fields.push(['eprint', arxiv], ['archivePrefix', 'arXiv'], ...(entry.primaryClass ? [['primaryClass', entry.primaryClass] as [string, string]] : []))
  const url = citedUrl(entry)
  if (url) fields.push(['url', url])
  if (entry.doi) fields.push(['doi', entry.doi])
  const width = Math.max(...fields.map(([name]) => name.length), month ? 5 : 0)
  const lines = fields.map(([name, value]) => `  ${name.padEnd(width)} = {${value}}`)
  if (month) lines.splice(fields.findIndex(([name]) => name === 'year') + 1, 0, `  ${'month'.padEnd(width)} = ${month}`)
  return `@${type}{${key},\n${lines.join(',\n')}\n}`
}
