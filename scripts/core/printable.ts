/**
 * Characters that must not reach a README or a terminal from the data:
 * C0 controls (NUL, ESC, ...), DEL, C1 controls, the bidirectional overrides
 * and isolates that make text read other than it is, and lone surrogates.
 * `printable` shows them as `\u{1b}` instead, so no value can start a line,
 * move the cursor, color a terminal or open a GitHub Actions command.
 */

// Tab, line feed and carriage return are whitespace, the whitespace rule's; here they are only made visible.
export const controlCharacters = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g

const c0 = ['NUL', 'SOH', 'STX', 'ETX', 'EOT', 'ENQ', 'ACK', 'BEL', 'BS', 'HT', 'LF', 'VT', 'FF', 'CR', 'SO', 'SI', 'DLE', 'DC1', 'DC2', 'DC3', 'DC4', 'NAK', 'SYN', 'ETB', 'CAN', 'EM', 'SUB', 'ESC', 'FS', 'GS', 'RS', 'US']
const bidi: Record<number, string> = { 0x202a: 'LRE', 0x202b: 'RLE', 0x202c: 'PDF', 0x202d: 'LRO', 0x202e: 'RLO', 0x2066: 'LRI', 0x2067: 'RLI', 0x2068: 'FSI', 0x2069: 'PDI' }

/** `U+001B (ESC)`, `U+202E (RLO, a bidirectional override)`. */
export function characterName(character: string): string {
  const code = character.charCodeAt(0)
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`
  if (code < 0x20) return `${hex} (${c0[code]})`
  if (code === 0x7f) return `${hex} (DEL)`
  if (code >= 0x80 && code <= 0x9f) return `${hex} (a C1 control)`
  if (bidi[code]) return `${hex} (${bidi[code]}, a bidirectional control)`
  return `${hex} (a lone surrogate)`
}

/** Text safe to print on one line: controls, line breaks and tabs written as escapes. */
export function printable(text: string): string {
  return text.replace(/[\t\n\r]/g, (character) => ({ '\t': '\\t', '\n': '\\n', '\r': '\\r' })[character]!).replace(controlCharacters, (character) => `\\u{${character.charCodeAt(0).toString(16)}}`)
}
