import { characterName, controlCharacters } from '../core/printable.ts'
import { pointerOf, rule } from './shared.ts'

/**
 * No value or key of the file holds a control character: a NUL makes git
 * treat a README as binary, an ESC sequence colors or moves a terminal, a
 * bidirectional override makes text read other than it is. Not fixable:
 * what the text should have been is for a person to say.
 */
export default rule({
  id: 'text/control-characters',
  description: 'No value holds a control character (NUL, ESC, DEL, C1, bidirectional overrides).',
  severity: 'error',
  fix: 'none',
  check({ document, report }) {
    const visit = (value: unknown, segments: Array<string | number>) => {
      if (typeof value === 'string') {
        controlCharacters.lastIndex = 0
        const found = controlCharacters.exec(value)
        if (found) report({ pointer: pointerOf(segments), message: `Unexpected control character ${characterName(found[0])} at position ${found.index + 1} of \`${pointerOf(segments)}\``, hint: 'remove it: text is plain printable characters' })
        return
      }
      if (Array.isArray(value)) value.forEach((item, index) => visit(item, [...segments, index]))
      else if (value && typeof value === 'object') {
        for (const [key, inner] of Object.entries(value)) {
          controlCharacters.lastIndex = 0
          const found = controlCharacters.exec(key)
          if (found) report({ pointer: pointerOf([...segments, key]), message: `Unexpected control character ${characterName(found[0])} in the key \`${pointerOf([...segments, key])}\``, hint: 'remove it: names are plain printable characters' })
          visit(inner, [...segments, key])
        }
      }
    }
    visit(document.value, [])
  }
})
