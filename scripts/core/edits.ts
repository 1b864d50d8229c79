/** Applying fixes: set the value at a JSON pointer (`''` is the whole file). */
import type { Edit } from './findings.ts'
import { pointerSegments } from './json-source.ts'

export function setAt(root: unknown, pointer: string, value: unknown): unknown {
  const path = pointerSegments(pointer)
  if (path.length === 0) return structuredClone(value)
  let node = root as Record<string | number, unknown>
  for (const segment of path.slice(0, -1)) node = node[segment] as Record<string | number, unknown>
  node[path.at(-1)!] = structuredClone(value)
  return root
}

/** Applies every edit in order to `root`; returns the new root. */
export function applyEdits(root: unknown, edits: readonly Edit[]): unknown {
  return edits.reduce((current, edit) => setAt(current, edit.pointer, edit.value), root)
}
