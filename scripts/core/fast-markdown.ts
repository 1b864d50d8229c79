/**
 * A shortcut through remark-stringify for the blocks generation produces by
 * the thousand: headings, entry paragraphs and table rows whose text holds no
 * character that Markdown could read as syntax. For those, the library's
 * output is fixed (markers `_` and `**`, `\` line breaks, `[label](url)`
 * links, `| a | b |` rows) and is written out directly; any block with
 * anything else returns `undefined` and goes through the library.
 *
 * It must give exactly the library's bytes: `tests/fast-markdown.test.ts`
 * serializes real lists and a randomized corpus both ways and compares.
 */
import type { Heading, Link, Paragraph, PhrasingContent, RootContent, Table } from 'mdast'
import type { BracketedLink } from './markdown.ts'

/** Characters some unsafe pattern of mdast-util-to-markdown (or GFM) matches wherever they are. */
const syntax = /[\r\n\t[\]<>`~|_*&\\!\u007F@"]|[Ww]\.([-.\w]|$)|[ps]:(\/|$)|^\(/
/** What starts a block construct at the start of a line: a list, heading, quote, setext underline. */
const blockStart = /^(?:[-+#=>:(.]|\d+[.)])/
const word = /^[\p{L}\p{N}]$/u
const plainUrl = /^https?:\/\/[A-Za-z0-9\-._~:/?#$'+,;=%&]*$/
/** The library escapes `&` before a letter or `#` in a URL, as it could start a character reference. */
const characterReference = /&[#A-Za-z]/

/** Text the library writes unchanged where it stands. */
function plainText(value: string, lineStart: boolean, lineEnd: boolean): boolean {
  if (value.length === 0 || syntax.test(value)) return false
  if (lineStart && (value.charCodeAt(0) === 32 || blockStart.test(value))) return false
  if (lineEnd && value.charCodeAt(value.length - 1) === 32) return false
  return true
}

function plainLink(link: Link): string | undefined {
  const [label] = link.children
  if (link.title || link.children.length !== 1 || label?.type !== 'text') return undefined
  if (!plainUrl.test(link.url) || characterReference.test(link.url)) return undefined
  if (label.value === link.url || `mailto:${label.value}` === link.url) return undefined
  if (!plainText(label.value, true, true) || !word.test(label.value.charAt(0)) || !word.test(label.value.charAt(label.value.length - 1))) return undefined
  return `[${label.value}](${link.url})`
}

/**
 * Emphasis (`_`) or strong (`**`) whose content starts and ends with a letter
 * or digit, or with the other kind of attention; text inside may hold spaces
 * and `.:-()` but touches nested attention only through a space.
 */
function attention(node: PhrasingContent, outer?: 'emphasis' | 'strong'): string | undefined {
  if (node.type !== 'emphasis' && node.type !== 'strong') return undefined
  if (node.type === outer) return undefined
  const marker = node.type === 'emphasis' ? '_' : '**'
  const children = node.children
  if (children.length === 0) return undefined
  let out = ''
  for (let index = 0; index < children.length; index++) {
    const child = children[index]!
    if (child.type === 'text') {
      const value = child.value
      if (!plainText(value, false, false)) return undefined
      // Next to a marker: a letter or digit at the edges, a space next to nested attention.
      if (index === 0 ? !word.test(value.charAt(0)) : value.charCodeAt(0) !== 32) return undefined
      if (index === children.length - 1 ? !word.test(value.charAt(value.length - 1)) : value.charCodeAt(value.length - 1) !== 32) return undefined
      out += value
    } else {
      const nested = attention(child, node.type)
      if (nested === undefined) return undefined
      out += nested
    }
  }
  return marker + out + marker
}

function phrasing(children: readonly PhrasingContent[]): string | undefined {
  let out = ''
  for (let index = 0; index < children.length; index++) {
    const child = children[index]!
    const previous = children[index - 1]
    const next = children[index + 1]
    const lineStart = previous === undefined || previous.type === 'break'
    const lineEnd = next === undefined || next.type === 'break'
    switch (child.type) {
      case 'break':
        if (lineStart || lineEnd) return undefined
        out += '\\\n'
        break
      case 'text':
        if (!plainText(child.value, lineStart, lineEnd)) return undefined
        out += child.value
        break
      case 'emphasis':
      case 'strong':
      case 'bracketedLink':
      case 'link': {
        // Attention and links touch the outside only at a line's edge or through a space.
        if (!lineStart && !(previous?.type === 'text' && previous.value.endsWith(' '))) return undefined
        if (!lineEnd && !(next?.type === 'text' && next.value.startsWith(' '))) return undefined
        const value =
          child.type === 'link' ? plainLink(child) : child.type === 'bracketedLink' ? bracketed(child) : attention(child)
        if (value === undefined) return undefined
        out += value
        break
      }
      default:
        return undefined
    }
  }
  return out.length > 0 ? out : undefined
}

function bracketed(node: BracketedLink): string | undefined {
  const value = plainLink(node.children[0])
  return value === undefined ? undefined : `[${value}]`
}

function heading(node: Heading): string | undefined {
  const [only] = node.children
  if (node.children.length !== 1 || only?.type !== 'text') return undefined
  if (!plainText(only.value, true, true) || !word.test(only.value.charAt(0)) || !word.test(only.value.charAt(only.value.length - 1))) return undefined
  return `${'#'.repeat(node.depth)} ${only.value}`
}

function table(node: Table): string | undefined {
  if (node.align?.some((align) => align !== null)) return undefined
  const rows: string[] = []
  let columns = -1
  for (const row of node.children) {
    if (columns === -1) columns = row.children.length
    if (row.children.length !== columns) return undefined
    const cells: string[] = []
    for (const cell of row.children) {
      const value = phrasing(cell.children)
      if (value === undefined) return undefined
      cells.push(value)
    }
    rows.push(`| ${cells.join(' | ')} |`)
    if (rows.length === 1) rows.push(`| ${Array.from({ length: columns }, () => '-').join(' | ')} |`)
  }
  return rows.length > 0 ? rows.join('\n') : undefined
}

/** The block as remark-stringify would write it at the document's top level, or `undefined`. */
export function fastBlock(node: RootContent): string | undefined {
  switch (node.type) {
    case 'heading':
      return heading(node)
    case 'paragraph':
      return phrasing((node as Paragraph).children)
    case 'table':
      return table(node)
    default:
      return undefined
  }
}
