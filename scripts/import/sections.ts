/**
 * The headings around a list's entry blocks become its category tree: each
 * heading from the first that leads to entries to the last entry block is a
 * category, nested by depth; a paragraph under a heading is the category's
 * description. That stretch of the document is what the entries marker
 * replaces. Pure.
 */
import GithubSlugger from 'github-slugger'
import type { Root, RootContent } from 'mdast'
import { toString } from 'mdast-util-to-string'
import { descriptionProblems } from '../core/description.ts'
import type { Category } from '../core/model.ts'
import type { Region, Repair } from './types.ts'

export interface Sections {
  categories: Category[]
  /** Category id of each entry block (by index in the document), when it has a heading. */
  categoryOf: Map<number, string>
  region: Region
  /** Depth of a root category's heading. */
  headingDepth: number
  repairs: Repair[]
}

/** `entryBlocks`: indexes of the document's top-level blocks that hold entries, in order. */
export function readSections(tree: Root, source: string, entryBlocks: readonly number[]): Sections {
  const blocks = tree.children
  const first = entryBlocks[0]!
  const last = entryBlocks.at(-1)!
  // Back from the first entry block over its heading and the headings that lead to it.
  let start = first
  let ceiling = Number.POSITIVE_INFINITY
  // The document's title (its first heading, at depth 1) is not a category.
  const titleIndex = blocks.findIndex((block) => block.type === 'heading')
  const documentTitle = titleIndex !== -1 && (blocks[titleIndex] as { depth: number }).depth === 1 ? titleIndex : -1
  for (let index = first - 1; index >= 0; index--) {
    const block = blocks[index]!
    if (index === documentTitle) break
    if (block.type === 'heading') {
      if (block.depth >= ceiling) break
      ceiling = block.depth
      start = index
      continue
    }
    // Prose between a heading and its entries is the category's description.
    if (block.type === 'paragraph') continue
    break
  }
  // A paragraph right before the first heading is prose of the document, not a description.
  while (start < first && blocks[start]!.type !== 'heading') start++

  const slugger = new GithubSlugger()
  const categories: Category[] = []
  const categoryOf = new Map<number, string>()
  const repairs: Repair[] = []
  const stack: Array<{ depth: number; category: Category }> = []
  const entrySet = new Set(entryBlocks)
  const depths = blocks.slice(start, last + 1).filter((block) => block.type === 'heading').map((block) => (block as { depth: number }).depth)
  const headingDepth = depths.length > 0 ? Math.min(...depths) : 1
  for (let index = start; index <= last; index++) {
    const block = blocks[index]!
    if (block.type === 'heading') {
      const title = toString(block).replace(/\s+/g, ' ').trim() || 'Untitled'
      const id = slugger.slug(idOf(title))
      const category: Category = { id, title }
      while (stack.length > 0 && stack.at(-1)!.depth >= block.depth) stack.pop()
      const parent = stack.at(-1)?.category
      if (parent) (parent.children ??= []).push(category)
      else categories.push(category)
      stack.push({ depth: block.depth, category })
      continue
    }
    if (entrySet.has(index)) {
      const current = stack.at(-1)?.category
      if (current) categoryOf.set(index, current.id)
      continue
    }
    const current = stack.at(-1)?.category
    if (block.type === 'paragraph' && current && descriptionProblems(source.slice(block.position!.start.offset!, block.position!.end.offset!)).length === 0) {
      const text = source.slice(block.position!.start.offset!, block.position!.end.offset!)
      current.description = current.description === undefined ? text : `${current.description}\n\n${text}`
      continue
    }
    repairs.push({ line: block.position!.start.line, column: 1, kind: 'import/not-kept', message: `This ${describe(block)} sits among the entries and is not kept: move it above or below the list, or into a category's description` })
  }
  return {
    categories,
    categoryOf,
    region: { marker: 'entries', start: blocks[start]!.position!.start.offset!, end: blocks[last]!.position!.end.offset! },
    headingDepth,
    repairs
  }
}

/** A category id from a heading: lowercase letters and digits joined by hyphens. */
function idOf(title: string): string {
  const id = title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
  return id === '' ? 'category' : id
}

function describe(block: RootContent): string {
  return { html: 'HTML block', list: 'list', code: 'code block', blockquote: 'quote', thematicBreak: 'horizontal rule', table: 'table', definition: 'link definition' }[block.type as string] ?? block.type
}
