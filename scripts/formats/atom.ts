/**
 * The Atom format: a feed of the entries most recently added to the list
 * (their `added` day, newest first), so readers can follow it in any feed
 * reader. Deterministic: the feed's `updated` is its newest entry's day,
 * never the time it was generated. A text format; the file is the XML
 * alone. Pure.
 */
import { XMLBuilder } from 'fast-xml-parser'
import { flattenCategories } from '../core/categories.ts'
import { formatDate } from '../core/dates.ts'
import { citedUrl } from '../core/identity.ts'
import type { Entry } from '../core/model.ts'
import { noBlocks, type Format } from './types.ts'

export interface AtomOptions {
  /** The feed's title. */
  title: string
  /** The list's address, linked from the feed (e.g. its GitHub page). */
  link?: string
  /** The feed's permanent identifier; by default made from `link`, else from the output's name. */
  id?: string
  /** How many of the newest additions the feed holds. */
  limit: number
}

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', format: true, indentBy: '  ', suppressEmptyNode: true })

export const atom: Format<AtomOptions> = {
  name: 'atom',
  description: 'An Atom feed of the entries most recently added (their `added` day), for feed readers.',
  extension: '.xml',
  bodyless: true,
  defaults: { title: 'Papers', limit: 50 },
  optionsSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      title: { description: "The feed's title.", type: 'string', minLength: 1 },
      link: { description: "The list's address, linked from the feed.", type: 'string', pattern: '^https?://\\S+$' },
      id: { description: "The feed's permanent identifier (an IRI); by default the link.", type: 'string', pattern: '^[a-z][a-z0-9+.-]*:\\S+$' },
      limit: { description: 'How many of the newest additions the feed holds.', type: 'integer', minimum: 1, maximum: 10000 }
    }
  },
  render: noBlocks,
  renderText({ data, entries, options }) {
    const titles = new Map(flattenCategories(data.categories).map(({ category }) => [category.id, category.title]))
    const added = entries
      .map((entry, index) => ({ entry, index }))
      .filter(({ entry }) => entry.added !== undefined)
      .sort((a, b) => (a.entry.added! < b.entry.added! ? 1 : a.entry.added! > b.entry.added! ? -1 : a.index - b.index))
      .slice(0, options.limit)
      .map(({ entry }) => entry)
    const stamp = (day: string) => `${day}T00:00:00Z`
    const feed: Record<string, unknown> = {
      '@_xmlns': 'http://www.w3.org/2005/Atom',
      title: options.title,
      id: options.id ?? options.link ?? `urn:paper-list:${options.title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`,
      updated: stamp(added[0]?.added ?? '1970-01-01'),
      ...(options.link ? { link: { '@_href': options.link } } : {}),
      // A feed-level author covers entries without authors, as Atom requires one.
      author: { name: options.title },
      entry: added.map((entry) => feedEntry(entry, titles, stamp))
    }
    return builder.build({ '?xml': { '@_version': '1.0', '@_encoding': 'utf-8' }, feed }).trimEnd()
  }
}

function feedEntry(entry: Entry, titles: ReadonlyMap<string, string>, stamp: (day: string) => string): Record<string, unknown> {
  const url = citedUrl(entry)
  const summary = [entry.authors?.join(', '), [entry.venue, entry.date ? formatDate(entry.date) : undefined].filter(Boolean).join(', ')].filter((part): part is string => part !== undefined && part !== '').map((part) => part.replace(/\.$/, '')).join('. ')
  return {
    title: entry.title,
    // A stable identifier: the paper's address, else its DOI, else its title.
    id: url ?? (entry.doi ? `https://doi.org/${entry.doi}` : `urn:paper-list:title:${encodeURIComponent(entry.title)}`),
    updated: stamp(entry.added!),
    ...(url ? { link: { '@_href': url } } : {}),
    ...(entry.authors && entry.authors.length > 0 ? { author: entry.authors.filter((name) => name !== 'et al.').map((name) => ({ name })) } : {}),
    ...(summary ? { summary } : {}),
    ...(entry.categories && entry.categories.length > 0 ? { category: entry.categories.map((membership) => ({ '@_term': titles.get(membership.category) ?? membership.category })) } : {})
  }
}
