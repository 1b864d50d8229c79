/** Keys given twice in one object: `JSON.parse` keeps the last silently, so the first is lost. */
import type { Node } from 'jsonc-parser'
import type { Finding } from '../core/findings.ts'
import { pointerOf, type JsonDocument } from '../core/json-source.ts'

export function duplicateKeyFindings(document: JsonDocument): Finding[] {
  const findings: Finding[] = []
  const walk = (node: Node, path: Array<string | number>) => {
    if (node.type === 'object') {
      const seen = new Map<string, number>()
      for (const property of node.children ?? []) {
        const [keyNode, valueNode] = property.children ?? []
        if (!keyNode) continue
        const key = String(keyNode.value)
        const first = seen.get(key)
        if (first !== undefined) {
          const { line, column } = document.position(keyNode.offset)
          findings.push({
            ruleId: 'json/duplicate-key',
            severity: 'error',
            file: document.file,
            line,
            column,
            pointer: pointerOf([...path, key]),
            message: `Unexpected second \`"${key}"\` in one object, the first is at line ${document.position(first).line}; JSON keeps only the last`,
            hint: 'merge the two values into one key'
          })
        } else seen.set(key, keyNode.offset)
        if (valueNode) walk(valueNode, [...path, key])
      }
    } else if (node.type === 'array') {
      node.children?.forEach((child, index) => walk(child, [...path, index]))
    }
  }
  const root = document.tree()
  if (root) walk(root, [])
  return findings
}
