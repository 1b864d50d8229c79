/**
 * Grouping and order shared by the table and line formats. `group`:
 * `category` gives a heading per category (its description under it, then
 * its entries), `venue` a heading per venue (newest first by event date),
 * `year` a heading per year (newest first), `none` one run of all entries.
 * `order` sorts the entries of each group: `file` (`papers.json` order),
 * `venue` (newest venue first, as the venue table), `date` (newest first).
 * Pure.
 */
import type { PhrasingContent, RootContent } from 'mdast'
import { flattenCategories } from '../core/categories.ts'
import { dateSortKey } from '../core/dates.ts'
import { safeDescription } from '../core/description.ts'
import { dataText } from '../core/markdown.ts'
import { pointerOf } from '../core/json-source.ts'
import type { Category, Entry, PapersFile } from '../core/model.ts'
import { orderVenues, splitVenue } from '../core/venues.ts'
import type { GeneratedHeading, RenderProblem, RenderResult } from './types.ts'

export type Grouping = 'category' | 'venue' | 'year' | 'none'
export type EntryOrder = 'file' | 'venue' | 'date'

export const groupingSchema = {
  group: { description: '`category`: a heading per category with its entries; `venue`: a heading per venue, newest first; `year`: a heading per year, newest first; `none`: all entries together.', enum: ['category', 'venue', 'year', 'none'] },
  order: { description: 'Order of the entries of a group: `file` (`papers.json` order), `venue` (newest venue first, by event date), `date` (newest first).', enum: ['file', 'venue', 'date'] },
  headingDepth: { description: 'Heading depth of a root category, or of a venue or year heading.', type: 'integer', minimum: 1, maximum: 6 },
  uncategorized: { description: 'Entries in no category (with `group: category`): `first`, before the first heading, or `omit`.', enum: ['first', 'omit'] },
  descriptionEmphasis: { description: 'Show a one-paragraph category description as `_**…**_`.', type: 'boolean' },
  descriptionJoin: { description: 'Join a one-paragraph category description to the first entry paragraph with a line break.', type: 'boolean' }
}

export interface GroupOptions {
  group: Grouping
  order?: EntryOrder
  headingDepth: number
  /** Entries in no category: before the first heading (default), or not shown. */
  uncategorized?: 'first' | 'omit'
  /** Show a one-paragraph category description as `_**…**_`. */
  descriptionEmphasis?: boolean
  /** Join a one-paragraph category description to the category's first entry paragraph with a line break. */
  descriptionJoin?: boolean
}

/** The grouping options of the table and line formats, every one set. */
export type Grouped = Required<GroupOptions>

/** Their defaults: a heading per category, `papers.json` order, the category's prose as written. */
export const groupDefaults: Grouped = { group: 'category', order: 'file', headingDepth: 2, uncategorized: 'first', descriptionEmphasis: false, descriptionJoin: false }

export function renderGroups(data: PapersFile, entries: readonly Entry[], options: GroupOptions, render: (entries: Entry[], categoryId: string | undefined) => RootContent[]): RenderResult {
  const ordered = orderEntries(entries, data, options.order ?? 'file')
  if (options.group === 'none') return { blocks: ordered.length > 0 ? render(ordered, undefined) : [], headings: [], problems: [] }
  if (options.group === 'venue' || options.group === 'year') return renderByKey(ordered, data, options.group, options.headingDepth, render)
  const members = new Map<string, Entry[]>()
  const loose: Entry[] = []
  for (const entry of ordered) {
    if (!entry.categories || entry.categories.length === 0) loose.push(entry)
    for (const membership of entry.categories ?? []) {
      const list = members.get(membership.category) ?? []
      list.push(entry)
      members.set(membership.category, list)
    }
  }
  const blocks: RootContent[] = loose.length > 0 && options.uncategorized !== 'omit' ? render(loose, undefined) : []
  const headings: GeneratedHeading[] = []
  const problems: RenderProblem[] = []
  for (const { category, level, path } of flattenCategories(data.categories)) {
    const depth = options.headingDepth + level
    if (depth > 6) {
      problems.push({ pointer: pointerOf([...path, 'title']), message: `Unexpected category \`${category.title}\` at heading level ${depth}, Markdown has six`, hint: 'nest categories less deeply, or lower `headingDepth` in the template' })
      continue
    }
    blocks.push({ type: 'heading', depth: depth as 1, children: [dataText(category.title)] })
    headings.push({ depth, text: category.title })
    const list = members.get(category.id)
    blocks.push(...described(category, list && list.length > 0 ? render(list, category.id) : [], options))
  }
  return { blocks, headings, problems }
}

