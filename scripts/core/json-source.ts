/**
 * Reads JSON while keeping the way back to the source: every JSON pointer can
 * be turned into a line and column. The fast path is `JSON.parse`; the
 * position-keeping parse (jsonc-parser) runs only when a position is needed.
 */
import { findNodeAtLocation, parseTree, printParseErrorCode, visit, type Node, type ParseError } from 'jsonc-parser'
import { FindingsError } from './errors.ts'
import type { Finding } from './findings.ts'
import { lineIndex, type LineIndex } from './positions.ts'
import { characterName, controlCharacters } from './printable.ts'

export interface Position {
  line: number
  column: number
}

export interface JsonDocument {
  file: string
  text: string
  value: unknown
  /** Position of the value at `pointer`, or of its nearest existing parent. */
  locate(pointer: string): Position
  /** Positions of many pointers in one pass over the text, without building the tree (for large files). */
  locateMany(pointers: Iterable<string>): Map<string, Position>
  /** Position of a string offset. */
  position(offset: number): Position
  /** The syntax tree with offsets (jsonc-parser), built on first use. */
  tree(): Node | undefined
}

/** Parses `text`; throws a `FindingsError` with one positioned finding when it is not JSON. */
export function parseJsonDocument(rawText: string, file: string): JsonDocument {
  // A BOM is not part of the JSON text; an editor adds it, JSON.parse refuses it.
  const text = rawText.charCodeAt(0) === 0xfeff ? rawText.slice(1) : rawText
  // Nesting deeper than any papers.json needs would overflow the parsers' and validator's stacks: refuse it first.
  const deep = tooDeep(text)
  if (deep) throw new FindingsError([{ ruleId: 'json/syntax', severity: 'error', file, ...lineIndex(text).position(deep.offset), message: `Unexpected nesting more than ${maxDepth} levels deep, expected the few levels papers.json has`, hint: 'remove the extra brackets' }], `${file} is not a papers.json`)
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    throw new FindingsError([syntaxFinding(text, file)], `${file} is not valid JSON`)
  }
  let tree: Node | undefined
  let lines: LineIndex | undefined
  const document: JsonDocument = {
    file,
    text,
    value,
    tree() {
      tree ??= parseTree(text, [], { disallowComments: true })
      return tree
    },
    position(offset) {
      lines ??= lineIndex(text)
      return lines.position(offset)
    },
    locateMany(pointers) {
      const wanted = new Set(pointers)
      const offsets = offsetsOf(text, wanted)
      const positions = new Map<string, Position>()
      for (const pointer of wanted) {
        // The nearest existing parent stands in for a value that is not there (a missing field).
        let at = pointer
        while (!offsets.has(at) && at !== '') at = at.slice(0, at.lastIndexOf('/'))
        positions.set(pointer, offsets.has(at) ? document.position(offsets.get(at)!) : { line: 1, column: 1 })
      }
      return positions
    },
    locate(pointer) {
      const root = document.tree()
      if (!root) return { line: 1, column: 1 }
      const path = pointerSegments(pointer)
      for (let length = path.length; length >= 0; length--) {
        const node = findNodeAtLocation(root, path.slice(0, length))
        if (node) return document.position(node.parent?.type === 'property' ? node.parent.offset : node.offset)
      }
      return { line: 1, column: 1 }
    }
  }
  return document
}

/**
 * Offsets of the wanted pointers and of all their ancestors, in one walk of
 * jsonc-parser's events: a property's offset is its key's, an array item's
 * its own (as `locate` gives them).
 */
