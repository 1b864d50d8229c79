/**
 * Renders one output: the template's prose with each marker replaced by
 * Markdown serialized from a generated syntax tree. Pure: data in, text out.
 */
import path from 'node:path'
import type { PhrasingContent, RootContent } from 'mdast'
import { formats } from '../formats/index.ts'
import type { RenderProblem } from '../formats/types.ts'
import { linkNode as link, stringifyBlocks, textNode as text } from './markdown.ts'
import { citationKeys } from './citekeys.ts'
import type { Entry, PapersFile } from './model.ts'
import type { OutputConfig, Template } from './template.ts'
import { tableOfContents, type DocumentHeading } from './toc.ts'

export interface RenderedOutput {
  output: string
  content: string
  problems: RenderProblem[]
}

/** What one output may link to in another: an entry's place in the BibTeX file. */
export interface CrossLinks {
  /** The address of the entry's BibTeX, relative to the output, e.g. `papers.bib#L12`. */
  bibtex?: (entry: Entry, from: string) => string | undefined
}

/**
 * Every output of a set of templates: text outputs first, so the Markdown
 * outputs can link to an entry's line in the BibTeX file.
 */
export function renderOutputs(templates: readonly Template[], data: PapersFile): RenderedOutput[] {
  const configs = templates.map((template) => template.config)
  const bib = templates.find((template) => template.config.format === 'bibtex')
  let links: CrossLinks = {}
  let rendered: RenderedOutput | undefined
  if (bib) {
    rendered = renderOutput(bib, data, configs)
    const keys = citationKeys(selectEntries(data, bib.config))
    const lineOf = new Map<string, number>()
    rendered.content.split('\n').forEach((line, index) => {
      const key = /^@\w+\{([^,\s]+),/.exec(line)?.[1]
      if (key !== undefined && !lineOf.has(key)) lineOf.set(key, index + 1)
    })
    links = {
      bibtex: (entry, from) => {
        const key = keys.get(entry)
        const line = key === undefined ? undefined : lineOf.get(key)
        return line === undefined ? undefined : `${path.posix.relative(path.posix.dirname(from), bib.config.output)}#L${line}`
      }
    }
  }
  // The BibTeX output is written once: the Markdown outputs read its lines.
  return templates.map((template) => (template === bib ? rendered! : renderOutput(template, data, configs, links)))
}

/** `others`: the configurations of all outputs generated together, for the views marker. */
export function renderOutput(template: Template, data: PapersFile, others: readonly OutputConfig[], links: CrossLinks = {}): RenderedOutput {
  const { config } = template
  const format = formats[config.format]!
  if (format.renderText) {
    const text = format.renderText({ data, entries: selectEntries(data, config), options: config.options })
    if (format.bodyless) return { output: config.output, content: `${text}\n`, problems: [] }
    let content = template.body
    for (const marker of [...template.markers].sort((a, b) => b.start - a.start)) content = content.slice(0, marker.start) + (marker.name === 'entries' ? text : '') + content.slice(marker.end)
    return { output: config.output, content: content.trim() + '\n', problems: [] }
  }
  const bibtex = links.bibtex
  const result = format.render({ data, entries: selectEntries(data, config), options: config.options, ...(bibtex ? { links: { bibtex: (entry: Entry) => bibtex(entry, config.output) } } : {}) })
  const entriesMarker = template.markers.find((marker) => marker.name === 'entries')!
  const tocMarker = template.markers.find((marker) => marker.name === 'toc')

  const generated: Record<string, RootContent[]> = { entries: result.blocks }
  if (tocMarker) {
    const headings: Array<DocumentHeading & { offset: number }> = [
      ...template.headings.map((heading) => ({ ...heading, listed: heading.offset > tocMarker.start })),
      ...result.headings.map((heading) => ({ ...heading, offset: entriesMarker.start, listed: entriesMarker.start > tocMarker.start }))
    ]
    // Stable: generated headings keep their order at the marker's offset.
    headings.sort((a, b) => a.offset - b.offset)
    const toc = tableOfContents(headings)
    generated.toc = toc ? [toc] : []
  }
  generated.views = viewsParagraph(config, others)

  let content = template.body
  for (const marker of [...template.markers].sort((a, b) => b.start - a.start)) {
    content = content.slice(0, marker.start) + stringifyBlocks(generated[marker.name] ?? [], { style: result.style }) + content.slice(marker.end)
  }
  return { output: config.output, content: content.trimEnd() + '\n', problems: result.problems }
}

/** The entries an output shows, by the template's `include` filter, in file order. */
export function selectEntries(data: PapersFile, config: OutputConfig): Entry[] {
  const { kinds, venueTypes } = config.include
  return data.entries.filter((entry) => {
    if (kinds && !kinds.includes(entry.kind)) return false
    if (venueTypes) {
      const type = entry.venue === undefined ? undefined : data.venues[entry.venue]?.type
      if (type === undefined || !venueTypes.includes(type)) return false
    }
    return true
  })
}

/** `**Other views:** [Papers by topic](TOPICS.md)`, with links relative to this output. */
function viewsParagraph(config: OutputConfig, others: readonly OutputConfig[]): RootContent[] {
  const views = others.filter((other) => other.output !== config.output)
  if (views.length === 0) return []
  const children: PhrasingContent[] = [{ type: 'strong', children: [text('Other views:')] }, text(' ')]
  views.forEach((view, index) => {
    if (index > 0) children.push(text(' · '))
    children.push(link(path.posix.relative(path.posix.dirname(config.output), view.output), view.title))
  })
  return [{ type: 'paragraph', children }]
}
