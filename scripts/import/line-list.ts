/**
 * Reads a list written one entry per line: list items or paragraphs that
 * carry a link, in any of the shapes real lists use, through the one
 * general reader; the headings above them become categories. Learns the
 * list's pattern, so the `lines` format writes it back in its own shape.
 * Pure.
 */
import type { List, ListItem, Paragraph, PhrasingContent, Root, RootContent } from 'mdast'
import { buildEntries, type ReadEntry } from './entries.ts'
import { isPaperUrl, webLinks } from './leftovers.ts'
import { choosePattern } from './patterns.ts'
import { readPhrasing } from './reader.ts'
import { readSections } from './sections.ts'
import { readStyle } from './style.ts'
import { withRepositories } from './tables.ts'
import type { ImportedList, Repair } from './types.ts'

/** An item's own text: its paragraphs, not its sub-lists. */
function ownParagraphs(item: ListItem): Paragraph[] {
  return item.children.filter((child): child is Paragraph => child.type === 'paragraph')
}

function isEntryItem(item: ListItem): boolean {
  return ownParagraphs(item).some((paragraph) => webLinks(paragraph).length > 0)
}

/** Lists most of whose items carry a web link, and paragraphs with a link to a paper. */
export function entryBlocks(tree: Root): number[] {
  return tree.children.flatMap((node, index) => {
    if (node.type === 'list') return node.children.filter(isEntryItem).length * 2 >= node.children.length && node.children.length > 0 ? [index] : []
    if (node.type === 'paragraph') return webLinks(node).some(isPaperUrl) ? [index] : []
    return []
  })
}

export function importLines(tree: Root, source: string): ImportedList {
  const blocks = entryBlocks(tree)
  const sections = readSections(tree, source, blocks)
  const repairs: Repair[] = [...sections.repairs]
  const read: ReadEntry[] = []
  const patterns: string[] = []
  let lists = 0
  let paragraphs = 0
  let ordered = 0
  let spread = 0
  for (const index of blocks) {
    const block = tree.children[index] as List | Paragraph
    const category = sections.categoryOf.get(index)
    const units: Array<{ nodes: PhrasingContent[]; from: number; to: number; line: number; block: RootContent }> = []
    if (block.type === 'list') {
      lists++
      if (block.ordered) ordered++
      if (block.spread) spread++
      for (const item of block.children) {
        const own = ownParagraphs(item)
        if (own.length === 0 || !isEntryItem(item)) {
          repairs.push({ line: item.position!.start.line, column: 1, kind: 'import/not-kept', message: 'This list item has no link and is not an entry; it is not kept' })
          continue
        }
        if (item.children.some((child) => child.type !== 'paragraph')) repairs.push({ line: item.position!.start.line, column: 1, kind: 'import/not-kept', message: 'What this item holds besides its text (a nested list, a quote) is not kept' })
        const nodes: PhrasingContent[] = own.flatMap((paragraph) => paragraph.children)
        units.push({ nodes, from: own[0]!.position!.start.offset!, to: own.at(-1)!.position!.end.offset!, line: item.position!.start.line, block: item })
      }
    } else {
      paragraphs++
      units.push({ nodes: block.children, from: block.position!.start.offset!, to: block.position!.end.offset!, line: block.position!.start.line, block })
    }
    for (const unit of units) {
      const links: NonNullable<Parameters<typeof readPhrasing>[4]>['links'] = []
      const reading = readPhrasing(unit.nodes, source, unit.from, unit.to, { links })
      const own = [reading.pattern]
      withRepositories(own, links)
      patterns.push(own[0]!)
      read.push({ parts: { ...reading.parts, links }, line: unit.line, ...(category !== undefined ? { category } : {}), pattern: '' })
    }
  }
  const chosen = choosePattern(patterns)
  chosen.fits.forEach((fit, index) => {
    read[index]!.pattern = chosen.pattern
    if (!fit) repairs.push({ line: read[index]!.line, column: 1, kind: 'import/reshaped', message: `Written back as \`${chosen.pattern}\`, the shape of the list; it reads \`${patterns[index]}\`` })
  })
  const built = buildEntries(read, repairs)
  const options: Record<string, unknown> = {
    pattern: chosen.pattern,
    layout: paragraphs > lists ? 'paragraph' : 'list',
    ordered: ordered * 2 > lists,
    spread: spread * 2 > lists,
    group: sections.categories.length > 0 ? 'category' : 'none',
    headingDepth: sections.headingDepth,
    ...readStyle(blocks.map((index) => tree.children[index]!), source)
  }
  return { data: { venues: built.venues, categories: sections.categories, entries: built.entries }, regions: [sections.region], options, repairs }
}
