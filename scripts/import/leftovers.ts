/**
 * What an import left behind: the blocks of the source outside the regions
 * it read as entries that still look like entries. A table row with a link,
 * or a list item or paragraph with a link to a paper (a paper host, a DOI, a
 * PDF), is one; prose that links elsewhere (a sponsor, an issue form) is not.
 * A migration must never keep such blocks as prose in silence. Pure.
 */
import type { Nodes, Root } from 'mdast'
import { toString } from 'mdast-util-to-string'
import type { Region } from './types.ts'

export interface Leftover {
  line: number
  column: number
  /** `table row`, `list item`, `paragraph`. */
  what: string
  /** The start of its text, for the message. */
  text: string
  /** Why it was not read, when it is among the entries. */
  why?: string
}

/** Hosts whose links are papers: preprint servers, proceedings, publishers, indexes. */
const paperHosts = /(^|\.)(arxiv\.org|openreview\.net|doi\.org|aclanthology\.org|aclweb\.org|proceedings\.mlr\.press|papers\.nips\.cc|papers\.neurips\.cc|proceedings\.neurips\.cc|neurips\.cc|openaccess\.thecvf\.com|ecva\.net|jmlr\.org|ojs\.aaai\.org|aaai\.org|ijcai\.org|dl\.acm\.org|ieeexplore\.ieee\.org|link\.springer\.com|sciencedirect\.com|semanticscholar\.org|paperswithcode\.com|biorxiv\.org|medrxiv\.org|ssrn\.com|nature\.com|science\.org|huggingface\.co\/papers)$/

export function isPaperUrl(url: string): boolean {
  try {
    const parsed = new URL(url)
    return paperHosts.test(parsed.hostname.replace(/^www\./, '')) || paperHosts.test(`${parsed.hostname}${parsed.pathname.split('/').slice(0, 2).join('/')}`) || /\.pdf$/i.test(parsed.pathname)
  } catch {
    return false
  }
}

/** Web links of a node, badges (a link around an image) left out. */
export function webLinks(node: Nodes): string[] {
  if (node.type === 'link') return /^https?:\/\//i.test(node.url) && !(node.children.length === 1 && node.children[0]!.type === 'image') ? [node.url] : []
  return 'children' in node ? (node.children as Nodes[]).flatMap(webLinks) : []
}

/** Entry-like blocks of `tree` outside `regions` (source offsets of what was imported). */
export function leftovers(tree: Root, regions: readonly Region[]): Leftover[] {
  const inside = (node: Nodes) => regions.some((region) => node.position!.start.offset! >= region.start && node.position!.end.offset! <= region.end)
  const found: Leftover[] = []
  const add = (node: Nodes, what: string) => found.push({ line: node.position!.start.line, column: node.position!.start.column, what, text: toString(node).replace(/\s+/g, ' ').trim().slice(0, 60) })
  const visit = (node: Nodes) => {
    if (node.type !== 'root' && inside(node)) return
    if (node.type === 'table') {
      // Tables are rarely prose: a body row with any web link is an entry.
      node.children.slice(1).forEach((row) => webLinks(row).length > 0 && add(row, 'table row'))
      return
    }
    if (node.type === 'listItem') {
      const own = node.children.filter((child) => child.type !== 'list')
      if (own.some((child) => webLinks(child).some(isPaperUrl))) add(node, 'list item')
      node.children.filter((child) => child.type === 'list').forEach(visit)
      return
    }
    if (node.type === 'paragraph') {
      if (webLinks(node).some(isPaperUrl)) add(node, 'paragraph')
      return
    }
    if ('children' in node) (node.children as Nodes[]).forEach(visit)
  }
  visit(tree)
  return found
}
