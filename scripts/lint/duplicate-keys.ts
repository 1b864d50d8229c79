/** Keys given twice in one object: `JSON.parse` keeps the last silently, so the first is lost. */
import { visit } from 'jsonc-parser'
import type { Finding } from '../core/findings.ts'
import { pointerOf, type JsonDocument } from '../core/json-source.ts'

type Frame = { kind: 'object'; keys: Map<string, number>; key?: string } | { kind: 'array'; index: number }

/**
 * Walks the text with jsonc-parser's event API, much cheaper than building
 * its tree, keeping for each open object the keys seen and where.
 */
export function duplicateKeyFindings(document: JsonDocument): Finding[] {
  const findings: Finding[] = []
  const frames: Frame[] = []
  const nextElement = () => {
    const top = frames.at(-1)
    if (top?.kind === 'array') top.index++
  }
  visit(
    document.text,
    {
      onObjectBegin() {
        nextElement()
        frames.push({ kind: 'object', keys: new Map() })
      },
      onObjectProperty(key, offset) {
        const top = frames.at(-1) as Extract<Frame, { kind: 'object' }>
        top.key = key
        const first = top.keys.get(key)
        if (first === undefined) {
          top.keys.set(key, offset)
          return
        }
        const { line, column } = document.position(offset)
        findings.push({
          ruleId: 'json/duplicate-key',
          severity: 'error',
          file: document.file,
          line,
          column,
          pointer: pointerOf(frames.map((frame) => (frame.kind === 'object' ? frame.key! : frame.index))),
          message: `Unexpected second \`"${key}"\` in one object, the first is at line ${document.position(first).line}; JSON keeps only the last`,
          hint: 'merge the two values into one key'
        })
      },
      onObjectEnd: () => void frames.pop(),
      onArrayBegin() {
        nextElement()
        frames.push({ kind: 'array', index: -1 })
      },
      onArrayEnd: () => void frames.pop(),
      onLiteralValue: nextElement
    },
    { disallowComments: true }
  )
  return findings
}
