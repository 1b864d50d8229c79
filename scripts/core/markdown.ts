/**
 * The one Markdown processor (GitHub-flavoured) used to parse templates and
 * imported READMEs and to serialize generated syntax trees.
 */
import type { Link, Nodes, Parent, Root, RootContent } from 'mdast'
import type { Handle } from 'mdast-util-to-markdown'
import { gfmTableToMarkdown } from 'mdast-util-gfm-table'
import type { Processor } from 'unified'
import { fastBlock } from './fast-markdown.ts'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import remarkStringify from 'remark-stringify'
import { unified } from 'unified'

/**
 * A link shown in square brackets, `[[Paper](url)]`. Plain text brackets
 * around a link would be escaped (`\[[Paper](url)]`); this node keeps the
 * source readable and parses back to the same text, link, text.
 */
export interface BracketedLink extends Parent {
  type: 'bracketedLink'
  children: [Link]
}

/**
 * A link whose label is in square brackets, `[[ICLR 2022]](url)`: the
 * label's brackets would be escaped (`[\[ICLR 2022\]](url)`); this node
 * writes them as they are, which parses back to the same link.
 */
export interface BracketedLabel extends Parent {
  type: 'bracketedLabel'
  /** The link, its label without the brackets. */
  children: [Link]
}

declare module 'mdast' {
  interface PhrasingContentMap {
    bracketedLink: BracketedLink
    bracketedLabel: BracketedLabel
  }
  interface RootContentMap {
    bracketedLink: BracketedLink
    bracketedLabel: BracketedLabel
  }
}

const bracketedLink: Handle = (node: BracketedLink, _parent, state, info) => {
  const tracker = state.createTracker(info)
  let value = tracker.move('[')
  value += tracker.move(state.handle(node.children[0], node as never, state, { ...tracker.current(), before: '[', after: ']' }))
  value += tracker.move(']')
  return value
}

Object.assign(bracketedLink, { peek: () => '[' })

const bracketedLabel: Handle = (node: BracketedLabel, _parent, state, info) => {
  const written = state.handle(node.children[0], node as never, state, info)
  // `[label](url)` → `[[label]](url)`: the label ends at the first `](` not escaped.
  return `[${written.replace(/^\[((?:\\.|[^\]\\])*)\]\(/s, '[$1]](')}`
}

Object.assign(bracketedLabel, { peek: () => '[' })

/**
 * Square brackets around a link or inside its label, as lists write them
 * (`[[Paper](url)]`, `[[4 Sep 2022]](url)`), kept as written rather than
 * escaped: the nodes that write them so replace the text and link nodes a
 * parse gives. In place; recursive.
 */
export function keepBrackets<T extends { children?: unknown[] }>(parent: T): T {
  const children = parent.children as Nodes[] | undefined
  if (!children) return parent
  for (let index = 0; index < children.length; index++) {
    const node = children[index]!
    if ('children' in node) keepBrackets(node as { children?: unknown[] })
    if (node.type !== 'link' || node.title) continue
    const only = node.children.length === 1 ? node.children[0] : undefined
    const inner = only?.type === 'text' ? /^\[([^[\]]+)\]$/.exec(only.value)?.[1] : undefined
    if (inner !== undefined) {
      children[index] = { type: 'bracketedLabel', children: [{ ...node, children: [{ type: 'text', value: inner }] }] }
      continue
    }
    const before = children[index - 1]
    const after = children[index + 1]
    if (before?.type !== 'text' || after?.type !== 'text' || !before.value.endsWith('[') || !after.value.startsWith(']')) continue
    before.value = before.value.slice(0, -1)
    after.value = after.value.slice(1)
    children[index] = { type: 'bracketedLink', children: [node] }
    if (after.value === '') children.splice(index + 1, 1)
    if (before.value === '') {
      children.splice(index - 1, 1)
      index--
    }
  }
  return parent
}

