/**
 * `check:repos`: every GitHub code link through GitHub's APIs (never its
 * pages): GraphQL in batches with `GITHUB_TOKEN`, REST with ETags without.
 * Archived, disabled, moved (fixable), missing, blocked, path missing; a rate
 * limit stops politely and says what was checked and when to retry.
 */
import path from 'node:path'
import { checkBatch, RateLimited } from '../checkers/github/graphql.ts'
import { parseRepoLink, type RepoLink, type RepoStatus } from '../checkers/github/repo-url.ts'
import { checkRepository, type RestDeps } from '../checkers/github/rest.ts'
import { hasErrors, type Finding } from '../core/findings.ts'
import { pointerOf } from '../core/json-source.ts'
import { writeIfChanged } from '../io/files.ts'
import { isVersionedCache, readJsonCache } from '../io/json-cache.ts'
import type { CommandContext } from './context.ts'
import { printFindings } from './findings-output.ts'
import { applySafeFixes, loadForChecks } from './metadata.ts'

export interface CheckReposOptions {
  data: string
  config?: string
  fix: boolean
  format: string
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
  const loaded = await loadForChecks(options, context)
  const { dataFile, shown, data, document, services } = loaded

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

  const statuses = new Map<string, RepoStatus>()
  const urls = [...links.keys()]
  const token = context.env.GITHUB_TOKEN
  const dispatcher = context.network?.dispatcher
  let stopped: string | undefined
  const cacheFile = path.resolve(path.dirname(dataFile), services.github.cacheFile)
  const rest: RestDeps = { baseUrl: services.github.restUrl.replace(/\/$/, ''), userAgent: services.userAgent, timeout: services.timeout, ...(dispatcher ? { dispatcher } : {}), cache: (await readJsonCache(cacheFile, isVersionedCache<RestDeps['cache']>, () => ({ version: 1 as const, entries: {} }))).entries, sent: { requests: 0, notModified: 0 } }
  try {
    if (token) {
      for (let start = 0; start < urls.length; start += services.github.batchSize) {
        const batch = urls.slice(start, start + services.github.batchSize)
        const results = await checkBatch(batch.map((url) => links.get(url)!.link), { url: services.github.graphqlUrl, token, userAgent: services.userAgent, timeout: services.timeout, ...(dispatcher ? { dispatcher } : {}) })
        batch.forEach((url, index) => statuses.set(url, results[index]!))
      }
    } else {
      for (const url of urls) statuses.set(url, await checkRepository(links.get(url)!.link, rest))
    }
  } catch (error) {
    if (!(error instanceof RateLimited)) throw error
    const retry = error.resetAt ? `retry after ${error.resetAt}` : 'retry in an hour'
    stopped = `${error.message}: stopped after checking ${statuses.size} of ${urls.length} repositories; ${retry}${token ? '' : ', or set GITHUB_TOKEN for a higher limit'}`
    context.stderr.write(`${stopped}\n`)
  }
  if (!token) await writeIfChanged(cacheFile, JSON.stringify({ version: 1, entries: rest.cache }, null, 2) + '\n')

  const findings: Finding[] = []
  for (const [url, { places }] of links) {
    const status = statuses.get(url) ?? ({ kind: 'unverified', reason: stopped ?? 'not checked' } as RepoStatus)
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
  printFindings(remaining, options.format, context, 'npm run check:repos -- --fix')
  return hasErrors(remaining) ? 1 : 0
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
