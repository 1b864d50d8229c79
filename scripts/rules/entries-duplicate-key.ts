import { pointerOf, rule } from './shared.ts'

/** Key names (`TC-MoA`) identify entries in the venue table; two entries cannot share one. */
export default rule({
  id: 'entries/duplicate-key',
  description: 'Key names are unique.',
  severity: 'error',
  fix: 'none',
  check({ data, report, lineOf }) {
    const seen = new Map<string, number>()
    data.entries.forEach((entry, index) => {
      if (typeof entry.key !== 'string') return
      const earlier = seen.get(entry.key)
      if (earlier === undefined) {
        seen.set(entry.key, index)
        return
      }
      report({
        pointer: pointerOf(['entries', index, 'key']),
        message: `Unexpected key name \`${entry.key}\`, already used by the entry at line ${lineOf(pointerOf(['entries', earlier]))}`,
        hint: 'give this entry its own key name'
      })
    })
  }
})