/** How generated Markdown writes what has several spellings: list bullets, emphasis. */
export interface MarkdownStyle {
  bullet?: '-' | '*' | '+'
  emphasis?: '_' | '*'
}

/**
 * Tables are written by mdast-util-gfm-table, configured here: rows with
 * unaligned pipes (`| a | b |`), which keep a one-line change a one-line
 * diff. Registered after remark-gfm, so these handlers are the ones used.
 */
function gfmTables(this: Processor) {
  const data = this.data()
  ;(data.toMarkdownExtensions ??= []).push(gfmTableToMarkdown({ tablePipeAlign: false }))
}

function processorFor(style: MarkdownStyle = {}) {
  return unified()
    .use(remarkParse)
    .use(remarkGfm)
    .use(gfmTables)
    .use(remarkStringify, {
      bullet: style.bullet ?? '-',
      emphasis: style.emphasis ?? '_',
      strong: '*',
      listItemIndent: 'one',
      rule: '-',
      fences: true,
      handlers: { bracketedLink, bracketedLabel }
    })
}

const processor = processorFor()
const styled = new Map<string, ReturnType<typeof processorFor>>()

export function parseMarkdown(text: string): Root {
  return processor.parse(text)
}

/**
 * Serializes blocks without a trailing newline, exactly as remark-stringify
 * does. Plain headings, paragraphs and tables take the shortcut in
 * `fast-markdown.ts`; runs of other blocks go through the library together
 * (so it still joins lists and code as it does). Blocks at the top level are
 * always separated by one blank line next to a heading, paragraph or table.
 */
export function stringifyBlocks(children: RootContent[], options: { shortcut?: boolean; style?: MarkdownStyle } = {}): string {
  // The shortcut writes the default markers only (with `*` the library also picks `_` where markers would touch).
  if (options.shortcut === false || (options.style?.emphasis ?? '_') !== '_') return library(children, options.style)
  const parts: string[] = []
  let pending: RootContent[] = []
  for (const node of children) {
    const fast = fastBlock(node)
    if (fast === undefined) {
      pending.push(node)
      continue
    }
    if (pending.length > 0) parts.push(library(pending, options.style))
    pending = []
    parts.push(fast)
  }
  if (pending.length > 0) parts.push(library(pending, options.style))
  return parts.join('\n\n')
}

function library(children: RootContent[], style: MarkdownStyle = {}): string {
  const key = `${style.bullet ?? '-'}${style.emphasis ?? '_'}`
  let chosen = key === '-_' ? processor : styled.get(key)
  if (!chosen) styled.set(key, (chosen = processorFor(style)))
  return chosen.stringify({ type: 'root', children }).replace(/\n+$/, '')
}

/**
 * Text that comes from the data: an `@` before a name gets a word joiner
 * (U+2060, invisible), so an address in a title is not turned into a
 * `mailto:` link by GitHub's autolinking; `import` takes the joiner out.
 */
export function dataText(value: string): { type: 'text'; value: string } {
  return textNode(value.replace(/@(?=[\w.+-])/g, '@\u2060'))
}

/** Data text as it was, from text `dataText` wrote. */
export function fromDataText(value: string): string {
  return value.replace(/@\u2060/g, '@')
}

export function textNode(value: string): { type: 'text'; value: string } {
  return { type: 'text', value }
}

/** Text whose `backticked` parts are code, as finding messages are written. */
export function textWithCode(value: string): Array<{ type: 'text'; value: string } | { type: 'inlineCode'; value: string }> {
  return value
    .split(/(`[^`]+`)/)
    .filter((part) => part !== '')
    .map((part) => (part.length > 2 && part.startsWith('`') && part.endsWith('`') ? { type: 'inlineCode' as const, value: part.slice(1, -1) } : textNode(part)))
}

export function linkNode(url: string, label: string): Link {
  return { type: 'link', url, children: [textNode(label)] }
}

export type { Nodes }
