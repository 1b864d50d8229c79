/**
 * Entry patterns: how one entry is written, as Markdown with placeholders,
 * e.g. `**{title}** [[pdf]]({paper}) {series} {vyear}` or, for a table cell,
 * `{key} [{title}]({paper})`. The line and table formats render entries
 * through them, and `import` learns them from the list it reads.
 *
 * A pattern is split into units at whitespace (brackets, parentheses and
 * emphasis markers kept together); a unit with a placeholder that has no
 * value for an entry is left out, with the space before it. A line
 * `A || B` is written as the first of its alternatives whose values the
 * entry has (a label that is a venue for some entries and a date for
 * others, a badge only for entries with a repository). Values are escaped
 * as Markdown text; URLs stay URLs. Pure.
 */
import type { Nodes, Parent, RootContent } from 'mdast'
import { toMarkdown } from 'mdast-util-to-markdown'
import { descriptionProblems } from '../core/description.ts'
import { dataText, keepBrackets, parseMarkdown } from '../core/markdown.ts'
import type { Entry, LinkType } from '../core/model.ts'
import { splitVenue } from '../core/venues.ts'
import { formatDatePattern } from './date-pattern.ts'

export interface PatternUnit {
  /** Whitespace before the unit. */
  space: string
  /** As written; `A || B` for a line of alternatives. */
  text: string
  /** Every placeholder of the unit, of all its alternatives. */
  fields: string[]
  /** A line written `A || B` is one unit: the lines to choose from, in order of preference. */
  alternatives?: PatternUnit[][]
}

/** The word that separates alternatives. */
const or = '||'

/** A pattern's lines (continuation lines of one entry), each a list of units. */
export type Pattern = PatternUnit[][]

const placeholder = /(?<!\\)\{((?:title|key|authors|venue|series|vyear|vyy|year|date|tag|repo|extra|doi|citekey|paper|code|slides|video|project|book|website|demo|dataset|model|blog)(?:\.\d+|\.\*)?(?::[^{}|]+)?(?:\|[^{}]+)?)\}/g

export function parsePattern(text: string): Pattern {
  return text.split('\n').map(parseLine)
}

/** A line, or a line of alternatives `A || B` as one unit. */
function parseLine(line: string): PatternUnit[] {
  const segments = splitAlternatives(line)
  if (segments.length === 1) return parseUnits(line)
  return [alternativesUnit(segments.map(parseUnits))]
}

/** One unit of alternative lines. */
export function alternativesUnit(alternatives: PatternUnit[][]): PatternUnit {
  const flat = alternatives.flatMap((line) => (line.length === 1 && line[0]!.alternatives ? line[0]!.alternatives : [line]))
  return { space: '', text: flat.map(lineText).join(` ${or} `), fields: [...new Set(flat.flat().flatMap((unit) => unit.fields))], alternatives: flat }
}

function lineText(line: readonly PatternUnit[]): string {
  return line.map((unit, index) => (index === 0 ? unit.text : unit.space + unit.text)).join('')
}

/** A line split at ` || ` outside brackets and placeholders. */
function splitAlternatives(line: string): string[] {
  const parts: string[] = []
  let depth = 0
  let start = 0
  for (let index = 0; index < line.length; index++) {
    const character = line[index]!
    if (character === '\\') index++
    else if ('[({'.includes(character)) depth++
    else if ('])}'.includes(character)) depth = Math.max(0, depth - 1)
    else if (depth === 0 && line.startsWith(` ${or} `, index)) {
      parts.push(line.slice(start, index).trim())
      start = index + or.length + 2
      index = start - 1
    }
  }
  parts.push(line.slice(start).trim())
  return parts.some((part) => part === '') ? [line] : parts
}

