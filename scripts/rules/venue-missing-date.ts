import { splitVenue } from '../core/venues.ts'
import { pointerOf, rule } from './shared.ts'

/** A conference has the date its event starts: the venue table is ordered by it. */
export default rule({
  id: 'venue/missing-date',
  description: 'Conferences have an event date.',
  severity: 'warn',
  fix: 'none',
  check({ data, report }) {
    for (const [name, venue] of Object.entries(data.venues)) {
      if (venue.type !== 'conference' || typeof venue.date === 'string' || splitVenue(name).year === undefined) continue
      report({
        pointer: pointerOf(['venues', name]),
        message: `Missing \`date\` of conference \`${name}\`, the venue table orders conferences by it`,
        hint: 'add `"date": "YYYY-MM-DD"`, the first day of the event'
      })
    }
  }
})
