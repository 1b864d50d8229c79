/**
 * `check:links`: every unique URL of `papers.json` checked once (or taken
 * from the cache) unless `links.exclude` or `.linkignore` excludes it, a
 * summary, a Markdown and a JSON report; exit 1 only for links confirmed
 * dead. `--fix` writes the targets of permanent redirects.
 */
import { rm } from 'node:fs/promises'
import path from 'node:path'
import { collectLinks } from '../checkers/links/collect.ts'
import { emptyCache, type CacheFile } from '../checkers/links/cache.ts'
import { createHttpClient } from '../checkers/links/http.ts'
import { linkIgnoreFile, parseLinkIgnore } from '../checkers/links/ignore.ts'
import { mergeLinkOptions, type LinkOptions } from '../checkers/links/options.ts'
import { carriesSecrets, isSafeFixTarget, redactDeep, redactUrl } from '../checkers/links/redact.ts'
import { describe, groupOf, jsonReport, markdownReport, summarize, summaryLine } from '../checkers/links/report.ts'
import { runLinkCheck } from '../checkers/links/run.ts'
import { Scheduler } from '../checkers/links/scheduler.ts'
import { exitCodes } from '../core/errors.ts'
import { formatFinding } from '../core/findings.ts'
import { formatAnnotations } from '../core/report.ts'
import { printable } from '../core/printable.ts'
import { loadPapers } from '../core/load.ts'
import { serializePapers } from '../core/serialize.ts'
import { readConfig } from '../io/config.ts'
import { readText, readTextIfExists, writeIfChanged } from '../io/files.ts'
import { isVersionedCache, readJsonCache } from '../io/json-cache.ts'
import type { CommandContext } from './context.ts'

export interface CheckLinksOptions {
  data: string
  config?: string
  fix: boolean
  cache: boolean
  allowPrivate: boolean
}

