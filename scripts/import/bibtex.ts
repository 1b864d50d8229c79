/**
 * Import from BibTeX: one or more `.bib` files (a list kept as one file per
 * category, a Zotero or Better BibTeX export, a hand-kept BibDesk file) →
 * data, and a `lines` template that writes them as a list. Parsed by
 * `@retorquere/bibtex-parser` (the parser of Better BibTeX: `@string`
 * macros, month macros, braces, LaTeX accents and commands to Unicode).
 * Pure: texts in, values out; a file that does not parse is refused with
 * every problem at its line and column.
 */
import { parse, type Creator, type Entry as BibEntry } from '@retorquere/bibtex-parser'
import GithubSlugger from 'github-slugger'
import path from 'node:path'
import { stringify as toYaml } from 'yaml'
import { bareDoi, doiFromUrl, doiKey } from '../core/doi.ts'
import { FindingsError } from '../core/errors.ts'
import type { Finding } from '../core/findings.ts'
import type { Category, Entry, Link, PapersFile, VenueType } from '../core/model.ts'
import { escape } from '../formats/pattern.ts'
import type { ImportResult } from './index.ts'
import { mergeLists } from './merge.ts'
import { urlRole } from './tokens.ts'
import type { Repair } from './types.ts'
import { guessVenueType } from './venues.ts'

export interface BibtexFile {
  /** As shown in messages, e.g. `bibtex/Classics.bib`. */
  file: string
  text: string
}

/** How the imported list is written until its maintainer writes a template of their own. */
export const bibtexPattern = '**{title}** {authors|and}. *{venue}*. {year}. [Paper]({paper}) [DOI]({doi}) [Code]({code})'

/** Fields the list shows or cites, kept as `extra` by their BibTeX name. */
const keptFields = ['volume', 'number', 'pages', 'publisher', 'address', 'edition', 'series', 'school', 'institution', 'organization', 'note', 'howpublished']
/** Fields read into the model itself. */
const modelFields = new Set(['title', 'author', 'journal', 'journaltitle', 'booktitle', 'year', 'month', 'date', 'url', 'doi', 'eprint', 'eprinttype', 'archiveprefix', 'primaryclass', 'keywords'])

export function importBibtex(files: readonly BibtexFile[], options: { output: string }): ImportResult {
  const findings: Finding[] = []
  const parsed = files.map((source) => {
    const library = parse(source.text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n'), { english: false, sentenceCase: false, caseProtection: false, unsupported: 'ignore' })
    for (const error of library.errors) findings.push(parseFinding(source, error.error))
    return { source, library }
  })
  if (findings.length > 0) throw new FindingsError(findings, 'BibTeX that does not parse, nothing was written (fix it, or export the file again from the reference manager)')

  const repairs: Repair[] = []
  const notKept = new Map<string, { count: number; file: string; line: number }>()
  const grouped = files.length > 1
  const slugger = new GithubSlugger()
  let data: PapersFile = { venues: {}, categories: [], entries: [] }
  for (const { source, library } of parsed) {
    const title = path.basename(source.file).replace(/\.(bib|bibtex|biblatex)$/i, '')
    const category: Category | undefined = grouped ? { id: slugger.slug(title) || slugger.slug('category'), title } : undefined
    const lines = entryLines(source.text, library.entries)
    const part: PapersFile = { venues: {}, categories: category ? [category] : [], entries: [] }
    library.entries.forEach((bib, index) => {
      const line = lines[index]!
      const entry = toEntry(bib, (kind, message) => repairs.push({ file: source.file, line, column: 1, kind, message }))
      if (category) entry.categories = [{ category: category.id }]
      if (entry.venue !== undefined) part.venues[entry.venue] ??= { type: venueType(bib, entry.venue) }
      part.entries.push(entry)
      for (const field of Object.keys(bib.fields)) {
        if (modelFields.has(field) || keptFields.includes(field)) continue
        const seen = notKept.get(field) ?? { count: 0, file: source.file, line }
        seen.count++
        notKept.set(field, seen)
      }
    })
    const merged = mergeLists(data, part)
    data = merged.data
    for (const note of merged.notes) repairs.push({ file: source.file, line: 1, column: 1, kind: 'import/merged', message: note, note: true })
  }
  if (notKept.size > 0) {
    const first = [...notKept.values()].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line)[0]!
    const fields = [...notKept].sort((a, b) => b[1].count - a[1].count || a[0].localeCompare(b[0])).map(([field, seen]) => `\`${field}\` (${seen.count})`)
    repairs.push({ file: first.file, line: first.line, column: 1, kind: 'import/field-not-kept', message: `Not kept, with how many entries have them: ${fields.join(', ')}; papers.json holds what a list shows and cites`, note: true })
  }
  repairs.sort((a, b) => (a.file ?? '').localeCompare(b.file ?? '') || a.line - b.line || a.column - b.column)
  const config = { output: options.output, format: 'lines', options: { pattern: bibtexPattern, group: grouped ? 'category' : 'none' } }
  const template = `---\n${toYaml(config).trimEnd()}\n---\n# Papers\n\n${grouped ? '<!-- generate:toc -->\n\n' : ''}<!-- generate:entries -->\n`
  return { format: 'bibtex', data: { $schema: './schema/papers.schema.json', ...data }, template, repairs, leftovers: [] }
}

