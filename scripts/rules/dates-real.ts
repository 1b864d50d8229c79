import { isRealDate } from '../core/dates.ts'
import { pointerOf, rule } from './shared.ts'

/** An entry's date is a day that exists (the schema checks its form; 30 February passes it). */
export default rule({
  id: 'dates/real',
  description: 'Entry dates exist.',
  severity: 'error',
  fix: 'none',
  check({ data, report }) {
    data.entries.forEach((entry, index) => {
      if (typeof entry.date !== 'string' || isRealDate(entry.date)) return
      report({ pointer: pointerOf(['entries', index, 'date']), message: `Unexpected date \`${entry.date}\`, no such day`, hint: 'write the date as `YYYY-MM-DD`, `YYYY-MM` or `YYYY`' })
    })
  }
})
