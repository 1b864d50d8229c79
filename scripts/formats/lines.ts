/**
 * The line format: one list item (or paragraph) per entry, written through
 * a pattern such as `{title} [[{series}{vyear}]]({paper})` or
 * `[{title}]({paper}) by {authors|and}. *{series}*, {year}.`; a pattern line
 * break continues the entry on the next line, an empty pattern line starts
 * its next paragraph. Grouped under category headings or in one list.
 */
import type { ListItem, RootContent } from 'mdast'
import { defaultLinkLabels, emphasisSchema, linkLabelsSchema } from './labels.ts'
import { parsePattern, placeholderHint, renderPatternNodes, unknownPlaceholders } from './pattern.ts'
import { groupDefaults, groupingSchema, renderGroups, type Grouped } from './sections.ts'
import type { Format } from './types.ts'

export interface LinesOptions extends Grouped {
  pattern: string
  /** `list`: a list item per entry; `paragraph`: a paragraph per entry. */
  layout: 'list' | 'paragraph'
  ordered: boolean
  /** Blank lines between items. */
  spread: boolean
  /** `hard`: the lines of an entry end with `\`; `soft`: a plain newline. */
  lineBreak: 'soft' | 'hard'
  /** Between several highlight notes (`{notes}`). */
  noteSeparator: string
  /** The list marker: `-`, `*` or `+`. */
  bullet: '-' | '*' | '+'
  /** The emphasis marker: `_` or `*`. */
  emphasis: '_' | '*'
  labels: Record<string, string>
}

export const lines: Format<LinesOptions> = {
  name: 'lines',
  description: 'One line (list item or paragraph) per entry, written through a pattern, under category headings or in one list.',
  defaults: {
    pattern: '[{title}]({paper}) {series} {vyear}',
    layout: 'list',
    ordered: false,
    spread: false,
    ...groupDefaults,
    lineBreak: 'soft',
    noteSeparator: ' & ',
    bullet: '-',
    emphasis: '_',
    labels: defaultLinkLabels
  },
  optionsSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      pattern: { description: 'How an entry is written: Markdown with placeholders (`{title}`, `{paper}`, `{authors|and}`, `{date|D MMM YYYY}`, ...).', type: 'string', minLength: 1 },
      layout: { description: '`list` or `paragraph`.', enum: ['list', 'paragraph'] },
      ordered: { description: 'A numbered list.', type: 'boolean' },
      spread: { description: 'Blank lines between list items.', type: 'boolean' },
      ...groupingSchema,
      lineBreak: { description: '`hard`: the lines of an entry end with `\\` (a line break GitHub shows); `soft`: a plain newline.', enum: ['soft', 'hard'] },
      noteSeparator: { description: 'Text between several highlight notes (`{notes}`).', type: 'string', minLength: 1 },
      bullet: { description: 'The list marker: `-`, `*` or `+`.', enum: ['-', '*', '+'] },
      emphasis: emphasisSchema,
      labels: linkLabelsSchema
    }
  },
  check(options) {
    return unknownPlaceholders(options.pattern).map((found) => ({ pointer: '/pattern', message: `Unexpected placeholder \`${found}\` in the pattern`, hint: placeholderHint }))
  },
  render({ data, entries, options, links }) {
    const pattern = parsePattern(options.pattern)
    const result = renderGroups(data, entries, options, (members, categoryId) => {
      const written = members.map((entry) => {
        const notes = entry.categories?.find((membership) => membership.category === categoryId)?.notes ?? []
        return renderPatternNodes(pattern, entry, { labels: options.labels, notes, noteSeparator: options.noteSeparator, lineBreak: options.lineBreak, ...(links?.bibtex ? { bibtex: links.bibtex } : {}) }) ?? []
      })
      if (options.layout === 'paragraph') return written.flat()
      const items = written.map((children): ListItem => ({ type: 'listItem', spread: children.length > 1, checked: null, children: children as ListItem['children'] }))
      const list: RootContent = { type: 'list', ordered: options.ordered, start: options.ordered ? 1 : null, spread: options.spread, children: items }
      return [list]
    })
    return { ...result, style: { bullet: options.bullet, emphasis: options.emphasis } }
  }
}
