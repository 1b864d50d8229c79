/**
 * Reads the categorized format: headings as categories, a table of contents
 * (a list of `#anchor` links), and one paragraph per entry:
 * `**_Note_ - Title**\`, `_Authors_\`, `Venue, [[Paper](url)]\`, `Date`.
 */
import GithubSlugger from 'github-slugger'
import type { Heading, List, Nodes, Paragraph, PhrasingContent, Root, RootContent } from 'mdast'
import { toString } from 'mdast-util-to-string'
import { dateSortKey, formatDate, parseDisplayDate } from '../core/dates.ts'
import { UsageError } from '../core/errors.ts'
import { stringifyBlocks } from '../core/markdown.ts'
import type { Category, Entry, EntryKind, Link, PapersFile } from '../core/model.ts'
import { categorized } from '../formats/categorized.ts'
import { defaultLinkLabels } from '../formats/labels.ts'
import { EntryIndex } from '../core/identity.ts'
import { only, paragraphLines, type Line } from './lines.ts'
import { linkType } from './links.ts'
import type { ImportedList, Region, Repair } from './types.ts'
import { guessVenueType } from './venues.ts'

interface Section {
  category: Category
  depth: number
  prose: RootContent[]
  /** Whether the prose was written on the line before the first entry, in its paragraph. */
  joined: boolean
  members: Entry[]
  /** Source line of the heading. */
  line: number
}

/** Where an entry starts in a paragraph: the index of its title line, or -1. */
function titleLineIndex(lines: readonly Line[]): number {
  for (let index = 0; index < lines.length - 1; index++) {
    if (only(lines[index])?.type === 'strong') return index
  }
  return -1
}

export function looksCategorized(tree: Root): boolean {
  return tree.children.some((node) => node.type === 'paragraph' && titleLineIndex(paragraphLines(node)) !== -1)
}