export async function checkLinksCommand(options: CheckLinksOptions, context: CommandContext): Promise<number> {
  const dataFile = path.resolve(context.cwd, options.data)
  const shownData = path.relative(context.cwd, dataFile) || dataFile
  const config = await readConfig(dataFile, options.config, context.cwd)
  // The configuration's paths (cache, reports) are relative to where it was found.
  const root = config.root ?? path.dirname(dataFile)
  // lychee's `.lycheeignore`, in the working directory. A bad pattern is a configuration error (exit 2, as a bad
  // configuration file is; 1 means dead links): nothing is requested and last run's reports stay.
  const ignore = parseLinkIgnore((await readTextIfExists(path.join(context.cwd, linkIgnoreFile), linkIgnoreFile)) ?? '')
  if (ignore.findings.length > 0) {
    for (const finding of ignore.findings) context.stderr.write(`${formatFinding(finding)}\n`)
    if (context.env.GITHUB_ACTIONS === 'true') context.stdout.write(formatAnnotations(ignore.findings))
    const count = ignore.findings.length
    context.stderr.write(`check:links: ${count} line${count === 1 ? '' : 's'} of ${linkIgnoreFile} ${count === 1 ? 'is' : 'are'} not a regular expression; nothing was checked\n`)
    return exitCodes.usage
  }
  const { data, document } = loadPapers(await readText(dataFile, shownData), shownData, config)
  const merged = mergeLinkOptions(config.links as Partial<LinkOptions> | undefined)
  // Both sources apply: the configuration's `exclude` and `.linkignore`.
  const linkOptions: LinkOptions = { ...merged, exclude: [...merged.exclude, ...ignore.patterns], ...(options.allowPrivate ? { allowPrivate: true } : {}) }
  const places = collectLinks(data, document)

  const cacheFile = path.resolve(root, linkOptions.cache.file)
  const cache = options.cache ? await readJsonCache(cacheFile, isVersionedCache<CacheFile['entries']>, emptyCache) : emptyCache()

  // Last run's reports go first: a run that crashes must leave no report for `report` to believe.
  const markdownFile = path.resolve(root, linkOptions.reports.markdown)
  const jsonFile = path.resolve(root, linkOptions.reports.json)
  await Promise.all([rm(markdownFile, { force: true }), rm(jsonFile, { force: true })])
  const client = createHttpClient({ ...linkOptions, ...context.network })
  const scheduler = new Scheduler(linkOptions)
  const progress = context.isTerminal && context.env.CI === undefined
  let result
  try {
    result = await runLinkCheck([...places.keys()], cache, { client, scheduler, options: linkOptions, now: Date.now, sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)), random: Math.random }, (step) => {
      if (progress) context.stderr.write(`\rchecking links: ${step.done}/${step.total}`)
    })
  } finally {
    await client.close()
  }
  if (progress) context.stderr.write('\n')

  const checkedAt = new Date().toISOString()
  const outcomes = redactDeep(result.outcomes)
  const shownPlaces = new Map([...places].map(([url, list]) => [redactUrl(url), list]))
  const summary = { ...summarize(outcomes, result.requests), ...(result.networkDown ? { networkDown: true } : {}) }
  if (options.cache) await writeIfChanged(cacheFile, JSON.stringify(result.cache, null, 2) + '\n')
  await writeIfChanged(markdownFile, markdownReport(outcomes, shownPlaces, summary, checkedAt, shownData))
  await writeIfChanged(jsonFile, jsonReport(outcomes, shownPlaces, summary, checkedAt))

  const shown = (file: string) => path.relative(context.cwd, file) || file
  if (result.networkDown) {
    // One line, not one per link: nothing answered, so no link said anything about itself.
    const asked = outcomes.filter((outcome) => !outcome.fromCache && outcome.status.kind !== 'skipped')
    const codes = [...new Set(asked.flatMap((outcome) => outcome.status.evidence.hops.map((hop) => hop.error).filter((code) => code !== undefined && code !== 'EHOSTSTOPPED')))].slice(0, 3).join(', ')
    context.stdout.write(`no host answered: ${asked.length} link${asked.length === 1 ? '' : 's'} not verified (${codes}); the network, or every host, is down. Nothing was changed; run again later\n`)
    context.stdout.write(`${summaryLine(summary)}\nReports: ${shown(markdownFile)}, ${shown(jsonFile)}\n`)
    return exitCodes.unverified
  }
  // A host that stopped answering is one line for all its links.
  const stoppedHosts = new Map<string, number>()
  for (const outcome of outcomes) {
    const group = groupOf(outcome)
    if (group === 'alive' || group === 'skipped' || group === 'redirected') continue
    if (outcome.status.evidence.hops.at(-1)?.error === 'EHOSTSTOPPED') {
      stoppedHosts.set(outcome.status.evidence.reason, (stoppedHosts.get(outcome.status.evidence.reason) ?? 0) + 1)
      continue
    }
    const where = (shownPlaces.get(outcome.url) ?? []).map((place) => `${shownData}:${place.line}`).join(', ')
    context.stdout.write(`${group.padEnd(9)} ${printable(outcome.url)}  ${printable(describe(outcome))}  (${where})\n`)
  }
  for (const [reason, count] of stoppedHosts) context.stdout.write(`${'transient'.padEnd(9)} ${count} more link${count === 1 ? '' : 's'}: ${reason}\n`)
  context.stdout.write(`${summaryLine(summary)}\nReports: ${shown(markdownFile)}, ${shown(jsonFile)}\n`)

  if (options.fix) {
    let fixed = 0
    const refused = new Set<string>()
    for (const outcome of result.outcomes) {
      if (outcome.status.kind !== 'redirected' || !outcome.status.permanent) continue
      // Never write a target with credentials or tokens, off http(s), or on a private host (unless private hosts are what is checked).
      const target = outcome.status.target
      const safe = isSafeFixTarget(target) || (linkOptions.allowPrivate && /^https?:\/\//.test(target) && !carriesSecrets(target))
      if (!safe) {
        refused.add(outcome.url)
        continue
      }
      for (const entry of data.entries) {
        for (const link of entry.links ?? []) {
          if (link.url !== outcome.url) continue
          link.url = target
          fixed++
        }
      }
    }
    if (fixed > 0) await writeIfChanged(dataFile, serializePapers(data))
    context.stdout.write(`${shownData}: ${fixed} moved link${fixed === 1 ? '' : 's'} updated${fixed > 0 ? '; run `npm run generate`' : ''}\n`)
    for (const url of refused) context.stdout.write(`${shownData}: not updated: ${redactUrl(url)} moves to a URL that carries credentials or tokens, or leaves the public web; update it by hand\n`)
  }
  return summary.counts.dead > 0 ? exitCodes.findings : exitCodes.ok
}