/** What a venue is, by the field it came from when its name does not say. */
function venueType(bib: BibEntry, venue: string): VenueType {
  const guess = guessVenueType(venue)
  if (guess !== 'other') return guess
  const fields = bib.fields as Record<string, unknown>
  if (fields.journal !== undefined || fields.journaltitle !== undefined) return 'journal'
  if (fields.booktitle !== undefined) return /\bworkshop/i.test(venue) ? 'workshop' : 'conference'
  if (/^(book|mvbook)$/i.test(bib.type)) return 'publisher'
  return 'other'
}

/** The parser's `… at line 6, column 1 …` as a finding at that place. */
function parseFinding(source: BibtexFile, error: string): Finding {
  const at = /at line (\d+), column (\d+)/.exec(error)
  const message = error.replace(/\s*at line \d+, column \d+/, '').replace(/\s+/g, ' ').trim()
  return {
    file: source.file,
    line: at ? Number(at[1]) : 1,
    column: at ? Number(at[2]) : 1,
    ruleId: 'bibtex/syntax',
    severity: 'error',
    message: `Unexpected BibTeX: ${message}`,
    hint: 'close every brace and quote of the entry, and separate fields with commas'
  }
}

/** The line each entry starts on: its `@type{key` found in order in the source. */
function entryLines(text: string, entries: readonly BibEntry[]): number[] {
  const starts = [...text.matchAll(/@\s*([A-Za-z]+)\s*[{(]\s*([^,\s]*)/g)].filter((match) => !/^(string|comment|preamble)$/i.test(match[1]!))
  const lineAt = (offset: number) => text.slice(0, offset).split('\n').length
  let next = 0
  return entries.map((entry) => {
    let found = starts.findIndex((match, index) => index >= next && match[2] === entry.key && match[1]!.toLowerCase() === entry.type.toLowerCase())
    if (found === -1) found = Math.min(next, starts.length - 1)
    next = found + 1
    return found >= 0 ? lineAt(starts[found]!.index) : 1
  })
}

type Report = (kind: string, message: string) => void

function toEntry(bib: BibEntry, report: Report): Entry {
  const fields = bib.fields as Record<string, unknown>
  const text = (name: string): string | undefined => {
    const value = fields[name]
    const joined = Array.isArray(value) ? value.join(', ') : typeof value === 'string' ? value : undefined
    const cleaned = joined === undefined ? undefined : plain(joined)
    return cleaned === '' ? undefined : cleaned
  }
  const citekey = /^[^\s{},~#%\\"]+$/.test(bib.key) ? bib.key : undefined
  const name = citekey ?? `${bib.type} entry`
  let title = text('title')
  if (title === undefined) {
    title = `Untitled (${name})`
    report('import/no-title', `\`${name}\` has no title; imported as \`${title}\`: give it its title in papers.json`)
  }
  const entry: Entry = { kind: /^(book|mvbook)$/i.test(bib.type) ? 'book' : 'paper', title }
  const authors = (fields.author as Creator[] | undefined)?.map(creatorName).filter((author) => author !== '')
  if (authors && authors.length > 0) entry.authors = authors

  const arxiv = /^arxiv$/i.test(text('archiveprefix') ?? text('eprinttype') ?? '') ? text('eprint') : undefined
  const venue = text('journal') ?? text('journaltitle') ?? text('booktitle') ?? (arxiv ? 'arXiv' : undefined) ?? (/^(book|mvbook|misc|online|techreport|report)$/i.test(bib.type) ? (text('publisher') ?? text('institution')) : undefined)
  if (venue !== undefined) entry.venue = venue
  const date = dateOf(text('date'), text('year'), text('month'))
  if (date.value !== undefined) entry.date = date.value
  if (date.problem) report('import/date', `\`${name}\`: ${date.problem}`)

  const rawDoi = text('doi')
  if (rawDoi !== undefined) {
    const doi = bareDoi(rawDoi)
    if (doi) entry.doi = doi
    else report('import/doi', `\`${name}\`: \`${rawDoi}\` is not a DOI (\`10.<registrant>/<suffix>\`); it is not kept`)
  }
  const links: Link[] = []
  const addLink = (url: string) => {
    if (!/^https?:\/\/\S+$/i.test(url) || links.some((link) => link.url === url)) return
    // The DOI's own resolver link is the DOI, which the list shows as such.
    const resolved = doiFromUrl(url)
    if (resolved !== undefined && entry.doi !== undefined && doiKey(resolved) === doiKey(entry.doi)) return
    links.push({ type: urlRole(url), url })
  }
  for (const url of (typeof fields.url === 'string' ? fields.url : '').split(/\s+/)) addLink(url)
  if (arxiv && /^[\w.\-/]+$/.test(arxiv) && !links.some((link) => link.url.includes(arxiv.replace(/v\d+$/, '')))) addLink(`https://arxiv.org/abs/${arxiv}`)
  const howpublished = text('howpublished')
  if (howpublished && /^https?:\/\/\S+$/.test(howpublished)) addLink(howpublished)
  if (links.length > 0) entry.links = links

  if (citekey) entry.citekey = citekey
  else report('import/citekey', `A ${bib.type} entry has the key \`${bib.key}\`, which a citation key cannot be; it is not kept`)

  const keywords = ((fields.keywords as string[] | undefined) ?? []).map(plain).filter((keyword) => keyword !== '')
  if (keywords.length > 0) entry.tags = [...new Set(keywords)]
  const extra: Record<string, string> = {}
  for (const field of keptFields) {
    const value = text(field)
    if (value === undefined || (field === 'howpublished' && links.some((link) => link.url === value)) || value === entry.venue) continue
    extra[field] = escape(value)
  }
  if (Object.keys(extra).length > 0) entry.extra = extra
  return entry
}

/** `{firstName, prefix, lastName, suffix}` → `Juan de la Cruz Jr.`; `and others` → `et al.` */
function creatorName(creator: Creator): string {
  if (creator.name !== undefined) return plain(creator.name)
  if (creator.lastName === 'others' && !creator.firstName) return 'et al.'
  return plain([creator.firstName, creator.prefix, creator.lastName, creator.suffix].filter((part) => part !== undefined && part !== '').join(' '))
}

/** The parser's rich text (`<i>…</i>`, `<sup>…</sup>`) as plain text: composed characters (NFC), whitespace collapsed. */
function plain(value: string): string {
  return value
    .normalize('NFC')
    .replace(/<\/?(?:i|b|sup|sub|sc|nc|span)(?:\s[^<>]*)?>/g, '')
    .replace(/\s+/g, ' ')
    .trim()
}

const months: Record<string, number> = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 }

/** `date = {2023-04-12}` (BibLaTeX), else `year` and `month` (`9`, `sep`, `September`). */
function dateOf(date: string | undefined, year: string | undefined, month: string | undefined): { value?: string; problem?: string } {
  if (date !== undefined) {
    const iso = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(date)
    if (iso) return { value: [iso[1], iso[2], iso[3]].filter(Boolean).join('-') }
  }
  if (year === undefined) return date === undefined ? {} : { problem: `the date \`${date}\` is not \`YYYY-MM-DD\`; it is not kept` }
  const yyyy = /^\s*(\d{4})[a-z]?\s*$/.exec(year)?.[1]
  if (!yyyy) return { problem: `the year \`${year}\` is not a year; it is not kept` }
  if (month === undefined) return { value: yyyy }
  const number = /^\d{1,2}$/.test(month.trim()) ? Number(month) : months[month.trim().slice(0, 3).toLowerCase()]
  if (number === undefined || number < 1 || number > 12) return { value: yyyy, problem: `the month \`${month}\` is not a month; only the year is kept` }
  return { value: `${yyyy}-${String(number).padStart(2, '0')}` }
}
