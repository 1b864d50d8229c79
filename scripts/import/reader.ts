/**
 * One general reader of entry text, for list lines and table cells alike:
 * it finds the title, the links with their labels, venue and date tokens,
 * authors and tags in a run of Markdown, and writes down how the text was
 * shaped as a pattern (the source with each value replaced by its
 * placeholder, see `formats/pattern.ts`), so the entry can be written back
 * the same way. Pure.
 */
import type { Link as LinkNode, PhrasingContent } from 'mdast'
import { toString } from 'mdast-util-to-string'
import type { Link, LinkType } from '../core/model.ts'
import { findDates } from '../formats/date-pattern.ts'
import { findVenues, labelRole, readAuthors, splitVenueText, urlRole } from './tokens.ts'

/** What a table column holds, from its header; a line has no role. */
export type ColumnRole = 'title' | 'key' | 'venue' | 'date' | 'code' | 'authors' | 'links' | 'extra'

export interface EntryParts {
  title?: string
  key?: string
  authors?: string[]
  venue?: { series: string; year?: string }
  date?: string
  links: Link[]
  tags: string[]
  extra: Record<string, string>
  withdrawn?: boolean
}

export interface Reading {
  parts: EntryParts
  /** The text's own pattern. */
  pattern: string
}

interface Replacement {
  start: number
  end: number
  text: string
}

type Atom =
  | { kind: 'text'; start: number; end: number; wrappers: string[] }
  | { kind: 'link'; node: LinkNode; start: number; end: number; wrappers: string[] }

export interface ReadOptions {
  /** Links already read from the same entry (other cells of its row): numbering goes on, a repeated URL is the same link. */
  links?: Array<Link & { placeholder: string }>
  role?: ColumnRole
  /** The column's header, for `extra` and `links`. */
  column?: string
}