/** Splits a line into units: whitespace-separated words, joined while a bracket is open, literal words joined to the next unit with a placeholder. */
function parseUnits(line: string): PatternUnit[] {
  const words: Array<{ space: string; text: string }> = []
  const matcher = /(\s*)((?:\{[^{}]*\}|\S)+)/g
  let match: RegExpExecArray | null
  let open = 0
  while ((match = matcher.exec(line))) {
    const [, space, word] = match as unknown as [string, string, string]
    if (open > 0) words.at(-1)!.text += space + word
    else words.push({ space, text: word })
    open = Math.max(0, open + balance(word))
  }
  // Links written without a space between them are units of their own: `[{title}]({paper})[![Star](…)]({code})`.
  const split = words.flatMap((word) => splitAdjacent(word.text).map((text, index) => ({ space: index === 0 ? word.space : '', text })))
  words.length = 0
  words.push(...split)
  const units: PatternUnit[] = []
  let pending: { space: string; text: string } | undefined
  for (const word of words) {
    const fields = fieldsOf(word.text)
    if (fields.length === 0) {
      pending = pending ? { space: pending.space, text: pending.text + word.space + word.text } : word
      continue
    }
    const unit = pending ? { space: pending.space, text: pending.text + word.space + word.text } : { ...word }
    units.push({ ...unit, fields: fieldsOf(unit.text) })
    pending = undefined
  }
  // Literal words at the end of a line belong to the unit before them.
  if (pending) {
    const last = units.at(-1)
    if (last) last.text += pending.space + pending.text
    else units.push({ ...pending, fields: [] })
  }
  return units
}

/** Splits a word where one bracketed construct ends with `)` and the next begins with `[` or `![`. */
function splitAdjacent(word: string): string[] {
  const parts: string[] = []
  let depth = 0
  let start = 0
  const plain = word.replace(/\{[^{}]*\}/g, (placeholder) => 'x'.repeat(placeholder.length))
  for (let index = 0; index < plain.length; index++) {
    const character = plain[index]!
    if (character === '[' || character === '(') depth++
    else if (character === ']' || character === ')') depth--
    if (depth === 0 && character === ')' && (plain[index + 1] === '[' || (plain[index + 1] === '!' && plain[index + 2] === '['))) {
      parts.push(word.slice(start, index + 1))
      start = index + 1
    }
  }
  parts.push(word.slice(start))
  return parts
}

function balance(word: string): number {
  let depth = 0
  for (const character of word.replace(/\{[^{}]*\}/g, '')) {
    if (character === '[' || character === '(') depth++
    else if (character === ']' || character === ')') depth--
  }
  return depth
}

