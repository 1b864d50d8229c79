import { pointerOf, rule, textFields } from './shared.ts'

const markdown: Array<[RegExp, string]> = [
  [/\*\*[^*]+\*\*|__[^_]+__/, 'bold markers'],
  [/(^|\s)[*_][^*_\s][^*_]*[*_](\s|$)/, 'italic markers'],
  [/`[^`]+`/, 'code backticks'],
  [/\[[^\]]*\]\([^)]*\)/, 'Markdown link'],
  [/<\/?[A-Za-z][A-Za-z0-9-]*(\s[^>]*)?>/, 'HTML tag']
]

/**
 * Text fields are plain text: the generator escapes Markdown, so markup in a
 * title is shown literally instead of formatting it.
 */
export default rule({
  id: 'text/markdown',
  description: 'Text fields hold plain text, not Markdown (it would be shown literally).',
  severity: 'warn',
  fix: 'none',
  check({ data, report }) {
    for (const field of textFields(data)) {
      if (!/[*_`[<]/.test(field.value)) continue
      const found = markdown.find(([pattern]) => pattern.test(field.value))
      if (!found) continue
      report({ pointer: pointerOf(field.segments), message: `Unexpected ${found[1]} in ${field.name} \`${field.value}\`, shown literally`, hint: 'write plain text; formatting belongs in the templates' })
    }
  }
})
