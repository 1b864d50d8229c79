/** Maps string offsets to 1-based line and column numbers. */
export interface LineIndex {
  position(offset: number): { line: number; column: number }
}

export function lineIndex(text: string): LineIndex {
  const starts = [0]
  for (let index = 0; index < text.length; index++) {
    if (text.charCodeAt(index) === 10) starts.push(index + 1)
  }
  return {
    position(offset) {
      let low = 0
      let high = starts.length - 1
      while (low < high) {
        const middle = (low + high + 1) >> 1
        if (starts[middle]! <= offset) low = middle
        else high = middle - 1
      }
      return { line: low + 1, column: offset - starts[low]! + 1 }
    }
  }
}
