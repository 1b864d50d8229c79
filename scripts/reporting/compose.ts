/**
 * The scheduled report: the link, arXiv and repository results in one
 * Markdown document a person can act on, grouped by what to do, each item
 * with a checkbox, the entry (key and title), the URL, the evidence and the
 * fix where one is known. Built as a syntax tree. Pure.
 */
import type { ListItem, PhrasingContent, RootContent } from 'mdast'
import { linkNode, stringifyBlocks, textNode, textWithCode } from '../core/markdown.ts'
import type { PapersFile } from '../core/model.ts'

export interface LinkItem {
  url: string
  group: string
  target?: string
  failing?: { since: string; runs: number }
  evidence: { reason: string }
  entries: Array<{ key?: string; title: string; line: number }>
}

export interface FindingItem {
  ruleId: string
  severity: string
  line: number
  pointer?: string
  message: string
  fixable?: boolean
}

export interface ReportInputs {
  links?: { checkedAt: string; links: LinkItem[] }
  arxiv?: { findings: FindingItem[] }
  repos?: { findings: FindingItem[] }
  data: PapersFile
  dataFile: string
}

interface Item {
  entry: PhrasingContent[]
  url?: string
  text: string
}

export function composeReport(inputs: ReportInputs): { title: string; body: string; hasProblems: boolean; counts: Record<string, number> } {
  const links = inputs.links?.links ?? []
  const name = (key: string | undefined, title: string, line: number): PhrasingContent[] => [
    ...(key ? [{ type: 'strong' as const, children: [textNode(key)] }, textNode(' ')] : []),
    { type: 'emphasis', children: [textNode(title)] },
    textNode(` (${inputs.dataFile}:${line})`)
  ]
  const fromLink = (link: LinkItem, text: string): Item => ({
    entry: link.entries.flatMap((entry, index) => [...(index > 0 ? [textNode('; ')] : []), ...name(entry.key, entry.title, entry.line)]),
    url: link.url,
    text
  })
  const fromFinding = (finding: FindingItem): Item => {
    const index = /^\/entries\/(\d+)/.exec(finding.pointer ?? '')?.[1]
    const entry = index !== undefined ? inputs.data.entries[Number(index)] : undefined
    return { entry: entry ? name(entry.key, entry.title, finding.line) : [textNode(`${inputs.dataFile}:${finding.line}`)], text: `${finding.message}${finding.fixable ? ' (fixable with `--fix`)' : ''}` }
  }
  const arxiv = inputs.arxiv?.findings ?? []
  const repos = inputs.repos?.findings ?? []
  const sections: Array<{ heading: string; items: Item[]; problem: boolean }> = [
    { heading: 'Dead links', problem: true, items: links.filter((link) => link.group === 'dead').map((link) => fromLink(link, `${link.evidence.reason}${link.failing ? `, failing since ${link.failing.since.slice(0, 10)} (${link.failing.runs} runs)` : ''}`)) },
    { heading: 'Moved', problem: true, items: [...links.filter((link) => link.group === 'moved').map((link) => fromLink(link, `moved permanently to ${link.target} (fix: npm run check:links -- --fix)`)), ...repos.filter((finding) => finding.ruleId === 'repos/moved').map(fromFinding)] },
    { heading: 'Code repositories', problem: true, items: repos.filter((finding) => finding.ruleId !== 'repos/moved' && finding.ruleId !== 'repos/unverified').map(fromFinding) },
    { heading: 'Metadata drift (arXiv)', problem: true, items: arxiv.filter((finding) => finding.ruleId !== 'arxiv/unverified').map(fromFinding) },
    { heading: 'Failing since (not yet called dead)', problem: true, items: links.filter((link) => link.group === 'failing').map((link) => fromLink(link, `${link.evidence.reason}, failing since ${link.failing?.since.slice(0, 10)} (${link.failing?.runs} run${link.failing?.runs === 1 ? '' : 's'})`)) },
    {
      heading: 'Could not verify (bot walls, rate limits, outages: checked again next run)',
      problem: false,
      items: [
        ...links.filter((link) => link.group === 'blocked' || link.group === 'transient').map((link) => fromLink(link, link.evidence.reason)),
        ...[...arxiv, ...repos].filter((finding) => finding.ruleId.endsWith('/unverified')).map(fromFinding)
      ]
    }
  ]
  const counts = Object.fromEntries(sections.map((section) => [section.heading, section.items.length]))
  const problems = sections.filter((section) => section.problem).reduce((sum, section) => sum + section.items.length, 0)
  const blocks: RootContent[] = [
    {
      type: 'paragraph',
      children: [textNode(`Scheduled check of ${links.length} links, ${arxiv.length + repos.length > 0 ? 'arXiv metadata and code repositories' : 'no metadata'}${inputs.links ? `, ${inputs.links.checkedAt.slice(0, 10)}` : ''}. ${problems === 0 ? 'Nothing to fix.' : `${problems} item${problems === 1 ? '' : 's'} to look at; tick them off as you fix them.`}`)]
    }
  ]
  for (const section of sections) {
    if (section.items.length === 0) continue
    blocks.push({ type: 'heading', depth: 2, children: [textNode(`${section.heading} (${section.items.length})`)] })
    blocks.push({
      type: 'list',
      ordered: false,
      spread: false,
      children: section.items.map(
        (item): ListItem => ({
          type: 'listItem',
          checked: section.problem ? false : null,
          spread: false,
          children: [{ type: 'paragraph', children: [...item.entry, ...(item.url ? [textNode(': '), linkNode(item.url, item.url)] : []), ...textWithCode(` — ${item.text}`)] }]
        })
      )
    })
  }
  const parts = sections.filter((section) => section.problem && section.items.length > 0).map((section) => `${section.items.length} ${section.heading.split(' (')[0]!.toLowerCase()}`)
  return { title: problems === 0 ? 'Link and metadata report: all clear' : `Link and metadata report: ${parts.join(', ')}`, body: stringifyBlocks(blocks) + '\n', hasProblems: problems > 0, counts }
}
