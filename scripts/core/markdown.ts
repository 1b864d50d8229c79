/**
 * The one Markdown processor (GitHub-flavoured) used to parse templates and
 * imported READMEs and to serialize generated syntax trees.
 */
import type { Link, Nodes, Parent, Root, RootContent } from 'mdast'
import { defaultHandlers, type Handle } from 'mdast-util-to-markdown'
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

/**
 * Escaping every text node through all of mdast-util-to-markdown's unsafe
 * patterns dominates generation time. Most titles, names and dates contain
 * none of the characters those patterns look at, so they are returned as
 * they are; anything else takes the library's full path.
 */
const anywhereUnsafe = /[\r\n\t[\]<>`~|_*&\\!\u007F@"]|[Ww]\.([-.\w]|$)|[ps]:(\/|$)/
const lineStartUnsafe = /^(?:[-+#=>:(.]|\d+[.)]|\d+$)/

const text: Handle = (node: { value: string }, _parent, state, info) => {
  const value = node.value
  const atLineStart = !info.before || /[\s|]$/.test(info.before)
  const atLineEnd = !info.after || /^[\r\n]/.test(info.after)
  if (
    value.length > 0 &&
    !(atLineStart && value.charCodeAt(0) === 32) &&
    !(atLineEnd && value.charCodeAt(value.length - 1) === 32) &&
    !anywhereUnsafe.test(value) &&
    !(atLineStart ? lineStartUnsafe : /^[(.:]/).test(value)
  ) {
    return value
  }
  return state.safe(value, info)
}

Object.assign(bracketedLink, { peek: () => '[' })

/** URL characters that no unsafe pattern looks at inside a link destination. */
const plainUrl = /^[A-Za-z][A-Za-z0-9+.-]*:[A-Za-z0-9\-._~:/?#$'+,;=%&]*$/

/**
 * The common link, `[label](plain-url)` without a title, serialized as the
 * library would without escaping its URL character by character; everything
 * else goes to the library's own handler.
 */
const link: Handle = (node: Link, parent, state, info) => {
  const only = node.children.length === 1 ? node.children[0] : undefined
  const autolinkLike = only?.type === 'text' && (only.value === node.url || `mailto:${only.value}` === node.url)
  // `&` is escaped by the library only where it could start a character reference.
  const reference = node.url.includes('&') && /&(#[0-9]+|#x[0-9a-f]+|[a-z][a-z0-9]*);/i.test(node.url)
  if (node.title || autolinkLike || reference || !plainUrl.test(node.url)) return defaultHandlers.link(node, parent, state, info)
  const exit = state.enter('link')
  const exitLabel = state.enter('label')
  const tracker = state.createTracker(info)
  let value = tracker.move('[')
  value += tracker.move(state.containerPhrasing(node, { before: value, after: '](', ...tracker.current() }))
  exitLabel()
  value += tracker.move(`](${node.url})`)
  exit()
  return value
}
Object.assign(link, { peek: (defaultHandlers.link as Handle & { peek: Handle }).peek })

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
    handlers: { bracketedLink, link, text }
  })

export function parseMarkdown(text: string): Root {
  return processor.parse(text)
}

/** Serializes blocks without a trailing newline. */
export function stringifyBlocks(children: RootContent[]): string {
  return processor.stringify({ type: 'root', children }).replace(/\n+$/, '')
}

export function textNode(value: string): { type: 'text'; value: string } {
  return { type: 'text', value }
}

export function linkNode(url: string, label: string): Link {
  return { type: 'link', url, children: [textNode(label)] }
}

export type { Nodes }