/** A category's prose (inline Markdown only: the rest shown literally) before its entries, or joined to its first entry paragraph when the template asks. */
function described(category: Category, entries: RootContent[], options: GroupOptions): RootContent[] {
  if (category.description === undefined) return entries
  const prose = safeDescription(category.description)
  const only = prose.length === 1 && prose[0]!.type === 'paragraph' ? prose[0] : undefined
  if (!only || (!options.descriptionEmphasis && !options.descriptionJoin)) return [...prose, ...entries]
  const lead: PhrasingContent[] = options.descriptionEmphasis ? [{ type: 'emphasis', children: [{ type: 'strong', children: only.children }] }] : only.children
  const [first, ...rest] = entries
  if (!options.descriptionJoin || first?.type !== 'paragraph') return [{ type: 'paragraph', children: lead }, ...entries]
  return [{ type: 'paragraph', children: [...lead, { type: 'break' }, ...first.children] }, ...rest]
}

/** A heading per venue or per year, in the order the venue table and the calendar give; entries without one first, under no heading. */
function renderByKey(entries: readonly Entry[], data: PapersFile, group: 'venue' | 'year', depth: number, render: (entries: Entry[], categoryId: string | undefined) => RootContent[]): RenderResult {
  const keyOf = (entry: Entry) => (group === 'venue' ? entry.venue : yearOf(entry))
  const groups = new Map<string, Entry[]>()
  const loose: Entry[] = []
  for (const entry of entries) {
    const key = keyOf(entry)
    if (key === undefined) loose.push(entry)
    else if (groups.has(key)) groups.get(key)!.push(entry)
    else groups.set(key, [entry])
  }
  const keys = group === 'venue' ? orderVenues([...groups.keys()], data.venues) : [...groups.keys()].sort((a, b) => Number(b) - Number(a))
  const blocks: RootContent[] = loose.length > 0 ? render(loose, undefined) : []
  const headings: GeneratedHeading[] = []
  for (const key of keys) {
    blocks.push({ type: 'heading', depth: depth as 1, children: [dataText(key)] })
    headings.push({ depth, text: key })
    blocks.push(...render(groups.get(key)!, undefined))
  }
  return { blocks, headings, problems: [] }
}

/** The entry's year: of its date, else of its venue. */
function yearOf(entry: Entry): string | undefined {
  const year = entry.date?.slice(0, 4) ?? (entry.venue === undefined ? undefined : splitVenue(entry.venue).year?.toString())
  return year && /^\d{4}$/.test(year) ? year : undefined
}

/** Entries in the order asked for; every sort is stable, so ties keep `papers.json` order. */
export function orderEntries(entries: readonly Entry[], data: PapersFile, order: EntryOrder): Entry[] {
  if (order === 'file') return [...entries]
  if (order === 'date') {
    const keys = new Map(entries.map((entry) => [entry, dateSortKey(entry.date)]))
    return [...entries].sort((a, b) => keys.get(b)! - keys.get(a)!)
  }
  const venues = orderVenues([...new Set(entries.flatMap((entry) => (entry.venue === undefined ? [] : [entry.venue])))], data.venues)
  const rank = new Map(venues.map((venue, index) => [venue, index]))
  // Entries without a venue come last, as the venue table puts them.
  return [...entries].sort((a, b) => (a.venue === undefined ? venues.length : rank.get(a.venue)!) - (b.venue === undefined ? venues.length : rank.get(b.venue)!))
}
