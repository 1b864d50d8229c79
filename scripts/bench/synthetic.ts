/** Synthetic paper lists of any size, for the benchmarks. Deterministic. */
import type { Category, Entry, PapersFile } from '../core/model.ts'
import { canonicalEntryOrder, canonicalVenueOrder } from '../core/order.ts'

const words = ['Sparse', 'Mixture', 'Experts', 'Routing', 'Vision', 'Language', 'Adapters', 'Efficient', 'Scaling', 'Gating', 'Token', 'Merging', 'Low-Rank', 'Multimodal', 'Transformer', 'Balance']
const conferences = ['CVPR', 'ICLR', 'NeurIPS', 'ICCV', 'ICML', 'ECCV', 'ACL', 'EMNLP']

export function syntheticList(size: number): PapersFile {
  const venues: PapersFile['venues'] = { arXiv: { type: 'preprint' } }
  for (let year = 2015; year <= 2025; year++) {
    conferences.forEach((name, index) => {
      venues[`${name} ${year}`] = { type: 'conference', date: `${year}-${String(index + 1).padStart(2, '0')}-1${index % 9}` }
    })
  }
  const categories: Category[] = Array.from({ length: 6 }, (_, root) => ({
    id: `topic-${root}`,
    title: `Topic ${root}`,
    description: `Papers about topic ${root}.`,
    children: Array.from({ length: 5 }, (_, child) => ({
      id: `topic-${root}-${child}`,
      title: `Topic ${root}.${child}`,
      children: [{ id: `topic-${root}-${child}-deep`, title: `Topic ${root}.${child} details` }]
    }))
  }))
  const leaves = categories.flatMap((root) => root.children!.flatMap((child) => [child.id, child.children![0]!.id]))
  const entries: Entry[] = Array.from({ length: size }, (_, index) => {
    const title = Array.from({ length: 8 }, (_, word) => words[(index * 7 + word * 3) % words.length]).join(' ') + ` ${index}`
    const year = 2015 + (index % 11)
    const month = String((index % 12) + 1).padStart(2, '0')
    // One entry in nine is a preprint; the others appear at a conference of their year.
    const venue = index % 9 === 0 ? 'arXiv' : `${conferences[index % conferences.length]} ${year}`
    return {
      kind: 'paper',
      key: `P${index}`,
      title,
      authors: Array.from({ length: 1 + (index % 8) }, (_, author) => `Author ${author} Écrivain${index % 100}`),
      venue,
      date: `${year}-${month}-${String((index % 28) + 1).padStart(2, '0')}`,
      links: [
        { type: 'paper', url: `https://arxiv.org/abs/${String(year % 100)}${month}.${String(Math.floor(index / 132) + 1).padStart(5, '0')}` },
        ...(index % 3 === 0 ? [] : [{ type: 'code' as const, url: `https://github.com/owner${index}/repo${index}` }])
      ],
      categories: [
        { category: leaves[index % leaves.length]!, notes: index % 4 === 0 ? ['Note'] : [] },
        ...(index % 5 === 0 ? [{ category: leaves[(index + 7) % leaves.length]! }] : [])
      ]
    }
  })
  const data: PapersFile = { $schema: './schema/papers.schema.json', venues, categories, entries }
  return { ...data, venues: canonicalVenueOrder(venues), entries: canonicalEntryOrder(data) }
}

export const syntheticTemplates: Record<string, string> = {
  'README.md': '---\noutput: README.md\nformat: venue-table\ntitle: By venue\noptions:\n  venueLabel: "{year} {series}"\n---\n# Synthetic list\n\n<!-- generate:views -->\n\n## Papers\n\n<!-- generate:entries -->\n',
  'TOPICS.md': '---\noutput: TOPICS.md\nformat: categorized\ntitle: By topic\n---\n# Synthetic list\n\n<!-- generate:views -->\n\n## Contents\n\n<!-- generate:toc -->\n\n<!-- generate:entries -->\n'
}

/**
 * The same list with the problems `fix` repairs, spread through it: arXiv
 * PDF links (one entry in five), http GitHub links (one in seven), titles
 * with stray spaces (one in eleven), and the last entry moved first.
 */
export function withFixableProblems(data: PapersFile): PapersFile {
  const copy = structuredClone(data)
  copy.entries.forEach((entry, index) => {
    if (index % 5 === 0 && entry.links?.[0]) entry.links[0].url = `${entry.links[0].url.replace('/abs/', '/pdf/')}.pdf`
    if (index % 7 === 0 && entry.links?.[1]) entry.links[1].url = entry.links[1].url.replace('https://', 'http://')
    if (index % 11 === 0) entry.title = ` ${entry.title}  `
  })
  copy.entries.unshift(copy.entries.pop()!)
  return copy
}