/** Reads `nodes`, which cover `source.slice(from, to)`. */
export function readPhrasing(nodes: PhrasingContent[], source: string, from: number, to: number, options: ReadOptions = {}): Reading {
  const parts: EntryParts = { links: [], tags: [], extra: {} }
  const replacements: Replacement[] = []
  const replace = (start: number, end: number, text: string) => replacements.push({ start, end, text })
  const role = options.role
  const raw = source.slice(from, to)

  if (role === 'extra') {
    const text = raw.trim()
    if (text !== '') {
      const start = from + raw.indexOf(text)
      parts.extra[options.column!] = text
      replace(start, start + text.length, `{extra:${options.column}}`)
    }
    return { parts, pattern: build(source, from, to, replacements) }
  }

  const atoms = flatten(nodes)
  // Struck through: withdrawn; the markers come back from the flag.
  const struck = findDelete(nodes)
  if (struck && struck.position) {
    parts.withdrawn = true
    replace(struck.position.start.offset!, struck.position.start.offset! + 2, '')
    replace(struck.position.end.offset! - 2, struck.position.end.offset!, '')
  }

  const known = options.links ?? []
  const addLink = (atom: Extract<Atom, { kind: 'link' }>, type: LinkType, label: string | undefined) => {
    const span = urlSpan(atom.node, source)
    const same = known.find((link) => link.url === atom.node.url && link.type === type)
    const count = known.filter((link) => link.type === type).length + 1
    const name = same?.placeholder ?? (count === 1 ? type : `${type}.${count}`)
    if (!same) {
      const link = { type, url: atom.node.url, ...(label !== undefined ? { label } : {}), placeholder: name }
      known.push(link)
      parts.links.push(link)
    }
    if (span) replace(span.start, span.end, `{${name}}`)
    return name
  }

  // The title: long text in bold or italics, else a link with a long label, else the text the line starts with.
  const emphasized = role === undefined || role === 'title' ? findEmphasizedTitle(nodes, source) : undefined
  if (emphasized) {
    parts.title = emphasized.title
    replace(emphasized.start, emphasized.end, '{title}')
  }

  // A line that starts with words: they are its title, up to the first link or tag.
  if (role === undefined && parts.title === undefined && atoms[0]?.kind === 'text' && atoms[0].wrappers.length === 0) {
    const atom = atoms[0]
    const text = source.slice(atom.start, atom.end)
    const lead = /^\s*([^\[\n]*?)[\s,;:|\-–—]*(?:\[|\n|$)/.exec(text)
    const title = lead?.[1]?.trim() ?? ''
    if (title.split(/\s+/).length >= 2 && findVenues(title).every((venue) => venue.text.length < title.length - 4)) {
      const start = atom.start + text.indexOf(title)
      parts.title = unescape(title)
      replace(start, start + title.length, '{title}')
    }
  }

  const linkAtoms = atoms.filter((atom): atom is Extract<Atom, { kind: 'link' }> => atom.kind === 'link')
  for (const atom of linkAtoms) {
    const label = toString(atom.node).trim()
    const badge = atom.node.children.length > 0 && atom.node.children.every((child) => child.type === 'image' || (child.type === 'text' && child.value.trim() === ''))
    if (!/^(https?:)?\/\//i.test(atom.node.url)) continue
    if (badge) {
      const type = role === 'code' ? 'code' : urlRole(atom.node.url)
      // Its image keeps the repository's name; `withRepositories` turns it into `{repo}` once the whole entry is read.
      addLink(atom, type, undefined)
      continue
    }
    const said = labelRole(label)
    const labelTokens = scanTokens(source, atom.start + 1, labelEndOffset(atom.node, source)).filter((token) => token.kind !== 'tag')
    // A line that starts with its link (`[GShard](url) *ICLR 2021*`) is titled by it however short the label.
    const leads = atom === atoms.find((candidate) => candidate.kind === 'link' || source.slice(candidate.start, candidate.end).trim() !== '')
    const titleLike = !said && labelTokens.length === 0 && (role === 'title' ? label.length > 0 : (label.length >= 8 && /\s/.test(label)) || (leads && /\p{L}/u.test(label)))
    if (titleLike && parts.title === undefined && (role === undefined || role === 'title')) {
      parts.title = label
      const inner = innerSpan(atom.node, source)
      if (inner) replace(inner.start, inner.end, '{title}')
      addLink(atom, 'paper', undefined)
      continue
    }
    if (titleLike && parts.title !== undefined && parts.authors === undefined) {
      // `[Author (Year)](url)`: the link's label names the authors.
      const withYear = /^(.*?)\s*\((\d{4})\)$/.exec(label)
      const names = readAuthors(withYear ? withYear[1]! : label)
      const inner = innerSpan(atom.node, source)
      if (names && inner) {
        parts.authors = names.authors
        const text = source.slice(inner.start, inner.end)
        const authorsEnd = withYear ? text.lastIndexOf('(') : text.length
        replace(inner.start, inner.start + text.slice(0, authorsEnd).trimEnd().length, `{authors|${names.style}}`)
        if (withYear) {
          parts.date ??= withYear[2]!
          replace(inner.start + text.lastIndexOf(withYear[2]!), inner.start + text.lastIndexOf(withYear[2]!) + 4, '{year}')
        }
        addLink(atom, 'paper', undefined)
        continue
      }
    }
    if (labelTokens.length > 0 && !said) {
      // `[[4 Sep 2022]](url)`, `[ArXiv 2024](url)`: a paper link labeled by its date or venue.
      applyTokens(labelTokens, parts, replace)
      addLink(atom, role === 'code' ? 'code' : 'paper', undefined)
      continue
    }
    if (role === undefined && !said && parts.title !== undefined && parts.venue === undefined && label !== '' && label.split(/\s+/).length <= 5) {
      // `Title [[AI Open]](url)`: the label names where the paper appeared.
      const inner = innerSpan(atom.node, source)
      const written = inner ? source.slice(inner.start, inner.end) : ''
      const bracketed = /^\\?\[(.*?)\\?\]$/.exec(written)
      if (inner && !/^\[/.test(label.replace(/^\[(.*)\]$/, '$1')) && (bracketed || !/^\\?\[/.test(written))) {
        const offset = bracketed ? 1 : 0
        const value = unescape(bracketed ? bracketed[1]! : written)
        const venue = splitVenueText(value)
        parts.venue = { series: venue.series, ...(venue.year ? { year: venue.year } : {}) }
        const yearLength = venue.year ? (venue.short ? 2 : 4) : 0
        replace(inner.start + offset, inner.end - offset - (venue.year ? yearLength + venue.separator!.length : 0), '{series}')
        if (venue.year) replace(inner.end - offset - yearLength, inner.end - offset, venue.short ? '{vyy}' : '{vyear}')
        addLink(atom, urlRole(atom.node.url) === 'code' ? 'code' : 'paper', undefined)
        continue
      }
    }
    const type = role === 'code' ? (said && said !== 'paper' ? said : 'code') : (said ?? urlRole(atom.node.url))
    addLink(atom, type, label === '' ? undefined : label)
  }

  // Text outside links: the column's value, or tokens, authors, tags and the leading title.
  const textAtoms = atoms.filter((atom): atom is Extract<Atom, { kind: 'text' }> => atom.kind === 'text')
  const covered = (start: number, end: number) => replacements.some((item) => start < item.end && end > item.start)
  const free = textAtoms.flatMap((atom) => freeSpans(atom.start, atom.end, replacements))
  if (role === 'key' || role === 'venue' || role === 'authors' || role === 'date' || role === 'title' || role === 'code' || role === 'links') {
    const text = free.map((span) => source.slice(span.start, span.end)).join('')
    const value = unescape(text).trim()
    if (value === '' || isPlaceholder(value)) return { parts, pattern: build(source, from, to, replacements) }
    const first = free.find((span) => source.slice(span.start, span.end).trim() !== '')!
    const start = first.start + source.slice(first.start, first.end).search(/\S/)
    const last = [...free].reverse().find((span) => source.slice(span.start, span.end).trim() !== '')!
    const end = last.start + source.slice(last.start, last.end).trimEnd().length
    const single = free.filter((span) => source.slice(span.start, span.end).trim() !== '').length === 1
    if (role === 'key' && single) {
      parts.key = value
      replace(start, end, '{key}')
    } else if (role === 'venue' && single) {
      const venue = splitVenueText(value)
      parts.venue = { series: venue.series, ...(venue.year ? { year: venue.year } : {}) }
      const yearText = venue.year ? source.slice(start, end).match(/(\d{2}|\d{4})$/)![0] : undefined
      replace(start, yearText ? end - yearText.length - (venue.separator?.length ?? 0) : end, '{series}')
      if (yearText) replace(end - yearText.length, end, venue.short ? '{vyy}' : '{vyear}')
    } else if (role === 'authors' && readAuthors(value)) {
      const names = readAuthors(value)!
      parts.authors = names.authors
      replace(start, end, `{authors|${names.style}}`)
    } else if (role === 'date') {
      applyTokens(scanTokens(source, start, end).filter((token) => token.kind === 'date'), parts, replace)
    } else if (role === 'title' && parts.title === undefined && single) {
      parts.title = value
      replace(start, end, '{title}')
    } else if (role === 'title' && parts.title !== undefined) {
      // `Film [Film: Frequency…](url)`: a short name before the title; authors after it.
      for (const span of free) {
        const text = source.slice(span.start, span.end)
        const trimmed = text.trim()
        if (trimmed === '' || /^[\s\p{P}]+$/u.test(trimmed)) continue
        const at = span.start + text.indexOf(trimmed)
        if (parts.key === undefined && at < (replacements.find((item) => item.text === '{title}')?.start ?? 0)) {
          parts.key = unescape(trimmed.replace(/[:\-–—]\s*$/, '').trim())
          replace(at, at + trimmed.replace(/[:\-–—]\s*$/, '').trim().length, '{key}')
        } else if (parts.authors === undefined && readAuthors(unescape(trimmed))) {
          const names = readAuthors(unescape(trimmed))!
          parts.authors = names.authors
          replace(at, at + trimmed.length, `{authors|${names.style}}`)
        }
      }
    }
    return { parts, pattern: build(source, from, to, replacements) }
  }

  // A line: tokens first, then what is left. A known series inside a longer emphasized name
  // (`*Proceedings of the ICML Workshop on …*`) is part of that name, which is the venue.
  const insideName = (token: { kind: string; start: number; end: number }) => {
    if (token.kind !== 'venue' && token.kind !== 'venue-year') return false
    const atom = textAtoms.find((candidate) => candidate.start <= token.start && token.end <= candidate.end)
    if (!atom || !atom.wrappers.some((wrapper) => wrapper === 'emphasis' || wrapper === 'strong')) return false
    const words = source.slice(atom.start, atom.end).replace(/[\s,.;:]+$/, '').trim().split(/\s+/).length
    return words > 3 && parts.title !== undefined
  }
  for (const span of free) applyTokens(scanTokens(source, span.start, span.end).filter((token) => !covered(token.start, token.end) && !insideName(token)), parts, replace)
  const rest = textAtoms.flatMap((atom) => freeSpans(atom.start, atom.end, replacements).map((span) => ({ ...span, wrappers: atom.wrappers })))
  for (const span of rest) {
    for (const piece of pieces(source, span.start, span.end)) {
      const text = unescape(piece.text)
      if (parts.title === undefined) {
        parts.title = text
        replace(piece.start, piece.end, '{title}')
        continue
      }
      const byline = /^by\s+(.*)$/is.exec(text)
      const names = readAuthors(byline ? byline[1]! : text)
      const ownLine = /\n\s*$/.test(source.slice(from, piece.start)) || /^\s*$/.test(source.slice(from, piece.start))
      if (names && parts.authors === undefined && (byline || names.authors.length > 1 || ownLine)) {
        parts.authors = names.authors
        const value = byline ? byline[1]! : text
        const at = piece.start + piece.text.lastIndexOf(value.trim().replace(/[.,;]$/, '').split(/\s/)[0]!)
        const written = piece.text.slice(at - piece.start)
        const end = at + written.replace(/[,;]$/, '').replace(/(?<!et al)\.$/, '').length
        replace(at, end, `{authors|${names.style}}`)
        continue
      }
      const withYear = /^([A-Z][\w-]*(?: [A-Z][\w-]*){0,2})( |')((?:19|20)\d{2}|\d{2})$/.exec(text)
      if (withYear && parts.venue === undefined) {
        parts.venue = { series: withYear[1]!, year: withYear[3]!.length === 4 ? withYear[3]! : `20${withYear[3]}` }
        replace(piece.start, piece.start + withYear[1]!.length, '{series}')
        replace(piece.end - withYear[3]!.length, piece.end, withYear[3]!.length === 4 ? '{vyear}' : '{vyy}')
        continue
      }
      if (span.wrappers.some((wrapper) => wrapper === 'emphasis' || wrapper === 'strong') && parts.venue === undefined) {
        const venue = splitVenueText(text)
        parts.venue = { series: venue.series, ...(venue.year ? { year: venue.year } : {}) }
        if (venue.year) {
          const yearLength = venue.short ? 2 : 4
          replace(piece.start, piece.end - yearLength - venue.separator!.length, '{series}')
          replace(piece.end - yearLength, piece.end, venue.short ? '{vyy}' : '{vyear}')
        } else replace(piece.start, piece.end, '{series}')
        continue
      }
      if (/[\p{L}\p{N}]/u.test(text)) {
        // Words the model has no name for are kept, not dropped; page ranges (`56--64`, `e5579451`) by their name.
        const pages = parts.extra.pages === undefined ? /^([,\s]*)(\d+\s*(?:-{1,3}|–|—)\s*\d+|[a-z]?\d+(?::\d+)?)[,\s]*$/i.exec(piece.text) : null
        if (pages) {
          const at = piece.start + pages[1]!.length
          parts.extra.pages = pages[2]!
          replace(at, at + pages[2]!.length, '{extra:pages}')
          continue
        }
        const name = parts.extra.note === undefined ? 'note' : `note ${Object.keys(parts.extra).length + 1}`
        parts.extra[name] = piece.text
        replace(piece.start, piece.end, `{extra:${name}}`)
      }
    }
  }
  return { parts, pattern: build(source, from, to, replacements) }
}

/** Text markers of an empty cell. */
export function isPlaceholder(text: string): boolean {
  return /^(n\/?a|none|null|tbd|todo|-+|—|–|\/|\?|coming soon|not available|no)$/i.test(text.trim())
}

interface Token {
  kind: 'date' | 'venue' | 'venue-year' | 'tag'
  start: number
  end: number
  value: string
  placeholder: string
  short?: boolean
}

/** Dates, venues with their years and `[tags]` in `source.slice(start, end)`. */
function scanTokens(source: string, start: number, end: number): Token[] {
  const text = source.slice(start, end)
  const tokens: Token[] = []
  const taken = (from: number, to: number) => tokens.some((token) => from < token.end && to > token.start)
  for (const date of findDates(text)) {
    // A bare year after a name is that venue's year (`User Modeling 2007`, `Github 2023`), not a date.
    if (date.format === 'YYYY' && /(?:^|[\s[*_])(?!(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\s$)[A-Z][\w-]*\s$/.test(text.slice(Math.max(0, date.index - 40), date.index))) continue
    tokens.push({ kind: 'date', start: start + date.index, end: start + date.index + date.text.length, value: date.value, placeholder: date.format === 'YYYY' ? '{year}' : `{date|${date.format}}` })
  }
  for (const venue of findVenues(text)) {
    const seriesEnd = start + venue.index + venue.series.length
    if (taken(start + venue.index, seriesEnd)) continue
    // A bare year right after a venue is the venue's year, not a date.
    const yearStart = venue.yearText ? start + venue.yearText.index : undefined
    const yearToken = yearStart === undefined ? undefined : tokens.find((token) => token.kind === 'date' && token.start === yearStart && token.placeholder === '{year}')
    if (yearToken) tokens.splice(tokens.indexOf(yearToken), 1)
    tokens.push({ kind: 'venue', start: start + venue.index, end: seriesEnd, value: venue.series, placeholder: '{series}' })
    if (venue.yearText && !taken(yearStart!, yearStart! + venue.yearText.text.length)) {
      tokens.push({ kind: 'venue-year', start: yearStart!, end: yearStart! + venue.yearText.text.length, value: venue.year!, placeholder: venue.yearText.short ? '{vyy}' : '{vyear}' })
    }
  }
  for (const tag of text.matchAll(/\[([^\[\]\n]{1,40})\]/g)) {
    const from = start + tag.index! + 1
    if (!taken(from, from + tag[1]!.length)) tokens.push({ kind: 'tag', start: from, end: from + tag[1]!.length, value: tag[1]!, placeholder: '{tag}' })
  }
  return tokens.sort((a, b) => a.start - b.start)
}

function applyTokens(tokens: readonly Token[], parts: EntryParts, replace: (start: number, end: number, text: string) => void): void {
  for (const token of tokens) {
    if (token.kind === 'date') {
      if (parts.date !== undefined) continue
      parts.date = token.value
    } else if (token.kind === 'venue') {
      if (parts.venue !== undefined) continue
      parts.venue = { series: token.value }
    } else if (token.kind === 'venue-year') {
      if (!parts.venue || parts.venue.year !== undefined) continue
      parts.venue.year = token.value
    } else {
      parts.tags.push(token.value)
      const count = parts.tags.length
      replace(token.start, token.end, count === 1 ? '{tag}' : `{tag.${count}}`)
      continue
    }
    replace(token.start, token.end, token.placeholder)
  }
}

/** Spans of text between separators (`,`, ` - `, `|`, brackets, line ends), trimmed, with letters or digits. */
function pieces(source: string, start: number, end: number): Array<{ start: number; end: number; text: string }> {
  const text = source.slice(start, end)
  const found: Array<{ start: number; end: number; text: string }> = []
  for (const match of text.matchAll(/[^\n|()[\]]+/g)) {
    const value = match[0]
    const trimmed = value.replace(/^[\s\-–—:;.*_]+/, '').replace(/[\s\-–—:;*_]+$/, '').replace(/(?<!\b\p{L})\.$/u, (dot) => (/et al\.$/.test(value.trim()) ? dot : ''))
    if (!/[\p{L}\p{N}]/u.test(trimmed)) continue
    const at = match.index! + value.indexOf(trimmed)
    found.push({ start: start + at, end: start + at + trimmed.length, text: trimmed })
  }
  return found
}

/** Parts of `[start, end)` that no replacement covers. */
function freeSpans(start: number, end: number, replacements: readonly Replacement[]): Array<{ start: number; end: number }> {
  const spans: Array<{ start: number; end: number }> = []
  let at = start
  for (const item of [...replacements].filter((entry) => entry.end > start && entry.start < end).sort((a, b) => a.start - b.start)) {
    if (item.start > at) spans.push({ start: at, end: item.start })
    at = Math.max(at, item.end)
  }
  if (at < end) spans.push({ start: at, end })
  return spans
}

function build(source: string, from: number, to: number, replacements: readonly Replacement[]): string {
  // A brace the list writes stays a brace, never a placeholder: Markdown reads `\{` as `{` (in code a backslash is literal, so code keeps its braces).
  const literal = (start: number, end: number) => source.slice(start, end).replace(/`[^`]*`|(?<!\\)\{/g, (match) => (match === '{' ? '\\{' : match))
  let text = ''
  let at = from
  for (const item of [...replacements].sort((a, b) => a.start - b.start || a.end - b.end)) {
    if (item.start < at) continue
    text += literal(at, item.start) + item.text
    at = item.end
  }
  text += literal(at, to)
  // Continuation lines lose their indentation: the format indents them again.
  return text.replace(/\n[ \t]+/g, '\n').trim()
}

function flatten(nodes: readonly PhrasingContent[], wrappers: string[] = []): Atom[] {
  return nodes.flatMap((node): Atom[] => {
    if (!node.position) return []
    const start = node.position.start.offset!
    const end = node.position.end.offset!
    if (node.type === 'text') return [{ kind: 'text', start, end, wrappers }]
    if (node.type === 'link') return [{ kind: 'link', node, start, end, wrappers }]
    if (node.type === 'strong' || node.type === 'emphasis' || node.type === 'delete') return flatten(node.children, [...wrappers, node.type])
    return []
  })
}

function findDelete(nodes: readonly PhrasingContent[]): Extract<PhrasingContent, { type: 'delete' }> | undefined {
  for (const node of nodes) {
    if (node.type === 'delete') return node
    if (node.type === 'strong' || node.type === 'emphasis') {
      const found = findDelete(node.children)
      if (found) return found
    }
  }
  return undefined
}

/** A title in bold or italics: the text of the first such span, without the punctuation that ends it, when it reads as a title. */
function findEmphasizedTitle(nodes: readonly PhrasingContent[], source: string): { title: string; start: number; end: number } | undefined {
  for (const node of nodes) {
    // Only before the first link: emphasis after it is a venue or authors.
    if (node.type === 'link') return undefined
    if (node.type !== 'strong' && node.type !== 'emphasis') continue
    const first = node.children[0]
    const inner = first?.type === 'strong' || first?.type === 'emphasis' ? first.children[0] : first
    if (inner?.type !== 'text' || !inner.position) continue
    const text = source.slice(inner.position.start.offset!, inner.position.end.offset!)
    const trimmed = text.trim().replace(/[\s.:,;\-–—]+$/, '')
    // Bold that starts the line is its title however short; elsewhere, three words or more.
    const leads = nodes.slice(0, nodes.indexOf(node)).every((before) => before.type === 'text' && before.value.trim() === '')
    if (trimmed === '' || (trimmed.split(/\s+/).length < 3 && !(leads && node.type === 'strong'))) continue
    const start = inner.position.start.offset! + text.indexOf(trimmed)
    return { title: unescape(trimmed), start, end: start + trimmed.length }
  }
  return undefined
}

/** Where a link's URL is written in the source. */
function urlSpan(node: LinkNode, source: string): { start: number; end: number } | undefined {
  const start = node.position!.start.offset!
  const end = node.position!.end.offset!
  const written = source.slice(start, end)
  if (written === node.url || written === `<${node.url}>`) return { start: start + (written.startsWith('<') ? 1 : 0), end: end - (written.startsWith('<') ? 1 : 0) }
  const labelEnd = labelEndOffset(node, source)
  const open = source.indexOf('(', labelEnd)
  if (open === -1 || open >= end) return undefined
  const at = source.indexOf(node.url, open)
  if (at !== -1 && at + node.url.length <= end) return { start: at, end: at + node.url.length }
  // Written with escapes or encodings: the destination as it stands.
  const destination = /^\(\s*<?([^\s>)]+)/.exec(source.slice(open, end))
  return destination ? { start: open + destination[0].length - destination[1]!.length, end: open + destination[0].length } : undefined
}

/** Offset of the `]` that closes a link's label. */
function labelEndOffset(node: LinkNode, source: string): number {
  const last = node.children.at(-1)
  const after = last?.position?.end.offset ?? node.position!.start.offset! + 1
  const close = source.indexOf(']', after)
  return close === -1 ? after : close
}

/** The span of a link's label text, inside the bold or italics that wrap all of it. */
function innerSpan(node: LinkNode, source: string): { start: number; end: number } | undefined {
  let children: readonly PhrasingContent[] = node.children
  while (children.length === 1 && (children[0]!.type === 'strong' || children[0]!.type === 'emphasis')) children = (children[0] as { children: PhrasingContent[] }).children
  const first = children[0]
  const last = children.at(-1)
  if (!first?.position || !last?.position) return undefined
  const start = first.position.start.offset!
  const end = last.position.end.offset!
  const text = source.slice(start, end)
  const trimmed = text.trim()
  return { start: start + text.indexOf(trimmed), end: start + text.indexOf(trimmed) + trimmed.length }
}

function unescape(text: string): string {
  return text.replace(/\\([!-/:-@[-`{-~])/g, '$1').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&nbsp;/g, '\u00a0')
}
