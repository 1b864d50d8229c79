/**
 * The one Markdown processor (GitHub-flavoured) used to parse templates and
 * imported READMEs and to serialize generated syntax trees.
 */
import type { Link, Nodes, Root, RootContent } from 'mdast'
import type { Handle } from 'mdast-util-to-markdown'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import remarkStringify from 'remark-stringify'
import { unified } from 'unified'

/**
 * A link shown in square brackets, `[[Paper](url)]`. Plain text brackets
 * around a link would be escaped (`\[[Paper](url)]`); this node keeps the
 * source readable and parses back to the same text, link, text.
 */
export interface BracketedLink {
  type: 'bracketedLink'
  children: [Link]
}

declare module 'mdast' {
  interface PhrasingContentMap {
    bracketedLink: BracketedLink
  }
  interface RootContentMap {
    bracketedLink: BracketedLink
  }
}

const bracketedLink: Handle = (node: BracketedLink, _parent, state, info) => {
  const tracker = state.createTracker(info)
  let value = tracker.move('[')
  value += tracker.move(state.handle(node.children[0], node as never, state, { ...tracker.current(), before: '[', after: ']' }))
  value += tracker.move(']')
  return value
}

const processor = unified()
  .use(remarkParse)
  .use(remarkGfm, { tablePipeAlign: false })
  .use(remarkStringify, {
    bullet: '-',
    emphasis: '_',
    strong: '*',
    listItemIndent: 'one',
    rule: '-',
    fences: true,
    handlers: { bracketedLink }
  })

export function parseMarkdown(text: string): Root {
  return processor.parse(text)
}

/** Serializes blocks without a trailing newline. */
export function stringifyBlocks(children: RootContent[]): string {
  return processor.stringify({ type: 'root', children }).replace(/\n+$/, '')
}

export function text(value: string): { type: 'text'; value: string } {
  return { type: 'text', value }
}

export function link(url: string, label: string): Link {
  return { type: 'link', url, children: [text(label)] }
}

export type { Nodes }
