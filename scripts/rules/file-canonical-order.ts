import { canonicalEntryOrder, canonicalVenueOrder } from '../core/order.ts'
import { serializePapers } from '../core/serialize.ts'
import { rule } from './shared.ts'

/**
 * The file is in its canonical form: two-space indentation, keys in a fixed
 * order, venues and entries in the venue table's order. Small diffs, no merge conflicts
 * over formatting.
 */
export default rule({
  id: 'file/canonical-order',
  description: 'papers.json is in canonical form: formatting, key order, entry order.',
  severity: 'error',
  fix: 'safe',
  check({ data, document, report }) {
    const canonical = { ...data, venues: canonicalVenueOrder(data.venues), entries: canonicalEntryOrder(data) }
    const expected = serializePapers(canonical)
    // CRLF is how a Windows checkout (git's autocrlf) shows the file, not a difference in it: `fix` writes LF either way.
    const text = document.text.replace(/\r\n/g, '\n')
    if (expected === text) return
    const have = text.split('\n')
    const want = expected.split('\n')
    let line = 0
    while (line < have.length && line < want.length && have[line] === want[line]) line++
    const reason = JSON.stringify(data.entries) !== JSON.stringify(canonical.entries)
        ? 'entry order'
        : Object.keys(data.venues).join() !== Object.keys(canonical.venues).join()
          ? 'venue order'
          : 'formatting or key order'
    report({
      pointer: '',
      line: line + 1,
      message: `Unexpected ${reason} from line ${line + 1}, expected papers.json's canonical form`,
      edits: [{ pointer: '', value: canonical }]
    })
  }
})
