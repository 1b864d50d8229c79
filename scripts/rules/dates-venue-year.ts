import { splitVenue } from '../core/venues.ts'
import { pointerOf, rule } from './shared.ts'

/**
 * An entry's date and its venue's year agree: a preprint may come a year
 * before its conference, or be revised a year after, but not more.
 */
export default rule({
  id: 'dates/venue-year',
  description: "An entry's date is within a year of its venue's year.",
  severity: 'warn',
  fix: 'none',
  check({ data, report }) {
    data.entries.forEach((entry, index) => {
      if (typeof entry.date !== 'string' || typeof entry.venue !== 'string') return
      const { year } = splitVenue(entry.venue)
      const dated = Number(entry.date.slice(0, 4))
      if (year === undefined || Math.abs(dated - year) <= 1) return
      report({
        pointer: pointerOf(['entries', index, 'date']),
        message: `Unexpected date \`${entry.date}\` for a paper at \`${entry.venue}\`, expected a date within a year of ${year}`,
        hint: 'check the date and the venue'
      })
    })
  }
})