export function importCategorized(tree: Root): ImportedList {
  const repairs: Repair[] = []
  const blocks = tree.children
  const isEntry = blocks.map((node) => node.type === 'paragraph' && titleLineIndex(paragraphLines(node)) !== -1)
  const first = isEntry.indexOf(true)
  if (first === -1) throw new UsageError('No entries found: expected paragraphs that start with a bold title line')
  const last = isEntry.lastIndexOf(true)

  let start = first
  while (start > 0 && blocks[start]!.type !== 'heading') start--
  while (start > 0 && blocks[start - 1]!.type === 'heading' && (blocks[start - 1] as Heading).depth < (blocks[start] as Heading).depth) start--
  if (blocks[start]!.type !== 'heading') start = first

  const tocIndex = blocks.findIndex((node, index) => index < start && node.type === 'list' && isTableOfContents(node))
  const regions: Region[] = [{ marker: 'entries', start: blocks[start]!.position!.start.offset!, end: blocks[last]!.position!.end.offset! }]
  if (tocIndex !== -1) {
    const toc = blocks[tocIndex] as List
    regions.push({ marker: 'toc', start: toc.position!.start.offset!, end: toc.position!.end.offset! })
    repairs.push(...checkTableOfContents(toc, tree))
  }

  // A title with ` - ` is read as an unitalicized note only in a category whose other entries have notes.
  const sectionOf: number[] = []
  const sectionsWithNotes = new Set<number>()
  blocks.forEach((node, position) => {
    sectionOf[position] = node.type === 'heading' ? position : (sectionOf[position - 1] ?? -1)
    if (node.type === 'paragraph' && hasEmphasizedNote(node)) sectionsWithNotes.add(sectionOf[position]!)
  })
  const sections: Section[] = []
  const roots: Category[] = []
  const stack: Section[] = []
  const slugger = new GithubSlugger()
  const index = new EntryIndex()
  const entries: Entry[] = []
  const notesOf = new Map<Entry, Map<string, string[]>>()
  const separators: string[] = []
  const rootDepth = blocks[start]!.type === 'heading' ? (blocks[start] as Heading).depth : 1

  const current = (): Section => {
    if (stack.length === 0) {
      // Entries before any heading: an implicit root category.
      const category: Category = { id: slugger.slug('entries'), title: 'Entries' }
      const section: Section = { category, depth: rootDepth, prose: [], joined: false, members: [], line: blocks[first]!.position!.start.line }
      roots.push(category)
      sections.push(section)
      stack.push(section)
    }
    return stack.at(-1)!
  }

  for (let position = start; position <= last; position++) {
    const block = blocks[position]!
    if (block.type === 'heading') {
      while (stack.length > 0 && stack.at(-1)!.depth >= block.depth) stack.pop()
      const parent = stack.at(-1)
      const expected = parent ? parent.depth + 1 : rootDepth
      if (block.depth !== expected) {
        repairs.push(at(block, 'import/heading-level', `Heading \`${toString(block)}\` is level ${block.depth} under a level ${parent?.depth ?? 0} heading; it becomes level ${expected}`))
      }
      const title = toString(block).trim()
      const category: Category = { id: slugger.slug(title) || slugger.slug('category'), title }
      if (parent) (parent.category.children ??= []).push(category)
      else roots.push(category)
      const section: Section = { category, depth: expected, prose: [], joined: false, members: [], line: block.position!.start.line }
      sections.push(section)
      stack.push(section)
      continue
    }
    const section = current()
    if (!isEntry[position]) {
      if (section.members.length > 0) {
        repairs.push(at(block, 'import/moved-prose', `Text between the entries of \`${section.category.title}\` moves to the category's description, above its entries`))
      }
      section.prose.push(block)
      continue
    }
    const paragraph = block as Paragraph
    const lines = paragraphLines(paragraph)
    const titleAt = titleLineIndex(lines)
    if (titleAt > 0) {
      if (section.members.length > 0 || section.prose.length > 0) {
        repairs.push(at(block, 'import/moved-prose', `Text joined to an entry of \`${section.category.title}\` moves to the category's description`))
      }
      section.prose.push({ type: 'paragraph', children: joinLines(lines.slice(0, titleAt)) })
      section.joined = section.members.length === 0
    }
    const parsed = parseEntry(lines.slice(titleAt), sectionsWithNotes.has(sectionOf[position]!), separators, repairs)
    const known = index.find(parsed.entry)
    const entry = known ?? parsed.entry
    if (known) {
      const differences = differingFields(known, parsed.entry)
      if (differences.length > 0) {
        repairs.push(at(block, 'import/duplicate-differs', `\`${known.title}\` appears again with a different ${differences.join(', ')}; the first occurrence is kept`))
      }
    } else {
      index.add(entry)
      entries.push(entry)
      notesOf.set(entry, new Map())
    }
    const memberships = notesOf.get(entry)!
    if (memberships.has(section.category.id)) {
      repairs.push(at(block, 'import/duplicate-in-category', `\`${entry.title}\` is listed twice in \`${section.category.title}\`; once is kept`))
      continue
    }
    memberships.set(section.category.id, parsed.notes)
    section.members.push(entry)
  }

  const options: Record<string, unknown> = {}
  if (rootDepth !== categorized.defaults.headingDepth) options.headingDepth = rootDepth
  const separator = separators[0]
  if (separator !== undefined && separator !== categorized.defaults.noteSeparator) options.noteSeparator = separator
  describeCategories(sections, options, repairs)
  orderEntries(sections, entries, options, repairs)

  const venues: PapersFile['venues'] = {}
  for (const entry of entries) {
    const memberships = [...notesOf.get(entry)!]
    entry.categories = memberships.map(([category, notes]) => ({ category, ...(notes.length > 0 ? { notes } : {}) }))
    entry.kind = kindOf(memberships.map(([category]) => category), sections)
    if (entry.venue !== undefined) venues[entry.venue] ??= { type: guessVenueType(entry.venue) }
  }
  return { data: { venues, categories: roots, entries }, regions, options, repairs }
}

interface ParsedEntry {
  entry: Entry
  notes: string[]
}

