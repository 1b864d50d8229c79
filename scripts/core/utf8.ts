/**
 * Strict UTF-8: bytes that are not UTF-8 are an error with their place, not
 * characters silently replaced by U+FFFD (which `fix` would then write back,
 * losing the original bytes without a word). Pure.
 */

/** The offset of the first byte that is not part of valid UTF-8, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let index = 0
  while (index < bytes.length) {
    const byte = bytes[index]!
    if (byte < 0x80) {
      index++
      continue
    }
    // Lead byte: its length and the range its first continuation byte must be in (no overlongs, no surrogates, ≤ U+10FFFF).
    let length: number
    let low = 0x80
    let high = 0xbf
    if (byte >= 0xc2 && byte <= 0xdf) length = 2
    else if (byte >= 0xe0 && byte <= 0xef) {
      length = 3
      if (byte === 0xe0) low = 0xa0
      if (byte === 0xed) high = 0x9f
    } else if (byte >= 0xf0 && byte <= 0xf4) {
      length = 4
      if (byte === 0xf0) low = 0x90
      if (byte === 0xf4) high = 0x8f
    } else return index
    for (let next = 1; next < length; next++) {
      const continuation = bytes[index + next]
      if (continuation === undefined) return index
      if (next === 1 ? continuation < low || continuation > high : continuation < 0x80 || continuation > 0xbf) return index
    }
    index += length
  }
  return -1
}

/** Line and column (1-based, in characters) of a byte offset of valid UTF-8 before it. */
export function bytePosition(bytes: Uint8Array, offset: number): { line: number; column: number } {
  const before = new TextDecoder('utf-8').decode(bytes.subarray(0, offset))
  const lines = before.split('\n')
  return { line: lines.length, column: [...lines.at(-1)!].length + 1 }
}
