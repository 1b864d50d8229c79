/**
 * How a list writes what Markdown lets it write several ways: its bullets
 * (`-`, `*`, `+`) and its emphasis (`_x_`, `*x*`), read from the source of
 * its entry blocks, so regenerating keeps them. Pure.
 */
import type { Nodes, RootContent } from 'mdast'
import { mostCommon } from './most-common.ts'

export interface ReadStyle {
  bullet?: '-' | '*' | '+'
  emphasis?: '_' | '*'
}

export function readStyle(blocks: readonly RootContent[], source: string): ReadStyle {
  const bullets: string[] = []
  const emphasis: string[] = []
  const visit = (node: Nodes) => {
    const at = node.position?.start.offset
    if (node.type === 'listItem' && at !== undefined && /^[-*+]$/.test(source[at] ?? '')) bullets.push(source[at]!)
    if (node.type === 'emphasis' && at !== undefined && /^[_*]$/.test(source[at] ?? '')) emphasis.push(source[at]!)
    if ('children' in node) for (const child of node.children) visit(child as Nodes)
  }
  for (const block of blocks) visit(block)
  const style: ReadStyle = {}
  const bullet = mostCommon(bullets)
  if (bullet !== undefined && bullet !== '-') style.bullet = bullet as ReadStyle['bullet']
  const marker = mostCommon(emphasis)
  if (marker !== undefined && marker !== '_') style.emphasis = marker as ReadStyle['emphasis']
  return style
}
