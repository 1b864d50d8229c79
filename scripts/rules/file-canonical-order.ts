import { canonicalEntryOrder } from '../core/order.ts'
import { serializePapers } from '../core/serialize.ts'
import { rule } from './shared.ts'

/**
 * The file is in its canonical form: two-space indentation, keys in a fixed
 * order, entries in the venue table's order. Small diffs, no merge conflicts
 * over formatting.
 */
export default rule({
  id: 'file/canonical-order',
  description: 'papers.json is in canonical form: formatting, key order, entry order.',
  severity: 'error',
  fix: 'safe',
  check({ data, document, report }) {
    const canonical = { ...data, entries: canonicalEntryOrder(data) }
    const expected = serializePapers(canonical)
    if (expected === document.text) return
    const have = document.text.split('\n')
    const want = expected.split('\n')
    let line = 0
    while (line < have.length && line < want.length && have[line] === want[line]) line++
    const reason = document.text.includes('\r\n') ? 'line endings (CRLF)' : JSON.stringify(data.entries) !== JSON.stringify(canonical.entries) ? 'entry order' : 'formatting or key order'
    report({
      pointer: '',
      line: line + 1,
      message: `Unexpected ${reason} from line ${line + 1}, expected papers.json's canonical form`,
      edits: [{ pointer: '', value: canonical }]
    })
  }
})
