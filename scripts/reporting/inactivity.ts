/**
 * GitHub disables a public repository's scheduled workflows after 60 days
 * without activity, silently: the weekly report would just stop. The report
 * warns well before, from the date of the last commit. Pure.
 */

/** Days without a commit after which the report warns (GitHub disables schedules at 60). */
export const warnAfterDays = 45

export function inactivityWarning(lastActivity: string | undefined, now: number): string | undefined {
  if (!lastActivity) return undefined
  const last = Date.parse(lastActivity)
  if (Number.isNaN(last)) return undefined
  const days = Math.floor((now - last) / 86_400_000)
  if (days < warnAfterDays) return undefined
  const left = 60 - days
  return left > 0
    ? `No commit for ${days} days: GitHub disables this scheduled check after 60 days without activity in a public repository, in ${left} day${left === 1 ? '' : 's'}. Push any commit to keep it running.`
    : `No commit for ${days} days: GitHub may already have disabled this scheduled check (after 60 days without activity). Push a commit, and re-enable the workflow in the Actions tab if it is disabled.`
}
