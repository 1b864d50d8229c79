import { isRealDate } from '../core/dates.ts'
import { splitVenue } from '../core/venues.ts'
import { pointerOf, rule } from './shared.ts'

/** A venue's event date exists and falls in the venue's year. */
export default rule({
  id: 'venue/event-date',
  description: 'Event dates exist and agree with the year in the venue name.',
  severity: 'error',
  fix: 'none',
  check({ data, report }) {
    for (const [name, venue] of Object.entries(data.venues)) {
      const { year } = splitVenue(name)
      if (typeof venue.date === 'string') {
        const pointer = pointerOf(['venues', name, 'date'])
        if (!isRealDate(venue.date)) report({ pointer, message: `Unexpected date \`${venue.date}\` of \`${name}\`, no such day`, hint: 'write the first day of the event, `YYYY-MM-DD`' })
        else if (year !== undefined && Number(venue.date.slice(0, 4)) !== year) {
          report({ pointer, message: `Unexpected date \`${venue.date}\` of \`${name}\`, expected a day in ${year}`, hint: 'write the first day of the event' })
        }
      }
    }
  }
})
