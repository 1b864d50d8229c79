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
import type { Nodes, Parent, Root, RootContent } from 'mdast'
import { toMarkdown } from 'mdast-util-to-markdown'
import { formatDate } from '../core/dates.ts'
import { descriptionProblems } from '../core/description.ts'
import { dataText, keepBrackets, parseMarkdown } from '../core/markdown.ts'
import type { Entry, LinkType } from '../core/model.ts'
import { splitVenue, venueLabel } from '../core/venues.ts'
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

const placeholder = /(?<!\\)\{((?:title|key|authors|notes|venue|series|vyear|vyy|year|date|tag|repo|extra|doi|citekey|bibtex|link|paper|code|slides|video|project|book|website|demo|dataset|model|blog)(?:\.\d+|\.\*)?(?::[^{}|]+)?(?:\|[^{}]+)?)\}/g

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
/** What a template's check says about a placeholder it does not know. */
export const placeholderHint = 'see the placeholders in the README (Templates): `{title}`, `{paper}`, `{authors|and}`, `{date|D MMM YYYY}`, …'

export function unknownPlaceholders(text: string): string[] {
  // Code shows braces as they are.
  text = text.replace(/`[^`]*`/g, (code) => ' '.repeat(code.length))
  const known = new Set([...text.matchAll(placeholder)].map((match) => match.index))
  return [...text.matchAll(/(?<!\\)\{[a-z][^{}\s]*(?:[ |][^{}]*)?\}/gi)].filter((match) => !known.has(match.index) || (/^\{date\|/.test(match[0]) && !/^\{date\|(?:text|(?:[\s.,/'’:-]|YYYY|YY|MMMM|MMM|MM|M|DD|D)+)\}$/.test(match[0]))).map((match) => match[0])
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
  /** Writes a URL value into the Markdown (by default as a link destination). */
  url?: (value: string) => string
  /** The entry's highlight notes in the category being written, for `{notes}`. */
  notes?: readonly string[]
  /** Between several notes (default ` & `). */
  noteSeparator?: string
  /** The address of an entry's BibTeX in the BibTeX output, for `{bibtex}`. */
  bibtex?: (entry: Entry) => string | undefined
  /** `hard`: the lines of an entry end with `\` (a line break); `soft` (default): a plain newline. */
  lineBreak?: 'soft' | 'hard'
}

const valueStart = '\uE000'
const valueEnd = '\uE001'
const urlStart = '\uE002'
const urlEnd = '\uE003'
const valueMark = /\uE000(\d+)\uE001/g
const urlMark = /\uE002(\d+)\uE003/g

/** Parsed shapes of each pattern, by their Markdown with values marked: a list has few shapes, and parsing is the cost. */
const shapes = new WeakMap<Pattern, Map<string, Root>>()

/**
 * The entry written through the pattern, as Markdown nodes. Values are put
 * in after the pattern is parsed, so no title, author or venue can become
 * syntax (a link, an HTML tag) whatever it holds; a link or image whose
 * address is not http(s), `mailto:` or `#…` (a pattern's or an extra
 * field's) is shown as its text.
 */
export function renderPatternNodes(pattern: Pattern, entry: Entry, context: RenderContext): RootContent[] | undefined {
  const values: string[] = []
  const urls: string[] = []
  const markdown = renderPattern(pattern, entry, {
    ...context,
    text: (value) => `${valueStart}${values.push(value) - 1}${valueEnd}`,
    url: (value) => `${urlStart}${urls.push(value) - 1}${urlEnd}`
  })
  if (markdown === undefined) return undefined
  let known = shapes.get(pattern)
  if (!known) shapes.set(pattern, (known = new Map()))
  let shape = known.get(markdown)
  if (!shape) {
    shape = withoutPositions(keepBrackets(parseMarkdown(markdown)))
    if (known.size > 10_000) known.clear()
    known.set(markdown, shape)
  }
  const tree = copyTree(shape)
  fillValues(tree, values, urls)
  return tree.children
}

/** The tree without source positions, which generated nodes do not need: less to copy. */
function withoutPositions<T extends object>(node: T): T {
  delete (node as { position?: unknown }).position
  for (const child of (node as { children?: object[] }).children ?? []) withoutPositions(child)
  return node
}

/** A copy of a shape's nodes, to fill with one entry's values. */
function copyTree<T extends object>(node: T): T {
  const copy = { ...node } as T & { children?: object[] }
  if (copy.children) copy.children = copy.children.map(copyTree)
  return copy
}

function fillValues(parent: Parent, values: readonly string[], urls: readonly string[]): void {
  const put = (text: string, as: (value: string) => string = (value) => value) => (text.includes(valueStart) ? text.replace(valueMark, (_mark, index: string) => as(values[Number(index)] ?? '')) : text)
  parent.children = parent.children.flatMap((node): Nodes[] => {
    if (node.type === 'text') return [{ ...node, value: put(node.value, (value) => dataText(value).value) }]
    if (node.type === 'inlineCode') return [{ ...node, value: put(node.value) }]
    if (node.type === 'html') return [{ ...node, value: put(node.value, (value) => value.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`)) }]
    if (node.type === 'link' || node.type === 'image') {
      node.url = put(node.url, encodeURIComponent)
      if (node.url.includes(urlStart)) node.url = node.url.replace(urlMark, (_mark, index: string) => urls[Number(index)] ?? '')
      if (node.title) node.title = put(node.title)
      if (node.type === 'image' && node.alt) node.alt = put(node.alt)
      // Web addresses, and paths in the repository (`../papers.bib#L12`): no other scheme.
      if (!/^(?:https?:\/\/|mailto:|#)/i.test(node.url) && /^[a-z][a-z0-9+.-]*:/i.test(node.url)) {
        if (node.type === 'image') return [{ type: 'text', value: node.alt ?? '' }]
        fillValues(node, values, urls)
        return node.children
      }
    }
    if ('children' in node) fillValues(node as Parent, values, urls)
    // Brackets around a link that was shown as text are text too.
    if ((node.type === 'bracketedLink' || node.type === 'bracketedLabel') && node.children[0]?.type !== 'link') {
      return [{ type: 'text', value: '[' }, ...(node.children as Nodes[]), { type: 'text', value: ']' }]
    }
    return [node]
  }) as typeof parent.children
}

/**
 * The entry written through the pattern, as Markdown; `undefined` when no
 * unit has all its values.
 */
export function renderPattern(pattern: Pattern, entry: Entry, context: RenderContext): string | undefined {
  // Each value once per entry, however many units ask for it.
  const memo = new Map<string, FieldValue | undefined>()
  const lines: string[] = []
  for (const line of pattern) {
    // An empty pattern line separates paragraphs.
    if (line.length === 0) {
      if (lines.length > 0 && lines.at(-1) !== '') lines.push('')
      continue
    }
    const text = renderLine(line, entry, context, memo)
    if (text !== '') lines.push(text)
  }
  while (lines.at(-1) === '') lines.pop()
  if (lines.length === 0) return undefined
  // A hard break ends every line of a paragraph but its last.
  const breakAfter = context.lineBreak === 'hard' ? '\\\n' : '\n'
  return lines.map((line, index) => line + (index === lines.length - 1 || line === '' || lines[index + 1] === '' ? (index === lines.length - 1 ? '' : '\n') : breakAfter)).join('')
}

type Memo = Map<string, FieldValue | undefined>

function renderLine(line: readonly PatternUnit[], entry: Entry, context: RenderContext, memo: Memo): string {
  let text = ''
  for (const unit of line) {
    const rendered = renderUnit(unit, entry, context, memo)
    if (rendered === undefined) continue
    text += (text === '' ? '' : unit.space) + rendered
  }
  return text
}

/** What a unit writes for an entry, by what the entry has: the unit's text with its values still placeholders, or null when it is left out. */
const templates = new WeakMap<PatternUnit, Map<string, string | null>>()
/** A unit's links with their labels, `[label]({type.n})`, found once. */
const linkPlaceholders = new WeakMap<PatternUnit, Array<{ label: string; type: string; nth: string | undefined }>>()
/** A `{code.*}` unit's copies for the first, second, … link. */
const copies = new WeakMap<PatternUnit, PatternUnit[]>()
const linkPlaceholder = /\[([^\[\]]*)\]\(\{([a-z]+)(?:\.(\d+))?\}\)/g
const labelPlaceholder = /\{@(own|default):([a-z]+)(?:\.(\d+))?\}/g

function renderUnit(unit: PatternUnit, entry: Entry, context: RenderContext, memo: Memo): string | undefined {
  const raw = (field: string) => {
    if (!memo.has(field)) memo.set(field, valueOf(field, entry, context))
    return memo.get(field)
  }
  const present = (field: string) => (raw(field)?.value ?? '') !== ''
  if (unit.alternatives) {
    const chosen = chooseAlternative(unit.alternatives, present)
    const text = chosen === undefined ? '' : renderLine(chosen, entry, context, memo)
    return text === '' ? undefined : text
  }
  // `[Link]({code.*})`: the unit once for every code link of the entry, space between.
  const every = unit.fields.find((field) => field.includes('.*'))
  if (every) {
    const base = every.slice(0, every.indexOf('.'))
    const count = Math.max(1, base === 'tag' ? (entry.tags?.length ?? 0) : (entry.links ?? []).filter((link) => base === 'link' || link.type === (base === 'repo' ? 'code' : base)).length)
    let made = copies.get(unit)
    if (!made) copies.set(unit, (made = []))
    for (let index = made.length; index < count; index++) {
      const text = unit.text.replace(/\{([a-z]+)\.\*/g, `{$1.${index + 1}`)
      made.push({ space: unit.space, text, fields: fieldsOf(text) })
    }
    const written = made.slice(0, count).map((copy) => renderUnit(copy, entry, context, memo)).filter((copy) => copy !== undefined)
    return written.length > 0 ? written.join(' ') : undefined
  }
  // The key of what the unit writes: which values the entry has, Markdown values as they are, which labels its links bring.
  let links = linkPlaceholders.get(unit)
  if (!links) linkPlaceholders.set(unit, (links = [...unit.text.matchAll(linkPlaceholder)].map((match) => ({ label: match[1]!, type: match[2]!, nth: match[3] }))))
  let key = entry.withdrawn ? 'w' : ''
  for (const field of unit.fields) {
    const found = raw(field)
    key += found === undefined || found.value === '' ? '0' : found.kind === 'markdown' || found.kind === 'written' ? `m${found.value.length}:${found.value}` : '1'
  }
  for (const placeholder of links) {
    const link = nthLink(entry, placeholder.type, placeholder.nth)
    key += link === undefined ? '-' : link.label === undefined ? 'n' : link.label === placeholder.label ? 's' : 'o'
  }
  let known = templates.get(unit)
  if (!known) templates.set(unit, (known = new Map()))
  let template = known.get(key)
  if (template === undefined) {
    template = unitTemplate(unit, entry, present)
    if (known.size > 10_000) known.clear()
    known.set(key, template)
  }
  if (template === null) return undefined
  const write = context.text ?? escape
  return template.replace(labelPlaceholder, (_whole, which: string, type: string, nth?: string) => {
    const link = nthLink(entry, type, nth)!
    return write(which === 'own' ? link.label! : (context.labels[link.type] ?? link.type))
  }).replace(placeholder, (_whole, field: string) => {
    const found = raw(field)
    if (found === undefined) return ''
    if (!context.text) return fieldValue(field, entry, context) ?? ''
    if (found.kind === 'text') return context.text(found.value)
    if (found.kind === 'url' && context.url) return context.url(found.value)
    // Only the writer's own marks may look like one.
    return found.kind === 'written' ? found.value : found.value.replace(/[\uE000-\uE003]/g, '')
  })
}

/** The unit's text for what the entry has, values still placeholders; null when the unit is left out. */
function unitTemplate(unit: PatternUnit, entry: Entry, present: (field: string) => boolean): string | null {
  if (unit.fields.length > 0 && !unit.fields.some(present)) return null
  // A badge of a repository needs the repository.
  if (unit.fields.some((field) => field.startsWith('repo') && !present(field))) return null
  let text = reduceUnit(unit.text, present)
  text = text.replace(linkPlaceholder, (whole, label: string, type: string, nth?: string) => {
    // A link's own label replaces the pattern's; an empty label is the type's.
    const link = nthLink(entry, type, nth)
    const at = `${type}${nth ? `.${nth}` : ''}`
    if (link?.label !== undefined && link.label !== label) return `[{@own:${at}}]({${at}})`
    if (label === '' && link) return `[{@default:${at}}]({${at}})`
    return whole
  })
  if (entry.withdrawn && unit.fields.includes('title')) text = `~~${text}~~`
  return text
}

/**
 * Of the lines `A || B`, the first whose values the entry all has; failing
 * that the one with the most of them (the first of equals); undefined when
 * none has any.
 */
export function chooseAlternative(alternatives: readonly PatternUnit[][], present: (field: string) => boolean): PatternUnit[] | undefined {
  const fields = (line: readonly PatternUnit[]) => [...new Set(line.flatMap((unit) => unit.fields))]
  const complete = alternatives.find((line) => fields(line).every(present))
  if (complete) return complete
  let best: PatternUnit[] | undefined
  let most = 0
  for (const line of alternatives) {
    const count = fields(line).filter(present).length
    if (count > most) [best, most] = [line, count]
  }
  return best
}

const urlFields = new Set(['doi', 'bibtex', 'link', 'paper', 'code', 'slides', 'video', 'project', 'book', 'website', 'demo', 'dataset', 'model', 'blog'])

/**
 * A unit without the values an entry lacks: a link without its address
 * becomes its label, a text placeholder goes with the space before it. The
 * importer compares units the same way, so an entry that lacks a value fits.
 */
export function reduceUnit(text: string, present: (field: string) => boolean): string {
  const [unit] = text.includes(` ${or} `) ? parseLine(text) : []
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

/** The entry's nth link of a type; of any type for `link`. */
function nthLink(entry: Entry, type: string, nth: string | undefined) {
  // `.*` (every one) is there when the first is.
  return (entry.links ?? []).filter((link) => type === 'link' || link.type === type)[nth && nth !== '*' ? Number(nth) - 1 : 0]
}

/** A placeholder's value: text (escaped where it is written), a URL as a link destination, or inline Markdown (`extra:`). */
export interface FieldValue {
  /** `written`: Markdown this module wrote around text values (`{notes}`). */
  kind: 'text' | 'url' | 'markdown' | 'written'
  value: string
}

/** The Markdown of one placeholder for an entry: escaped text, a URL, or inline Markdown for `extra:`. */
export function fieldValue(field: string, entry: Entry, context?: RenderContext): string | undefined {
  const found = valueOf(field, entry, context)
  if (found === undefined) return undefined
  return found.kind === 'text' ? escape(found.value) : found.kind === 'url' && field.split('.')[0] !== 'repo' ? destination(found.value) : found.value
}

export function valueOf(field: string, entry: Entry, context?: RenderContext): FieldValue | undefined {
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
      // `{venue|year series}`: the venue's label by its parts; a venue without a year is shown by its name.
      return text(entry.venue === undefined ? undefined : format ? venueLabel(entry.venue, format.replace(/\b(venue|series|year)\b/g, '{$1}')) : entry.venue)
    case 'notes': {
      const notes = context?.notes ?? []
      if (notes.length === 0) return undefined
      const write = context?.text ?? escape
      // `*` emphasis closes next to anything; the separator is the template's, as Markdown text.
      return { kind: 'written', value: notes.map((note) => `*${write(note)}*`).join(escape(context?.noteSeparator ?? ' & ')) }
    }
    case 'series':
      return text(venue?.series)
    case 'vyear':
      return text(venue?.year === undefined ? undefined : String(venue.year))
    case 'vyy':
      return text(venue?.year === undefined ? undefined : String(venue.year).slice(2))
    case 'year':
      return text(entry.date?.slice(0, 4))
    case 'date':
      // `{date|text}`: as a person writes it, `8 Jan 2024`, `March 2024`, `Winter 2014`.
      return text(entry.date === undefined ? undefined : format === 'text' ? formatDate(entry.date) : formatDatePattern(entry.date, format ?? 'YYYY-MM-DD'))
    case 'doi':
      // The resolver URL, with the characters a URL cannot hold as they are encoded (the DOI handbook's advice).
      return url(entry.doi === undefined ? undefined : `https://doi.org/${entry.doi.replace(/[%"#?<>\s{}^`|\\]/g, encodeURIComponent)}`)
    case 'citekey':
      return text(entry.citekey)
    case 'bibtex':
      // The entry's line in the BibTeX file generated with this output.
      return url(context?.bibtex?.(entry))
    case 'tag':
      return text(entry.tags?.[nth && nth !== '*' ? Number(nth) - 1 : 0])
    case 'repo': {
      // `owner/name` of a GitHub URL, written inside badge URLs.
      const code = nthLink(entry, 'code', nth)
      return url(code ? /^https?:\/\/(?:www\.)?github\.com\/([^/]+\/[^/#?]+)/i.exec(code.url)?.[1]?.replace(/\.git$/, '') : undefined)
    }
    case 'extra': {
      const value = format === undefined ? undefined : entry.extra?.[format]
      // Inline Markdown as written; anything else shown as the text it is.
      if (value === undefined) return undefined
      return descriptionProblems(value, { cell: true }).length === 0 ? { kind: 'markdown', value: value.replace(/\r\n?|\n/g, ' ') } : text(value)
    }
    default: {
      const link = nthLink(entry, base as LinkType, nth)
      return url(link?.url)
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