function offsetsOf(text: string, wanted: ReadonlySet<string>): Map<string, number> {
  const needed = new Set<string>([''])
  for (const pointer of wanted) for (let at = pointer; at !== ''; at = at.slice(0, at.lastIndexOf('/'))) needed.add(at)
  const offsets = new Map<string, number>([['', 0]])
  // The path of the value being read: each frame its container's pointer and, in an array, the next index.
  const frames: Array<{ pointer: string; index: number; array: boolean; key?: string }> = []
  const escape = (segment: string) => segment.replace(/~/g, '~0').replace(/\//g, '~1')
  const item = (offset: number): string | undefined => {
    const top = frames.at(-1)
    if (!top) return ''
    if (!top.array) return top.key === undefined ? undefined : `${top.pointer}/${escape(top.key)}`
    const pointer = `${top.pointer}/${top.index++}`
    if (needed.has(pointer)) offsets.set(pointer, offset)
    return pointer
  }
  visit(text, {
    onObjectBegin: (offset) => void frames.push({ pointer: item(offset) ?? '', index: 0, array: false }),
    onObjectEnd: () => void frames.pop(),
    onArrayBegin: (offset) => void frames.push({ pointer: item(offset) ?? '', index: 0, array: true }),
    onArrayEnd: () => void frames.pop(),
    onObjectProperty: (property, offset) => {
      const top = frames.at(-1)!
      top.key = property
      const pointer = `${top.pointer}/${escape(property)}`
      if (needed.has(pointer)) offsets.set(pointer, offset)
    },
    onLiteralValue: (_value, offset) => void item(offset)
  }, { disallowComments: true })
  return offsets
}

/** `/entries/3/title` → `['entries', 3, 'title']`. */
export function pointerSegments(pointer: string): Array<string | number> {
  if (pointer === '') return []
  return pointer
    .slice(1)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((segment) => (/^(0|[1-9][0-9]*)$/.test(segment) ? Number(segment) : segment))
}

export function pointerOf(segments: ReadonlyArray<string | number>): string {
  return segments.map((segment) => '/' + String(segment).replace(/~/g, '~0').replace(/\//g, '~1')).join('')
}

function syntaxFinding(text: string, file: string): Finding {
  const errors: ParseError[] = []
  parseTree(text, errors, { disallowComments: true, allowTrailingComma: false })
  const first = errors[0]
  let offset = first ? first.offset : text.length
  // A control character inside a string is reported at the string; the character is the place to fix.
  if (first && printParseErrorCode(first.error) === 'InvalidCharacter') {
    const inside = text.slice(offset, offset + first.length).search(/[\u0000-\u001f]/)
    if (inside !== -1) offset += inside
  }
  // An unterminated string is reported where it starts; the line break that ended it is the place to fix.
  if (first && printParseErrorCode(first.error) === 'UnexpectedEndOfString') {
    const lineBreak = text.slice(offset).search(/[\r\n]/)
    if (lineBreak !== -1) offset += lineBreak
  }
  const { line, column } = lineIndex(text).position(offset)
  const code = first ? printParseErrorCode(first.error) : 'InvalidJSON'
  return {
    ruleId: 'json/syntax',
    severity: 'error',
    file,
    line,
    column,
    message: `Unexpected ${describeAt(text, offset)}, invalid JSON (${code})`,
    hint: syntaxHint(text, offset, code)
  }
}

/** The deepest a papers.json is nested is about 8; 64 leaves room for any hand-made structure. */
const maxDepth = 64

/** Where nesting first goes past `maxDepth`, brackets inside strings not counted. */
function tooDeep(text: string): { offset: number } | undefined {
  let depth = 0
  let inString = false
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index)
    if (inString) {
      if (code === 0x5c) index++
      else if (code === 0x22) inString = false
    } else if (code === 0x22) inString = true
    else if (code === 0x5b || code === 0x7b) {
      if (++depth > maxDepth) return { offset: index }
    } else if (code === 0x5d || code === 0x7d) depth--
  }
  return undefined
}

function describeAt(text: string, offset: number): string {
  if (offset >= text.length) return 'end of file'
  const character = String.fromCodePoint(text.codePointAt(offset)!)
  if (character === '\n' || character === '\r') return 'line break'
  controlCharacters.lastIndex = 0
  if (controlCharacters.test(character) || /\s/.test(character)) return `character ${characterName(character)}`
  return `\`${character}\``
}

function syntaxHint(text: string, offset: number, code: string): string {
  const before = text.slice(0, offset).trimEnd()
  const here = text[offset]
  if (before.endsWith(',') && (here === '}' || here === ']')) return 'remove the trailing comma before it'
  if (code === 'UnexpectedEndOfString') {
    return 'close the string with `"`; a line break inside a string must be written `\\n`'
  }
  if (code === 'InvalidEscapeCharacter') return 'write a backslash inside a string as `\\\\`'
  if (code === 'InvalidCharacter') return 'remove it; a string holds no control characters'
  if (code === 'CommaExpected') return 'add a `,` between the two items, or close the bracket'
  if (code === 'PropertyNameExpected') return 'property names need double quotes: `"name": value`'
  if (code === 'InvalidCommentToken' || code === 'InvalidSymbol') {
    return 'JSON has no comments and strings need double quotes'
  }
  if (code === 'CloseBraceExpected' || code === 'CloseBracketExpected' || offset >= text.length) {
    return 'a `}` or `]` is missing'
  }
  return 'fix the JSON syntax at this position'
}
