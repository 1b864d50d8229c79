/**
 * The table of contents: every heading after the `toc` marker, nested by
 * depth, linked with exactly the anchors GitHub gives headings (github-slugger
 * over all headings of the document, in order, so repeats get `-1`, `-2`).
 */
import GithubSlugger from 'github-slugger'
import type { List, ListItem } from 'mdast'
import { linkNode as link } from './markdown.ts'

export interface DocumentHeading {
  depth: number
  text: string
  /** Whether the heading comes after the `toc` marker. */
  listed: boolean
}

export function tableOfContents(headings: readonly DocumentHeading[]): List | undefined {
  const slugger = new GithubSlugger()
  const items = headings.map((heading) => ({ ...heading, anchor: slugger.slug(heading.text) })).filter((heading) => heading.listed)
  if (items.length === 0) return undefined
  const root: List = { type: 'list', ordered: false, spread: false, children: [] }
  const stack: Array<{ depth: number; list: List }> = [{ depth: items[0]!.depth, list: root }]
  for (const item of items) {
    while (stack.length > 1 && stack.at(-1)!.depth > item.depth) stack.pop()
    let top = stack.at(-1)!
    const parent = top.list.children.at(-1)
    if (item.depth > top.depth && parent) {
      const list: List = { type: 'list', ordered: false, spread: false, children: [] }
      parent.children.push(list)
      top = { depth: item.depth, list }
      stack.push(top)
    }
    const entry: ListItem = { type: 'listItem', spread: false, children: [{ type: 'paragraph', children: [link(`#${item.anchor}`, item.text)] }] }
    top.list.children.push(entry)
  }
  return root
}
