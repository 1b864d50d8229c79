/**
 * Splits a paragraph into its visual lines: at hard breaks (`\` or two
 * spaces) and at soft line breaks inside text, which a line missing its
 * trailing `\` leaves behind.
 */
import type { Paragraph, PhrasingContent } from 'mdast'

export interface Line {
  nodes: PhrasingContent[]
  /** Source line number. */
  line: number
  /** Whether the line ended in a soft break: its `\` is missing. */
  soft: boolean
}

export function paragraphLines(paragraph: Paragraph): Line[] {
  const lines: Line[] = []
  let current: PhrasingContent[] = []
  let line = paragraph.position?.start.line ?? 1
  let start = line
  const end = (soft: boolean) => {
    lines.push({ nodes: trimLine(current), line: start, soft })
    current = []
  }
  for (const node of paragraph.children) {
    if (node.type === 'break') {
      end(false)
      line = (node.position?.end.line ?? line + 1)
      start = line
      continue
    }
    if (node.type === 'text' && node.value.includes('\n')) {
      const parts = node.value.split('\n')
      let nodeLine = node.position?.start.line ?? line
      parts.forEach((part, index) => {
        if (index > 0) {
          end(true)
          nodeLine++
          start = nodeLine
        }
        if (part !== '') current.push({ type: 'text', value: part })
      })
      line = nodeLine
      continue
    }
    current.push(node)
  }
  end(false)
  return lines.filter((item, index) => item.nodes.length > 0 || index < lines.length - 1)
}

/** Drops whitespace-only text at both ends of a line and trims the outer text. */
function trimLine(nodes: PhrasingContent[]): PhrasingContent[] {
  const result = [...nodes]
  while (result[0]?.type === 'text' && result[0].value.trim() === '') result.shift()
  while (result.at(-1)?.type === 'text' && (result.at(-1) as { value: string }).value.trim() === '') result.pop()
  const first = result[0]
  if (first?.type === 'text') result[0] = { type: 'text', value: first.value.trimStart() }
  const last = result.at(-1)
  if (last?.type === 'text') result[result.length - 1] = { type: 'text', value: last.value.trimEnd() }
  return result
}

/** The line's only node, when it has exactly one. */
export function only(line: Line | undefined): PhrasingContent | undefined {
  return line && line.nodes.length === 1 ? line.nodes[0] : undefined
}
