/**
 * Two Markdown documents compared entry by entry: top-level blocks, with
 * tables split into rows and entry lists into items (a table of contents
 * stays one list), aligned by a longest common subsequence. Pure.
 */
import type { List, ListItem, Nodes, RootContent, TableRow } from 'mdast'
import { removePosition } from 'unist-util-remove-position'
import { parseMarkdown } from '../core/markdown.ts'

export interface Comparable {
  node: RootContent | TableRow | ListItem
  what: string
  key: string
  /** For an added unit: the source line it follows. */
  after?: number
}

/** Blocks, with tables split into rows and entry lists into items (a table of contents stays one list). */
export function comparable(blocks: readonly RootContent[]): Comparable[] {
  const key = (node: object) => {
    const copy = structuredClone(node)
    removePosition(copy as never, { force: true })
    return JSON.stringify(copy)
  }
  return blocks.flatMap((node): Comparable[] => {
    if (node.type === 'table') return node.children.map((row, index) => ({ node: row, what: index === 0 ? 'table header' : 'table row', key: `${index === 0 ? `header ${JSON.stringify(node.align)} ` : ''}${key(row)}` }))
    if (node.type === 'list' && !isTableOfContents(node)) return [{ node: { ...node, children: [] }, what: 'list', key: `list ${node.ordered} ${node.start} ${node.spread}` }, ...node.children.map((item) => ({ node: item, what: 'list item', key: key(item) }))]
    return [{ node, what: node.type === 'heading' ? 'heading' : node.type, key: key(node) }]
  })
}

function isTableOfContents(list: List): boolean {
  const links: string[] = []
  const visit = (node: Nodes) => {
    if (node.type === 'link') links.push(node.url)
    if ('children' in node) (node.children as Nodes[]).forEach(visit)
  }
  visit(list)
  return links.length > 0 && links.every((url) => url.startsWith('#'))
}

/** Pairs of equal or changed units, by a longest common subsequence of keys around the common head and tail. */
export function alignUnits(before: Comparable[], after: Comparable[]): Array<[Comparable | undefined, Comparable | undefined]> {
  const pairs: Array<[Comparable | undefined, Comparable | undefined]> = []
  let head = 0
  while (head < before.length && head < after.length && before[head]!.key === after[head]!.key) head++
  let tail = 0
  while (tail < before.length - head && tail < after.length - head && before[before.length - 1 - tail]!.key === after[after.length - 1 - tail]!.key) tail++
  const a = before.slice(head, before.length - tail)
  const b = after.slice(head, after.length - tail)
  if (a.length * b.length > 4_000_000) {
    // Too large to align: position by position.
    for (let index = 0; index < Math.max(a.length, b.length); index++) pairs.push([a[index], b[index]])
    return pairs
  }
  const table = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1))
  for (let i = a.length - 1; i >= 0; i--) for (let j = b.length - 1; j >= 0; j--) table[i]![j] = a[i]!.key === b[j]!.key ? table[i + 1]![j + 1]! + 1 : Math.max(table[i + 1]![j]!, table[i]![j + 1]!)
  let i = 0
  let j = 0
  const lastLine = () => a[i - 1]?.node.position?.end.line ?? before[head - 1]?.node.position?.end.line ?? 1
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i]!.key === b[j]!.key) {
      i++
      j++
    } else if (i < a.length && j < b.length && table[i + 1]![j + 1] === table[i]![j] && a[i]!.what === b[j]!.what) {
      // Neither is kept by the alignment: the one was rewritten as the other.
      pairs.push([a[i], b[j]])
      i++
      j++
    } else if (j >= b.length || (i < a.length && table[i + 1]![j]! >= table[i]![j + 1]!)) {
      pairs.push([a[i], undefined])
      i++
    } else {
      pairs.push([undefined, { ...b[j]!, after: lastLine() }])
      j++
    }
  }
  return pairs
}


/** Units of two documents: how many, how many the same, and the changed pairs. */
export function compareDocuments(before: string, after: string): { total: number; equal: number; changed: Array<[Comparable | undefined, Comparable | undefined]> } {
  const a = comparable(parseMarkdown(before).children)
  const b = comparable(parseMarkdown(after).children)
  const changed = alignUnits(a, b).filter(([old, fresh]) => !(old && fresh && old.key === fresh.key))
  const removed = changed.filter(([old]) => old !== undefined).length
  return { total: a.length, equal: a.length - removed, changed }
}
