/**
 * The categorized list: a heading per category, then one paragraph per entry:
 *
 *     **_Note_ - Title**\
 *     _Author One, Author Two_\
 *     Venue, [[Paper](url)] [[Code](url)]\
 *     8 Jan 2024
 *
 * An instance of the line format (`asLines`), with options of its own.
 */
import type { LinkType } from '../core/model.ts'
import { defaultLinkLabels, linkLabelsSchema } from './labels.ts'
import { lines, type LinesOptions } from './lines.ts'
import type { Format } from './types.ts'

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
  /** A `[BibTeX]` link after each entry's links, to its entry in the BibTeX output generated with it. */
  bibtexLink: boolean
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
    bibtexLink: false,
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
      bibtexLink: { description: 'A `[BibTeX]` link after the links of each entry, to its entry in the BibTeX output.', type: 'boolean' },
      noteSeparator: { description: 'Text between several highlight notes.', type: 'string', minLength: 1 },
      labels: linkLabelsSchema
    }
  },
  render(input) {
    return lines.render({ ...input, options: asLines(input.options) })
  }
}

/**
 * The categorized list is the line format: a paragraph per entry, its lines
 * joined by hard breaks, under category headings, newest first.
 */
export function asLines(options: CategorizedOptions): LinesOptions {
  const venue = options.venueLabel === '{venue}' ? '{venue}' : `{venue|${options.venueLabel.replace(/\{(venue|series|year)\}/g, '$1')}}`
  return {
    pattern: [
      '**{notes} - {title}** || **{title}**',
      '_{authors}_',
      options.bibtexLink ? `${venue}, [[]({link.*})] [[BibTeX]({bibtex})] || ${venue}, [[BibTeX]({bibtex})] || [[]({link.*})] [[BibTeX]({bibtex})]` : `${venue}, [[]({link.*})] || ${venue} || [[]({link.*})]`,
      '{date|text}'
    ].join('\n'),
    layout: 'paragraph',
    ordered: false,
    spread: false,
    group: 'category',
    order: options.order,
    headingDepth: options.headingDepth,
    uncategorized: 'omit',
    descriptionEmphasis: options.descriptionEmphasis,
    descriptionJoin: options.descriptionJoin,
    lineBreak: 'hard',
    noteSeparator: options.noteSeparator,
    bullet: '-',
    emphasis: '_',
    labels: options.labels
  }
}