function parseEntry(lines: Line[], usesNotes: boolean, separators: string[], repairs: Repair[]): ParsedEntry {
  const [titleLine, ...rest] = lines
  for (const line of lines.slice(0, -1)) {
    if (line.soft) repairs.push({ line: line.line, column: 1, kind: 'import/missing-line-break', message: 'Line does not end with `\\`, so it runs into the next line; the line break is restored' })
  }
  const { notes, title } = parseTitle(only(titleLine) as { type: 'strong'; children: PhrasingContent[] }, usesNotes, separators, titleLine!, repairs)
  const entry: Entry = { kind: 'paper', title }
  const authorsNode = only(rest[0])
  if (authorsNode?.type === 'emphasis') {
    entry.authors = toString(authorsNode).split(/\s*,\s*/).map((name) => name.trim()).filter(Boolean)
    rest.shift()
  }
  const dateLine = rest.at(-1)
  const date = dateLine && dateLine.nodes.every((node) => node.type === 'text') ? parseDisplayDate(toString({ type: 'paragraph', children: dateLine.nodes })) : undefined
  if (date !== undefined) {
    const shown = toString({ type: 'paragraph', children: dateLine!.nodes }).trim()
    if (formatDate(date) !== shown) {
      repairs.push({ line: dateLine!.line, column: 1, kind: 'import/date-format', message: `Date \`${shown}\` is written \`${formatDate(date)}\`` })
    }
    entry.date = date
    rest.pop()
  }
  const [venueLine, ...extra] = rest
  for (const line of extra) {
    repairs.push({ line: line.line, column: 1, kind: 'import/extra-line', message: `Unexpected line \`${toString({ type: 'paragraph', children: line.nodes })}\` in an entry; it is dropped` })
  }
  if (venueLine) {
    const { venue, links } = parseVenueLine(venueLine, repairs)
    if (venue) entry.venue = venue
    if (links.length > 0) entry.links = links
  }
  return { entry, notes }
}

/** `**_Note_ & _Other_ - Title**` → notes and title. */
function parseTitle(strong: { children: PhrasingContent[] }, usesNotes: boolean, separators: string[], line: Line, repairs: Repair[]) {
  const children = strong.children
  const notes: string[] = []
  let position = 0
  while (children[position]?.type === 'emphasis') {
    notes.push(toString(children[position]!).trim())
    position++
    const next = children[position]
    if (next?.type === 'text' && children[position + 1]?.type === 'emphasis' && !next.value.includes(' - ')) {
      separators.push(next.value)
      position++
    } else break
  }
  const rest = children[position]
  if (notes.length > 0 && rest?.type === 'text' && rest.value.startsWith(' - ')) {
    const title = (rest.value.slice(3) + toString({ type: 'paragraph', children: children.slice(position + 1) })).trim()
    return { notes, title }
  }
  const whole = toString({ type: 'paragraph', children }).trim()
  const split = whole.indexOf(' - ')
  if (usesNotes && children.length === 1 && children[0]!.type === 'text' && split > 0) {
    const note = whole.slice(0, split).trim()
    repairs.push({ line: line.line, column: 1, kind: 'import/note-not-italic', message: `Highlight note \`${note}\` is not in italics (\`_${note}_ - Title\`); it is read as a note` })
    return { notes: [note], title: whole.slice(split + 3).trim() }
  }
  return { notes: [], title: whole }
}

function hasEmphasizedNote(paragraph: Paragraph): boolean {
  const lines = paragraphLines(paragraph)
  const at = titleLineIndex(lines)
  if (at === -1) return false
  const strong = only(lines[at]) as { children: PhrasingContent[] }
  return strong.children[0]?.type === 'emphasis' && strong.children.some((node) => node.type === 'text' && node.value.startsWith(' - '))
}

/** `Venue, [[Paper](url)] [[Code](url)]` → venue and links, repairing `[[Label]([text](url))]`. */
function parseVenueLine(line: Line, repairs: Repair[]): { venue?: string; links: Link[] } {
  const found: Array<{ url: string; label: string; line: number }> = []
  let flat = ''
  for (const node of line.nodes) {
    if (node.type === 'link') {
      flat += `\u0000${found.length}\u0001`
      found.push({ url: node.url, label: toString(node).trim(), line: node.position?.start.line ?? line.line })
    } else {
      flat += toString(node)
    }
  }
  const links: Link[] = []
  const pattern = /\[\[([^\]\u0000]*)\]\(\u0000(\d+)\u0001\)\]|\[\u0000(\d+)\u0001\]|\u0000(\d+)\u0001/g
  let venueText: string | undefined
  let previousEnd = 0
  for (const match of flat.matchAll(pattern)) {
    const between = flat.slice(previousEnd, match.index)
    if (venueText === undefined) venueText = between
    else if (between.trim() !== '') repairs.push({ line: line.line, column: 1, kind: 'import/stray-text', message: `Text \`${between.trim()}\` between links is dropped` })
    previousEnd = match.index + match[0].length
    const [, nestedLabel, nested, bracketed, bare] = match
    const item = found[Number(nested ?? bracketed ?? bare)]!
    let label = item.label
    if (nested !== undefined) {
      label = nestedLabel!.trim()
      repairs.push({ line: item.line, column: 1, kind: 'import/nested-link', message: `Broken nested link \`[[${label}]([${item.label}](${item.url}))]\` is repaired as \`[[${label}](${item.url})]\`` })
    } else if (bare !== undefined) {
      repairs.push({ line: item.line, column: 1, kind: 'import/bare-link', message: `Link \`[${label}](${item.url})\` without brackets is shown as \`[[${label}](${item.url})]\`` })
    }
    const type = linkType(label, item.url)
    links.push({ type, url: item.url, ...(label !== defaultLinkLabels[type] ? { label } : {}) })
  }
  const trailing = flat.slice(previousEnd)
  if (venueText === undefined) venueText = trailing
  else if (trailing.trim() !== '') repairs.push({ line: line.line, column: 1, kind: 'import/stray-text', message: `Text \`${trailing.trim()}\` after the links is dropped` })
  const venue = venueText.replace(/\[\s*$/, '').replace(/,\s*$/, '').trim()
  return { ...(venue !== '' ? { venue } : {}), links }
}

