/**
 * The link report: for people (Markdown fit for a GitHub issue, with a
 * checkbox per item, grouped by what to do) and for tools (JSON). Built as
 * syntax trees, so titles with Markdown characters stay text.
 */
import type { ListItem, PhrasingContent, RootContent } from 'mdast'
import { linkNode, stringifyBlocks, textNode, textWithCode } from '../../core/markdown.ts'
import type { LinkPlace } from './collect.ts'
import type { LinkOutcome } from './run.ts'

export type Group = 'dead' | 'failing' | 'moved' | 'redirected' | 'blocked' | 'transient' | 'skipped' | 'alive'

const headings: Record<Group, string> = {
  dead: 'Dead',
  failing: 'Failing, not yet called dead',
  moved: 'Moved permanently (fixable with npm run check:links -- --fix)',
  redirected: 'Redirected temporarily',
  blocked: 'Blocked by the site (could not be verified)',
  transient: 'Transient failures (retried, will be checked again)',
  skipped: 'Skipped',
  alive: 'Alive'
}

export function groupOf(outcome: LinkOutcome): Group {
  const { status } = outcome
  if (status.kind === 'dead') return outcome.failing?.confirmed ? 'dead' : 'failing'
  if (status.kind === 'redirected') return status.permanent ? 'moved' : 'redirected'
  return status.kind
}

export interface Summary {
  total: number
  fromCache: number
  requests: number
  counts: Record<Group, number>
  /** No host answered at all: the run verified nothing (the network was down). */
  networkDown?: boolean
}

export function summarize(outcomes: readonly LinkOutcome[], requests: number): Summary {
  const counts = Object.fromEntries(Object.keys(headings).map((group) => [group, 0])) as Record<Group, number>
  for (const outcome of outcomes) counts[groupOf(outcome)]++
  return { total: outcomes.length, fromCache: outcomes.filter((outcome) => outcome.fromCache).length, requests, counts }
}

const summaryOrder: Group[] = ['alive', 'moved', 'redirected', 'dead', 'failing', 'blocked', 'transient', 'skipped']

/** `85 links (40 from cache): 70 alive, 2 moved, 1 dead, 2 failing; 51 requests` */
export function summaryLine(summary: Summary): string {
  const parts = summaryOrder.filter((group) => group === 'alive' || summary.counts[group] > 0).map((group) => `${summary.counts[group]} ${group}`)
  const cached = summary.fromCache > 0 ? ` (${summary.fromCache} from cache)` : ''
  return `${summary.total} links${cached}: ${parts.join(', ')}; ${summary.requests} request${summary.requests === 1 ? '' : 's'}`
}

export function markdownReport(outcomes: readonly LinkOutcome[], places: Map<string, LinkPlace[]>, summary: Summary, checkedAt: string, dataFile: string): string {
  const blocks: RootContent[] = [
    { type: 'heading', depth: 1, children: [textNode('Link check report')] },
    { type: 'paragraph', children: [textNode(`${summaryLine(summary)}. Checked ${checkedAt.slice(0, 16).replace('T', ' ')} UTC.`)] }
  ]
  for (const group of Object.keys(headings) as Group[]) {
    if (group === 'alive') continue
    const items = outcomes.filter((outcome) => groupOf(outcome) === group)
    if (items.length === 0) continue
    blocks.push({ type: 'heading', depth: 2, children: headingText(group, items.length) })
    blocks.push({ type: 'list', ordered: false, spread: false, children: items.map((outcome) => item(outcome, places.get(outcome.url) ?? [], dataFile)) })
  }
  if (blocks.length === 2) blocks.push({ type: 'paragraph', children: [textNode('Every link works.')] })
  return stringifyBlocks(blocks) + '\n'
}

/** A heading, with the fix command as code. */
function headingText(group: Group, count: number): PhrasingContent[] {
  const [before, command, after] = headings[group].split(/(npm run [^)]+)/)
  return command ? [textNode(before!), { type: 'inlineCode', value: command }, textNode(`${after} (${count})`)] : [textNode(`${headings[group]} (${count})`)]
}

function item(outcome: LinkOutcome, places: LinkPlace[], dataFile: string): ListItem {
  const children: PhrasingContent[] = []
  places.forEach((place, index) => {
    if (index > 0) children.push(textNode('; '))
    if (place.key) children.push({ type: 'strong', children: [textNode(place.key)] }, textNode(' '))
    children.push({ type: 'emphasis', children: [textNode(place.title)] }, textNode(` (${dataFile}:${place.line})`))
  })
  children.push(textNode(': '), linkNode(outcome.url, outcome.url))
  if (outcome.status.kind === 'redirected') {
    children.push(...textWithCode(` — ${outcome.status.evidence.reason}, now at `), linkNode(outcome.status.target, outcome.status.target))
  } else {
    children.push(...textWithCode(` — ${describe(outcome)}`))
  }
  return { type: 'listItem', checked: false, spread: false, children: [{ type: 'paragraph', children }] }
}

/** The evidence in words: status, target, since when. */
export function describe(outcome: LinkOutcome): string {
  const { status } = outcome
  const attempts = status.evidence.attempts > 1 ? `, ${status.evidence.attempts} attempts` : ''
  if (status.kind === 'redirected') return `${status.evidence.reason}, now at ${status.target}${attempts}`
  if (outcome.failing) {
    const since = outcome.failing.since.slice(0, 10)
    return `${status.evidence.reason}${attempts}; failing since ${since}, ${outcome.failing.runs} run${outcome.failing.runs === 1 ? '' : 's'} in a row`
  }
  return `${status.evidence.reason}${attempts}`
}

export function jsonReport(outcomes: readonly LinkOutcome[], places: Map<string, LinkPlace[]>, summary: Summary, checkedAt: string): string {
  return (
    JSON.stringify(
      {
        checkedAt,
        summary,
        links: outcomes.map((outcome) => ({
          url: outcome.url,
          group: groupOf(outcome),
          kind: outcome.status.kind,
          ...(outcome.status.kind === 'redirected' ? { target: outcome.status.target, permanent: outcome.status.permanent } : {}),
          fromCache: outcome.fromCache,
          ...(outcome.failing ? { failing: outcome.failing } : {}),
          evidence: outcome.status.evidence,
          entries: places.get(outcome.url) ?? []
        }))
      },
      null,
      2
    ) + '\n'
  )
}
