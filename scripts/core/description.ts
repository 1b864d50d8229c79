/**
 * What a category's description may hold: paragraphs of inline Markdown,
 * that is text, emphasis, strong, strikethrough, inline code, line breaks and
 * links to http(s) pages. Anything else (HTML and comments, headings, lists,
 * tables, quotes, code blocks, images, link definitions and references,
 * links to `javascript:` or `data:`) is a problem for lint, and shown as
 * literal text when rendered: one line of a description can never hide the
 * rest of a README, run a script or add a heading. Pure.
 */
import type { Nodes, PhrasingContent, Root, RootContent } from 'mdast'
import { parseMarkdown, textNode } from './markdown.ts'

const inline = new Set(['text', 'emphasis', 'strong', 'delete', 'inlineCode', 'break', 'link'])

export interface DescriptionProblem {
  /** What was found, in words: `HTML comment`, `link to javascript:`. */
  what: string
  /** Where in the description it starts (0-based). */
  offset: number
}

const names: Record<string, string> = {
  html: 'HTML',
  heading: 'heading',
  list: 'list',
  table: 'table',
  blockquote: 'quote',
  code: 'code block',
  thematicBreak: 'horizontal rule',
  image: 'image',
  imageReference: 'image reference',
  linkReference: 'link reference',
  definition: 'link definition',
  footnoteReference: 'footnote',
  footnoteDefinition: 'footnote'
}

/**
 * Every construct of `text` a description may not hold. `cell: true` is the
 * rule for an entry's extra fields, which table cells show: images from
 * http(s) addresses (badges) and `<br>` allowed too.
 */
export function descriptionProblems(text: string, options: { cell?: boolean } = {}): DescriptionProblem[] {
  const problems: DescriptionProblem[] = []
  const visit = (node: Nodes, block: boolean) => {
    const offset = node.position?.start.offset ?? 0
    if (node.type === 'root') return node.children.forEach((child) => visit(child, true))
    if (block && node.type === 'paragraph') return node.children.forEach((child) => visit(child, false))
    if (!block && options.cell && node.type === 'image' && isWebUrl(node.url)) return
    if (!block && options.cell && node.type === 'html' && /^<br\s*\/?>$/i.test(node.value.trim())) return
    if (!block && inline.has(node.type)) {
      if (node.type === 'link' && !isWebUrl(node.url)) problems.push({ what: `link to \`${scheme(node.url)}\``, offset })
      if ('children' in node) node.children.forEach((child) => visit(child as Nodes, false))
      return
    }
    problems.push({ what: node.type === 'html' ? (node.value.startsWith('<!--') ? 'HTML comment' : 'HTML') : (names[node.type] ?? `\`${node.type}\``), offset })
  }
  visit(parseMarkdown(text), true)
  return problems
}

/**
 * The description as blocks safe to render: what it may hold as Markdown,
 * everything else as the literal text it was written as (on one line, so it
 * cannot start a construct of its own).
 */
export function safeDescription(written: string): RootContent[] {
  // One kind of line ending: a lone carriage return would reach the output as a control character.
  const text = written.replace(/\r\n?/g, '\n')
  const root: Root = parseMarkdown(text)
  const literal = (node: Nodes): PhrasingContent => textNode(text.slice(node.position?.start.offset ?? 0, node.position?.end.offset ?? 0).replace(/\s+/g, ' '))
  const phrasing = (node: PhrasingContent): PhrasingContent => {
    if (!inline.has(node.type)) return literal(node)
    if (node.type === 'link' && !isWebUrl(node.url)) return literal(node)
    if ('children' in node) return { ...node, children: node.children.map((child) => phrasing(child as PhrasingContent)) } as PhrasingContent
    return node
  }
  return root.children.map((block): RootContent => (block.type === 'paragraph' ? { type: 'paragraph', children: block.children.map(phrasing) } : { type: 'paragraph', children: [literal(block)] }))
}

function isWebUrl(url: string): boolean {
  return /^https?:\/\/[^\s]+$/i.test(url)
}

function scheme(url: string): string {
  return /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase().concat(':') ?? url.slice(0, 20)
}