/** Decides how descriptions are written and stores each category's prose. */
function describeCategories(sections: Section[], options: Record<string, unknown>, repairs: Repair[]): void {
  const withProse = sections.filter((section) => section.prose.length > 0)
  const wrapped = (section: Section) => {
    const [block] = section.prose
    if (section.prose.length !== 1 || block?.type !== 'paragraph' || block.children.length !== 1) return undefined
    const outer = block.children[0]!
    const inner = outer.type === 'emphasis' && outer.children.length === 1 ? outer.children[0] : undefined
    return inner?.type === 'strong' ? inner.children : undefined
  }
  const emphasis = withProse.every((section) => wrapped(section) !== undefined)
  if (!emphasis) options.descriptionEmphasis = false
  const joinable = withProse.filter((section) => section.prose.length === 1 && section.prose[0]!.type === 'paragraph' && section.members.length > 0)
  const joined = joinable.filter((section) => section.joined).length
  const join = joinable.length === 0 || joined * 2 >= joinable.length
  if (!join) options.descriptionJoin = false
  for (const section of joinable) {
    if (section.joined !== join) {
      const node = section.prose[0]!
      repairs.push(at(node, 'import/description-join', `Description of \`${section.category.title}\` is ${join ? 'joined to' : 'separated from'} its first entry like the others`))
    }
  }
  for (const section of withProse) {
    const inner = emphasis ? wrapped(section) : undefined
    const markdown = inner ? stringifyBlocks([{ type: 'paragraph', children: inner }]) : stringifyBlocks(section.prose)
    section.category.description = markdown
  }
}

/**
 * Keeps `papers.json` in first-appearance order and picks the order option
 * that reproduces every category: newest first, or file order.
 */
function orderEntries(sections: Section[], entries: Entry[], options: Record<string, unknown>, repairs: Repair[]): void {
  keepTies(sections, entries)
  const position = new Map(entries.map((entry, index) => [entry, index]))
  const fileOrder = (members: Entry[]) => [...members].sort((a, b) => position.get(a)! - position.get(b)!)
  const dateOrder = (members: Entry[]) => fileOrder(members).sort((a, b) => dateSortKey(b.date) - dateSortKey(a.date))
  const same = (a: Entry[], b: Entry[]) => a.every((entry, index) => entry === b[index])
  const byDate = sections.filter((section) => !same(section.members, dateOrder(section.members)))
  const byFile = sections.filter((section) => !same(section.members, fileOrder(section.members)))
  const order = byDate.length <= byFile.length ? 'date' : 'file'
  if (order !== categorized.defaults.order) options.order = order
  for (const section of order === 'date' ? byDate : byFile) {
    repairs.push({
      line: section.line,
      column: 1,
      kind: 'import/order',
      message: `Entries of \`${section.category.title}\` are not in ${order === 'date' ? 'date order (newest first)' : 'the order of the other categories'}; they are reordered`
    })
  }
}

/**
 * Entries of equal date keep `papers.json` order in every category, so the
 * file order must agree with each category's order of its ties (an entry
 * in two categories may appear first in either). Reorders `entries` in
 * place by those constraints, first appearance breaking the rest; a
 * contradiction leaves first-appearance order.
 */
