/**
 * `check:repos`: every GitHub code link through GitHub's APIs (never its
 * pages): GraphQL in batches with `GITHUB_TOKEN` (REST confirms what it
 * calls missing), REST with ETags without. Archived, disabled, moved
 * (fixable), missing, blocked, path missing. Every answer is validated; a
 * service that is down, throttles or answers garbage makes what it could not
 * answer unverified (one line, exit 5), caches nothing for it and fixes nothing.
 */
import path from 'node:path'
import { checkRepositories } from '../checkers/github/check.ts'
import { parseRepoLink, type RepoLink, type RepoStatus } from '../checkers/github/repo-url.ts'
import type { RestDeps } from '../checkers/github/rest.ts'
import { ServiceGate } from '../checkers/service-gate.ts'
import { gateOptions } from '../checkers/services.ts'
import type { Finding } from '../core/findings.ts'
import { pointerOf } from '../core/json-source.ts'
import { writeIfChanged } from '../io/files.ts'
import { isVersionedCache, readJsonCache } from '../io/json-cache.ts'
import type { CommandContext } from './context.ts'
import { jsonFindings, printFindings } from './findings-output.ts'
import { applySafeFixes, checkExitCode, loadForChecks, startReport, summaryLine, systemClock } from './metadata.ts'

export interface CheckReposOptions {
  data: string
  config?: string
  fix: boolean
  format: string
  cache: boolean
  /** The JSON report `report` reads, relative to the data file. */
  report: string
}

const rules: Record<RepoStatus['kind'], { ruleId: string; severity: Finding['severity'] } | undefined> = {
  ok: undefined,
  archived: { ruleId: 'repos/archived', severity: 'warning' },
  disabled: { ruleId: 'repos/disabled', severity: 'error' },
  moved: { ruleId: 'repos/moved', severity: 'warning' },
  'not-found': { ruleId: 'repos/not-found', severity: 'error' },
  'unavailable-for-legal-reasons': { ruleId: 'repos/unavailable', severity: 'error' },
  'path-missing': { ruleId: 'repos/path-missing', severity: 'error' },
  unverified: { ruleId: 'repos/unverified', severity: 'warning' }
}

export async function checkReposCommand(options: CheckReposOptions, context: CommandContext): Promise<number> {
  const report = await startReport(options.data, options.report, context)
  const loaded = await loadForChecks(options, context)
  const { dataFile, shown, data, document, services, config } = loaded

  // Each repository link once, with every place it is used.
  const links = new Map<string, { link: RepoLink; places: string[] }>()
  data.entries.forEach((entry, index) =>
    entry.links?.forEach((item, position) => {
      if (item.type !== 'code') return
      const link = parseRepoLink(item.url)
      if (!link) return
      const known = links.get(item.url) ?? { link, places: [] }
      known.places.push(pointerOf(['entries', index, 'links', position, 'url']))
      links.set(item.url, known)
    })
  )

  const token = context.env.GITHUB_TOKEN || undefined
  const clock = context.clock ?? systemClock
  const gate = new ServiceGate({ name: 'GitHub', ...gateOptions(services, 'github') }, clock)
  const cacheFile = path.resolve(config.root ?? path.dirname(dataFile), services.github.cacheFile)
  const cache = options.cache ? (await readJsonCache(cacheFile, isVersionedCache<RestDeps['cache']>, () => ({ version: 1 as const, entries: {} }))).entries : {}
  const rest: RestDeps = {
    baseUrl: services.github.restUrl.replace(/\/$/, ''),
    userAgent: services.userAgent,
    timeout: services.timeout,
    ...(token ? { token } : {}),
    ...(context.network?.dispatcher ? { dispatcher: context.network.dispatcher } : {}),
    now: clock.now,
    gate,
    cache,
    sent: { notModified: 0 }
  }
  const urls = [...links.keys()]
  const results = await checkRepositories(
    urls.map((url) => links.get(url)!.link),
    { graphqlUrl: services.github.graphqlUrl, batchSize: services.github.batchSize, rest }
  )
  const statuses = new Map(urls.map((url, index) => [url, results[index]!]))
  if (options.cache) await writeIfChanged(cacheFile, JSON.stringify({ version: 1, entries: cache }, null, 2) + '\n')

  const findings: Finding[] = []
  for (const [url, { places }] of links) {
    const status = statuses.get(url)!
    const rule = rules[status.kind]
    if (!rule) continue
    for (const pointer of places) {
      const message = describe(url, status)
      const fix = status.kind === 'moved' ? { safe: true, edits: [{ pointer, value: status.to }] } : undefined
      findings.push({ ruleId: rule.ruleId, severity: rule.severity, file: shown, ...document.locate(pointer), pointer, message, ...(fix ? { fix } : {}) })
    }
  }
  findings.sort((a, b) => a.line - b.line || a.column - b.column)

  const moved = findings.filter((finding) => finding.fix?.safe).length
  const remaining = await applySafeFixes(findings, loaded, options.fix, context, `moved repositor${moved === 1 ? 'y' : 'ies'}`)
  const outage = gate.outageMessage()
  printFindings(remaining, options.format, context, { fixCommand: 'npm run check:repos -- --fix', noun: 'repositories', ...(outage ? { outage } : {}) })
  await report.write(jsonFindings(remaining, outage ? { outage } : {}))
  const unverified = results.filter((status) => status.kind === 'unverified').length
  const hint = gate.outage && !token && /rate limit/i.test(gate.outage.reason) ? '; set GITHUB_TOKEN for a higher limit' : ''
  context.stderr.write(summaryLine(`check:repos (${token ? 'GraphQL' : 'REST'})`, urls.length, 'repositories', unverified, gate.requests, gate.outage ? `${gate.outageMessage()}; nothing unverified was changed or cached${hint}` : undefined))
  return checkExitCode(remaining)
}

function describe(url: string, status: RepoStatus): string {
  switch (status.kind) {
    case 'archived':
      return `Repository \`${url}\` is archived: read-only, no longer maintained`
    case 'disabled':
      return `Repository \`${url}\` is disabled by GitHub`
    case 'moved':
      return `Repository \`${url}\` moved to \`${status.to}\``
    case 'not-found':
      return `Repository \`${url}\` does not exist (or is private)`
    case 'unavailable-for-legal-reasons':
      return `Repository \`${url}\` is blocked for legal reasons${status.reason ? ` (${status.reason})` : ''}`
    case 'path-missing':
      return `Path \`${status.path}\` does not exist at \`${status.ref}\` in \`${url}\``
    case 'unverified':
      return `Could not verify \`${url}\`: ${status.reason}`
    default:
      return url
  }
}
