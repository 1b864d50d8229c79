import type { Edit } from '../core/findings.ts'
import { pointerOf, rule } from './shared.ts'
import { canonicalSpelling, registryMatch } from '../core/venue-names.ts'

/**
 * Venues are written one way: `NeurIPS 2023`, not `Neurips 2023` or
 * `NIPS 2023`, both in entries and in the registry.
 */
export default rule({
  id: 'venue/canonical-name',
  description: 'Venues are written canonically, as the registry and the alias table spell them.',
  severity: 'error',
  fix: 'safe',
  check({ data, config, report, lineOf }) {
    const registry = Object.keys(data.venues)
    const aliases = config.lint.venueAliases
    data.entries.forEach((entry, index) => {
      if (typeof entry.venue !== 'string' || Object.hasOwn(data.venues, entry.venue)) return
      const match = registryMatch(entry.venue, registry, aliases)
      if (match === undefined) return
      const pointer = pointerOf(['entries', index, 'venue'])
      report({ pointer, message: `Unexpected venue \`${entry.venue}\`, expected \`${match}\``, edits: [{ pointer, value: match }] })
    })
    for (const name of registry) {
      const canonical = canonicalSpelling(name, aliases)
      if (canonical === name) continue
      const pointer = pointerOf(['venues', name])
      if (Object.hasOwn(data.venues, canonical)) {
        report({
          pointer,
          message: `Unexpected venue \`${name}\` in \`venues\`, the same venue as \`${canonical}\` at line ${lineOf(pointerOf(['venues', canonical]))}`,
          hint: `move its entries to \`${canonical}\` and remove \`${name}\``
        })
        continue
      }
      // Renaming a key keeps the registry's order and every entry pointing at it.
      const renamed = Object.fromEntries(Object.entries(data.venues).map(([key, venue]) => [key === name ? canonical : key, venue]))
      const edits: Edit[] = [{ pointer: '/venues', value: renamed }]
      data.entries.forEach((entry, index) => {
        if (entry.venue === name) edits.push({ pointer: pointerOf(['entries', index, 'venue']), value: canonical })
      })
      report({ pointer, message: `Unexpected venue \`${name}\` in \`venues\`, expected \`${canonical}\``, edits })
    }
  }
})