function keepTies(sections: readonly Section[], entries: Entry[]): void {
  const index = new Map(entries.map((entry, at) => [entry, at]))
  const after = new Map<Entry, Set<Entry>>()
  const before = new Map<Entry, number>(entries.map((entry) => [entry, 0]))
  for (const section of sections) {
    section.members.forEach((entry, at) => {
      const next = section.members[at + 1]
      if (!next || dateSortKey(entry.date) !== dateSortKey(next.date) || after.get(entry)?.has(next)) return
      after.set(entry, (after.get(entry) ?? new Set()).add(next))
      before.set(next, before.get(next)! + 1)
    })
  }
  const ready = entries.filter((entry) => before.get(entry) === 0)
  const ordered: Entry[] = []
  while (ready.length > 0) {
    ready.sort((a, b) => index.get(a)! - index.get(b)!)
    const entry = ready.shift()!
    ordered.push(entry)
    for (const next of after.get(entry) ?? []) {
      before.set(next, before.get(next)! - 1)
      if (before.get(next) === 0) ready.push(next)
    }
  }
  if (ordered.length === entries.length) entries.splice(0, entries.length, ...ordered)
}

const kindPatterns: Array<[RegExp, EntryKind]> = [
  [/\b(courses?|lectures?|classes)\b/i, 'course'],
  [/\b(presentations?|talks?|tutorials?|slides)\b/i, 'presentation'],
  [/\bbooks?\b/i, 'book'],
  [/\b(surveys?|reviews?)\b/i, 'survey']
]

/** An entry's kind, from the titles of its categories and their parents. */
function kindOf(categoryIds: string[], sections: Section[]): EntryKind {
  const parents = new Map<string, Category>()
  const byId = new Map<string, Category>()
  for (const { category } of sections) {
    byId.set(category.id, category)
    for (const child of category.children ?? []) parents.set(child.id, category)
  }
  for (const id of categoryIds) {
    for (let category = byId.get(id); category; category = parents.get(category.id)) {
      for (const [pattern, kind] of kindPatterns) if (pattern.test(category.title)) return kind
    }
  }
  return 'paper'
}

function isTableOfContents(list: List): boolean {
  const links: string[] = []
  const walk = (node: Nodes) => {
    if (node.type === 'link') links.push(node.url)
    if ('children' in node) for (const child of node.children) walk(child)
  }
  walk(list)
  return links.length > 0 && links.every((url) => url.startsWith('#'))
}

/** Every table-of-contents link whose anchor is not exactly one GitHub gives a heading. */
function checkTableOfContents(toc: List, tree: Root): Repair[] {
  const slugger = new GithubSlugger()
  const anchors = new Set<string>()
  const walk = (node: Nodes) => {
    if (node.type === 'heading') anchors.add(slugger.slug(toString(node)))
    if ('children' in node) for (const child of node.children) walk(child)
  }
  walk(tree)
  const repairs: Repair[] = []
  const visit = (node: Nodes) => {
    if (node.type === 'link') {
      const anchor = decodeURIComponent(node.url.slice(1))
      if (!anchors.has(anchor)) {
        const lower = anchor.toLowerCase()
        repairs.push(
          anchors.has(lower)
            ? at(node, 'import/toc-anchor-case', `Table of contents links \`#${anchor}\`; GitHub's anchor is \`#${lower}\``)
            : at(node, 'import/toc-anchor-missing', `Table of contents links \`#${anchor}\`, which matches no heading; the table of contents is regenerated from the headings`)
        )
      }
    }
    if ('children' in node) for (const child of node.children) visit(child)
  }
  visit(toc)
  return repairs
}

function differingFields(known: Entry, other: Entry): string[] {
  const fields: string[] = []
  if (known.title !== other.title) fields.push('title')
  if (JSON.stringify(known.authors) !== JSON.stringify(other.authors)) fields.push('author list')
  if (known.venue !== other.venue) fields.push('venue')
  if (known.date !== other.date) fields.push('date')
  if (JSON.stringify(known.links) !== JSON.stringify(other.links)) fields.push('links')
  return fields
}

function joinLines(lines: Line[]): PhrasingContent[] {
  return lines.flatMap((line, index) => (index === 0 ? line.nodes : [{ type: 'break' as const }, ...line.nodes]))
}

function at(node: Nodes, kind: string, message: string): Repair {
  return { line: node.position?.start.line ?? 1, column: node.position?.start.column ?? 1, kind, message }
}