/** Placeholders of `text` that the pattern language does not know, e.g. `{titel}` or `{date|Q}`. */
export function unknownPlaceholders(text: string): string[] {
  // Code shows braces as they are.
  text = text.replace(/`[^`]*`/g, (code) => ' '.repeat(code.length))
  const known = new Set([...text.matchAll(placeholder)].map((match) => match.index))
  return [...text.matchAll(/(?<!\\)\{[a-z][^{}\s]*(?:[ |][^{}]*)?\}/gi)].filter((match) => !known.has(match.index) || (/^\{date\|/.test(match[0]) && !/^\{date\|(?:[\s.,/'’:-]|YYYY|YY|MMMM|MMM|MM|M|DD|D)+\}$/.test(match[0]))).map((match) => match[0])
}

export function fieldsOf(text: string): string[] {
  return [...text.matchAll(placeholder)].map((match) => match[1]!)
}

export function patternText(pattern: Pattern): string {
  return pattern.map(lineText).join('\n')
}

export interface RenderContext {
  /** Label of a link placeholder's type when neither the pattern nor the link has one. */
  labels: Record<string, string>
  /** Writes a text value into the Markdown (by default escaped). */
  text?: (value: string) => string
}

const valueStart = '\uE000'
const valueEnd = '\uE001'
const valueMark = /\uE000(\d+)\uE001/g

/**
 * The entry written through the pattern, as Markdown nodes. Text values are
 * put in after the pattern is parsed, so no title, author or venue can
 * become syntax (a link, an HTML tag) whatever it holds; a link or image
 * whose address is not http(s), `mailto:` or `#…` (a pattern's or an extra
 * field's) is shown as its text.
 */
export function renderPatternNodes(pattern: Pattern, entry: Entry, context: RenderContext): RootContent[] | undefined {
  const values: string[] = []
  const markdown = renderPattern(pattern, entry, { ...context, text: (value) => `${valueStart}${values.push(value) - 1}${valueEnd}` })
  if (markdown === undefined) return undefined
  const tree = parseMarkdown(markdown)
  fillValues(tree, values)
  return keepBrackets(tree).children
}

function fillValues(parent: Parent, values: readonly string[]): void {
  const put = (text: string, as: (value: string) => string = (value) => value) => text.replace(valueMark, (_mark, index: string) => as(values[Number(index)] ?? ''))
  parent.children = parent.children.flatMap((node): Nodes[] => {
    if (node.type === 'text') return [{ ...node, value: put(node.value, (value) => dataText(value).value) }]
    if (node.type === 'inlineCode') return [{ ...node, value: put(node.value) }]
    if (node.type === 'html') return [{ ...node, value: put(node.value, (value) => value.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`)) }]
    if (node.type === 'link' || node.type === 'image') {
      node.url = put(node.url, encodeURIComponent)
      if (node.title) node.title = put(node.title)
      if (node.type === 'image' && node.alt) node.alt = put(node.alt)
      if (!/^(?:https?:\/\/|mailto:|#)/i.test(node.url)) {
        if (node.type === 'image') return [{ type: 'text', value: node.alt ?? '' }]
        fillValues(node, values)
        return node.children
      }
    }
    if ('children' in node) fillValues(node as Parent, values)
    return [node]
  }) as typeof parent.children
}

/**
 * The entry written through the pattern, as Markdown; `undefined` when no
 * unit has all its values.
 */
export function renderPattern(pattern: Pattern, entry: Entry, context: RenderContext): string | undefined {
  const lines: string[] = []
  for (const line of pattern) {
    // An empty pattern line separates paragraphs.
    if (line.length === 0) {
      if (lines.length > 0 && lines.at(-1) !== '') lines.push('')
      continue
    }
    const text = renderLine(line, entry, context)
    if (text !== '') lines.push(text)
  }
  while (lines.at(-1) === '') lines.pop()
  return lines.length > 0 ? lines.join('\n') : undefined
}

function renderLine(line: readonly PatternUnit[], entry: Entry, context: RenderContext): string {
  let text = ''
  for (const unit of line) {
    const rendered = renderUnit(unit, entry, context)
    if (rendered === undefined) continue
    text += (text === '' ? '' : unit.space) + rendered
  }
  return text
}

function renderUnit(unit: PatternUnit, entry: Entry, context: RenderContext): string | undefined {
  const values = new Map<string, string | undefined>()
  const value = (field: string) => {
    if (!values.has(field)) values.set(field, fieldValue(field, entry))
    return values.get(field)
  }
  const present = (field: string) => (value(field) ?? '') !== ''
  if (unit.alternatives) {
    const chosen = chooseAlternative(unit.alternatives, present)
    const text = chosen === undefined ? '' : renderLine(chosen, entry, context)
    return text === '' ? undefined : text
  }
  // `[Link]({code.*})`: the unit once for every code link of the entry, space between.
  const every = unit.fields.find((field) => /^[a-z]+\.\*/.test(field))
  if (every) {
    const base = every.slice(0, every.indexOf('.'))
    const count = Math.max(1, base === 'tag' ? (entry.tags?.length ?? 0) : (entry.links ?? []).filter((link) => link.type === (base === 'repo' ? 'code' : base)).length)
    const copies = Array.from({ length: count }, (_, index) => {
      const text = unit.text.replace(/\{([a-z]+)\.\*/g, `{$1.${index + 1}`)
      return renderUnit({ space: unit.space, text, fields: fieldsOf(text) }, entry, context)
    })
    const written = copies.filter((copy) => copy !== undefined)
    return written.length > 0 ? written.join(' ') : undefined
  }
  if (unit.fields.length > 0 && !unit.fields.some(present)) return undefined
  // A badge of a repository needs the repository.
  if (unit.fields.some((field) => field.startsWith('repo') && !present(field))) return undefined
  let text = reduceUnit(unit.text, present)
  text = text.replace(/\[([^\[\]]*)\]\(\{([a-z]+)(?:\.(\d+))?\}\)/g, (whole, label: string, type: string, nth?: string) => {
    // A link's own label replaces the pattern's.
    const link = nthLink(entry, type, nth)
    if (link?.label !== undefined && link.label !== label) return `[${(context.text ?? escape)(link.label)}]({${type}${nth ? `.${nth}` : ''}})`
    if (label === '' && link) return `[${(context.text ?? escape)(context.labels[type] ?? type)}]({${type}${nth ? `.${nth}` : ''}})`
    return whole
  })
  text = text.replace(placeholder, (_whole, field: string) => {
    if (!context.text) return value(field) ?? ''
    const found = valueOf(field, entry)
    if (found === undefined) return ''
    // Only the writer's own marks may look like one.
    return found.kind === 'text' ? context.text(found.value) : found.value.replace(/[\uE000\uE001]/g, '')
  })
  if (entry.withdrawn && unit.fields.includes('title')) text = `~~${text}~~`
  return text
}

/**
 * Of the lines `A || B`, the first whose values the entry has: every text
 * value (a link may lack its address), or, for a line of links only, an
 * address; failing that the first with any value; undefined when none has one.
 */
export function chooseAlternative(alternatives: readonly PatternUnit[][], present: (field: string) => boolean): PatternUnit[] | undefined {
  const text = (field: string) => !urlFields.has(field.split(/[.|:]/)[0]!)
  const fields = (line: readonly PatternUnit[]) => line.flatMap((unit) => unit.fields)
  const complete = alternatives.find((line) => {
    const texts = fields(line).filter(text)
    return texts.length > 0 ? texts.every(present) : fields(line).some(present)
  })
  return complete ?? alternatives.find((line) => fields(line).some(present))
}

const urlFields = new Set(['doi', 'paper', 'code', 'slides', 'video', 'project', 'book', 'website', 'demo', 'dataset', 'model', 'blog'])

/**
 * A unit without the values an entry lacks: a link without its address
 * becomes its label, a text placeholder goes with the space before it. The
 * importer compares units the same way, so an entry that lacks a value fits.
 */
export function reduceUnit(text: string, present: (field: string) => boolean): string {
  const [unit] = parseLine(text)
  if (unit?.alternatives) {
    const chosen = chooseAlternative(unit.alternatives, present) ?? []
    let reduced = ''
    for (const part of chosen) {
      if (part.fields.length > 0 && !part.fields.some(present)) continue
      const written = reduceUnit(part.text, present)
      if (written !== '') reduced += (reduced === '' ? '' : part.space) + written
    }
    return reduced
  }
  if (fieldsOf(text).some((field) => field.startsWith('repo') && !present(field))) return ''
  let reduced = text.replace(/\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\(\{([^{}]+)\}\)/g, (whole, label: string, field: string) => {
    if (!urlFields.has(field.split('.')[0]!) || present(field)) return whole
    return label
  })
  reduced = reduced.replace(new RegExp(`(\\s?)${placeholder.source}`, 'g'), (whole, _space: string, field: string) => (present(field) ? whole : ''))
  return reduced
}

function nthLink(entry: Entry, type: string, nth: string | undefined) {
  return (entry.links ?? []).filter((link) => link.type === type)[nth ? Number(nth) - 1 : 0]
}

/** A placeholder's value: text (escaped where it is written), a URL as a link destination, or inline Markdown (`extra:`). */
export interface FieldValue {
  kind: 'text' | 'url' | 'markdown'
  value: string
}

/** The Markdown of one placeholder for an entry: escaped text, a URL, or inline Markdown for `extra:`. */
export function fieldValue(field: string, entry: Entry): string | undefined {
  const found = valueOf(field, entry)
  return found === undefined ? undefined : found.kind === 'text' ? escape(found.value) : found.value
}

export function valueOf(field: string, entry: Entry): FieldValue | undefined {
  const [name, format] = splitField(field)
  const [base, nth] = name.split('.') as [string, string | undefined]
  const venue = entry.venue === undefined ? undefined : splitVenue(entry.venue)
  const text = (value: string | undefined): FieldValue | undefined => (value === undefined ? undefined : { kind: 'text', value })
  const url = (value: string | undefined): FieldValue | undefined => (value === undefined ? undefined : { kind: 'url', value })
  switch (base) {
    case 'title':
      return text(entry.title)
    case 'key':
      return text(entry.key)
    case 'authors':
      return entry.authors && entry.authors.length > 0 ? text(joinAuthors(entry.authors, format ?? ', ')) : undefined
    case 'venue':
      return text(entry.venue)
    case 'series':
      return text(venue?.series)
    case 'vyear':
      return text(venue?.year === undefined ? undefined : String(venue.year))
    case 'vyy':
      return text(venue?.year === undefined ? undefined : String(venue.year).slice(2))
    case 'year':
      return text(entry.date?.slice(0, 4))
    case 'date':
      return text(entry.date === undefined ? undefined : formatDatePattern(entry.date, format ?? 'YYYY-MM-DD'))
    case 'doi':
      // The resolver URL, with the characters a URL cannot hold as they are encoded (the DOI handbook's advice).
      return url(entry.doi === undefined ? undefined : destination(`https://doi.org/${entry.doi.replace(/[%"#?<>\s{}^`|\\]/g, encodeURIComponent)}`))
    case 'citekey':
      return text(entry.citekey)
    case 'tag':
      return text(entry.tags?.[nth ? Number(nth) - 1 : 0])
    case 'repo': {
      // `owner/name` of a GitHub URL, written inside badge URLs.
      const code = nthLink(entry, 'code', nth)
      return url(code ? /^https?:\/\/(?:www\.)?github\.com\/([^/]+\/[^/#?]+)/i.exec(code.url)?.[1]?.replace(/\.git$/, '') : undefined)
    }
    case 'extra': {
      const value = format === undefined ? undefined : entry.extra?.[format]
      // Inline Markdown as written; anything else shown as the text it is.
      if (value === undefined) return undefined
      return descriptionProblems(value, { cell: true }).length === 0 ? { kind: 'markdown', value: value.replace(/\n/g, ' ') } : text(value)
    }
    default: {
      const link = nthLink(entry, base as LinkType, nth)
      return url(link ? destination(link.url) : undefined)
    }
  }
}

/** `name:argument` (the extra field's name) or `name|format`. */
function splitField(field: string): [string, string | undefined] {
  const colon = /^([^:|]+):(.+)$/.exec(field)
  if (colon) return [colon[1]!, colon[2]!]
  const bar = /^([^|]+)\|(.+)$/.exec(field)
  return bar ? [bar[1]!, bar[2]!] : [field, undefined]
}

/** `, ` joins all; `and` joins with commas and ` and ` before the last; `&`, `;` likewise. */
function joinAuthors(authors: readonly string[], style: string): string {
  if (style === 'and' || style === '&' || style === ', and') {
    if (authors.length === 1) return authors[0]!
    return `${authors.slice(0, -1).join(', ')}${style === ', and' ? ',' : ''} ${style.replace(', ', '')} ${authors.at(-1)}`
  }
  return authors.join(style)
}

/** Markdown text of a value, escaped as remark escapes text in a paragraph. */
export function escape(value: string): string {
  return toMarkdown({ type: 'paragraph', children: [dataText(value)] }).replace(/\n$/, '')
}

/** A URL as a link destination: in `<…>` when it holds spaces or unbalanced parentheses. */
function destination(url: string): string {
  let depth = 0
  for (const character of url) {
    if (character === '(') depth++
    else if (character === ')' && --depth < 0) break
  }
  return /[\s<>]/.test(url) || depth !== 0 ? `<${url.replace(/[<>]/g, encodeURIComponent)}>` : url
}
