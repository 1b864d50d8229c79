/**
 * The categorized list: a heading per category, then one paragraph per entry:
 *
 *     **_Note_ - Title**\
 *     _Author One, Author Two_\
 *     Venue, [[Paper](url)] [[Code](url)]\
 *     8 Jan 2024
 */
import type { Paragraph, PhrasingContent, RootContent } from 'mdast'
import { flattenCategories } from '../core/categories.ts'
import { dateSortKey, formatDate } from '../core/dates.ts'
import { dataText, linkNode as link, textNode as text } from '../core/markdown.ts'
import { safeDescription } from '../core/description.ts'
import { pointerOf } from '../core/json-source.ts'
import type { Category, Entry, LinkType } from '../core/model.ts'
import { venueLabel } from '../core/venues.ts'
import { defaultLinkLabels, linkLabelsSchema } from './labels.ts'
import type { Format, GeneratedHeading, RenderProblem } from './types.ts'

export interface CategorizedOptions {
  /** Heading depth of a root category (1 for `#`). */
  headingDepth: number
  /** `date`: newest first within a category (ties keep file order); `file`: `papers.json` order. */
  order: 'date' | 'file'
  /** Wrap a one-paragraph category description as `_**…**_`. */
  descriptionEmphasis: boolean
  /** Join a one-paragraph description to the category's first entry with a line break. */
  descriptionJoin: boolean
  /** How the venue is shown: `{venue}`, `{series}`, `{year}`. */
  venueLabel: string
  /** Between several highlight notes. */
  noteSeparator: string
  labels: Record<LinkType, string>
}

export const categorized: Format<CategorizedOptions> = {
  name: 'categorized',
  description: 'Headings per category, one paragraph per entry with notes, authors, venue, links and date.',
  defaults: {
    headingDepth: 1,
    order: 'date',
    descriptionEmphasis: true,
    descriptionJoin: true,
    venueLabel: '{venue}',
    noteSeparator: ' & ',
    labels: defaultLinkLabels
  },
  optionsSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      headingDepth: { description: 'Heading depth of a root category.', type: 'integer', minimum: 1, maximum: 6 },
      order: { description: '`date` (newest first) or `file` (`papers.json` order).', enum: ['date', 'file'] },
      descriptionEmphasis: { description: 'Show a one-paragraph description as `_**…**_`.', type: 'boolean' },
      descriptionJoin: { description: 'Join a one-paragraph description to the first entry.', type: 'boolean' },
      venueLabel: { description: 'Venue label pattern with `{venue}`, `{series}`, `{year}`.', type: 'string', minLength: 1 },
      noteSeparator: { description: 'Text between several highlight notes.', type: 'string', minLength: 1 },
      labels: linkLabelsSchema
    }
  },
  render({ data, entries, options }) {
    const members = membersByCategory(entries, data.entries, options.order)
    const blocks: RootContent[] = []
    const headings: GeneratedHeading[] = []
    const problems: RenderProblem[] = []
    for (const { category, level, path } of flattenCategories(data.categories)) {
      const depth = options.headingDepth + level
      if (depth > 6) {
        problems.push({
          pointer: pointerOf([...path, 'title']),
          message: `Unexpected category \`${category.title}\` at heading level ${depth}, Markdown has six`,
          hint: 'nest categories less deeply, or lower `headingDepth` in the template'
        })
        continue
      }
      blocks.push({ type: 'heading', depth: depth as 1, children: [dataText(category.title)] })
      headings.push({ depth, text: category.title })
      const paragraphs = (members.get(category.id) ?? []).map(({ entry, notes }) => ({
        type: 'paragraph' as const,
        children: entryLines(entry, notes, options)
      }))
      blocks.push(...description(category, paragraphs, options))
    }
    return { blocks, headings, problems }
  }
}

/** The category's prose (inline Markdown only: the rest shown literally), joined to its first entry when the template asks for it. */
function description(category: Category, paragraphs: Paragraph[], options: CategorizedOptions): RootContent[] {
  if (category.description === undefined) return paragraphs
  const prose = safeDescription(category.description)
  const only = prose.length === 1 && prose[0]!.type === 'paragraph' ? prose[0] : undefined
  if (!only) return [...prose, ...paragraphs]
  const lead: PhrasingContent[] = options.descriptionEmphasis
    ? [{ type: 'emphasis', children: [{ type: 'strong', children: only.children }] }]
    : only.children
  const [first, ...rest] = paragraphs
  if (!options.descriptionJoin || !first) return [{ type: 'paragraph', children: lead }, ...paragraphs]
  return [{ type: 'paragraph', children: [...lead, { type: 'break' }, ...first.children] }, ...rest]
}

function entryLines(entry: Entry, notes: readonly string[], options: CategorizedOptions): PhrasingContent[] {
  const title: PhrasingContent[] = []
  notes.forEach((note, index) => {
    if (index > 0) title.push(text(options.noteSeparator))
    title.push({ type: 'emphasis', children: [dataText(note)] })
  })
  title.push(dataText(notes.length > 0 ? ` - ${entry.title}` : entry.title))
  const lines: PhrasingContent[][] = [[{ type: 'strong', children: title }]]
  if (entry.authors && entry.authors.length > 0) {
    lines.push([{ type: 'emphasis', children: [dataText(entry.authors.join(', '))] }])
  }
  const links = (entry.links ?? []).map((item) => ({
    type: 'bracketedLink' as const,
    children: [item.label !== undefined ? { type: 'link', url: item.url, children: [dataText(item.label)] } : link(item.url, options.labels[item.type])] as [ReturnType<typeof link>]
  }))
  const venue = entry.venue === undefined ? undefined : venueLabel(entry.venue, options.venueLabel)
  if (venue !== undefined || links.length > 0) {
    const line: PhrasingContent[] = []
    if (venue !== undefined) line.push(dataText(links.length > 0 ? `${venue}, ` : venue))
    links.forEach((item, index) => {
      if (index > 0) line.push(text(' '))
      line.push(item)
    })
    lines.push(line)
  }
  if (entry.date !== undefined) lines.push([text(formatDate(entry.date))])
  return lines.flatMap((line, index) => (index === 0 ? line : [{ type: 'break' as const }, ...line]))
}

interface Member {
  entry: Entry
  notes: string[]
}

/** Category id → its entries in display order. */
function membersByCategory(shown: readonly Entry[], all: readonly Entry[], order: CategorizedOptions['order']) {
  const visible = new Set(shown)
  const members = new Map<string, Member[]>()
  for (const entry of all) {
    if (!visible.has(entry)) continue
    for (const membership of entry.categories ?? []) {
      const list = members.get(membership.category) ?? []
      list.push({ entry, notes: membership.notes ?? [] })
      members.set(membership.category, list)
    }
  }
  if (order === 'date') {
    const keys = new Map(shown.map((entry) => [entry, dateSortKey(entry.date)]))
    for (const list of members.values()) {
      // Array.prototype.sort is stable: equal dates keep file order.
      list.sort((a, b) => keys.get(b.entry)! - keys.get(a.entry)!)
    }
  }
  return members
}
