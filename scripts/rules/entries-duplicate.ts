import { identityKeys } from '../core/identity.ts'
import { pointerOf, rule } from './shared.ts'

const reasons: Record<string, string> = { arxiv: 'arXiv ID', doi: 'DOI', title: 'title', url: 'paper URL' }

/** The same paper twice: same arXiv ID, DOI, normalized title or paper URL. */
export default rule({
  id: 'entries/duplicate',
  description: 'Each paper is listed once: a second entry for the same paper (arXiv ID, DOI, title or paper URL) is reported with the line of the first.',
  severity: 'error',
  fix: 'none',
  check({ data, report, lineOf }) {
    const first = new Map<string, number>()
    data.entries.forEach((entry, index) => {
      const reported = new Set<number>()
      for (const key of identityKeys(entry)) {
        const earlier = first.get(key)
        if (earlier === undefined) {
          first.set(key, index)
          continue
        }
        if (earlier === index || reported.has(earlier)) continue
        reported.add(earlier)
        const [kind, value] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)]
        report({
          pointer: pointerOf(['entries', index]),
          message: `Unexpected second entry for \`${entry.title}\`, the same ${reasons[kind]} (\`${value}\`) as the entry at line ${lineOf(pointerOf(['entries', earlier]))}`,
          hint: 'merge the two entries into one: one entry can be in several categories'
        })
      }
    })
  }
})
