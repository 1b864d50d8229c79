import { pointerOf, rule } from './shared.ts'
import { registryMatch } from '../core/venue-names.ts'

/** Every venue an entry names is in the registry (`venue/canonical-name` handles other spellings of one). */
export default rule({
  id: 'venue/unknown',
  description: 'Every venue an entry names is a key of `venues`.',
  severity: 'error',
  fix: 'none',
  check({ data, config, report }) {
    const registry = Object.keys(data.venues)
    data.entries.forEach((entry, index) => {
      if (typeof entry.venue !== 'string' || Object.hasOwn(data.venues, entry.venue)) return
      if (registryMatch(entry.venue, registry, config.lint.venueAliases) !== undefined) return
      report({
        pointer: pointerOf(['entries', index, 'venue']),
        message: `Unknown venue \`${entry.venue}\`, expected a key of \`venues\``,
        hint: `add \`${entry.venue}\` to \`venues\` with its type (and a conference's start date), or fix the spelling`
      })
    })
  }
})
