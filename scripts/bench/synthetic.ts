/** Synthetic paper lists of any size, for the benchmarks. Deterministic. */
import type { Category, Entry, PapersFile } from '../core/model.ts'

const words = ['Sparse', 'Mixture', 'Experts', 'Routing', 'Vision', 'Language', 'Adapters', 'Efficient', 'Scaling', 'Gating', 'Token', 'Merging', 'Low-Rank', 'Multimodal', 'Transformer', 'Balance']
const conferences = ['CVPR', 'ICLR', 'NeurIPS', 'ICCV', 'ICML', 'ECCV', 'ACL', 'EMNLP']

export function syntheticList(size: number): PapersFile {
  const venues: PapersFile['venues'] = { arXiv: { type: 'preprint' } }
  for (let year = 2000; year <= 2025; year++) {
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
  const venueNames = Object.keys(venues)
  const entries: Entry[] = Array.from({ length: size }, (_, index) => {
    const title = Array.from({ length: 8 }, (_, word) => words[(index * 7 + word * 3) % words.length]).join(' ') + ` ${index}`
    const month = (index % 12) + 1
    return {
      kind: 'paper',
      key: `P${index}`,
      title,
      authors: Array.from({ length: 1 + (index % 8) }, (_, author) => `Author ${author} Écrivain${index % 100}`),
      venue: venueNames[index % venueNames.length]!,
      date: `${2000 + (index % 25)}-${String(month).padStart(2, '0')}-${String((index % 28) + 1).padStart(2, '0')}`,
      links: [
        { type: 'paper', url: `https://arxiv.org/abs/${String(2000 + (index % 9000)).padStart(4, '0')}.${String(index % 100000).padStart(5, '0')}` },
        ...(index % 3 === 0 ? [] : [{ type: 'code' as const, url: `https://github.com/owner${index}/repo${index}` }])
      ],
      categories: [
        { category: leaves[index % leaves.length]!, notes: index % 4 === 0 ? ['Note'] : [] },
        ...(index % 5 === 0 ? [{ category: leaves[(index + 7) % leaves.length]! }] : [])
      ]
    }
  })
  return { $schema: './schema/papers.schema.json', venues, categories, entries }
}

export const syntheticTemplates: Record<string, string> = {
  'README.md': '---\noutput: README.md\nformat: venue-table\ntitle: By venue\noptions:\n  venueLabel: "{year} {series}"\n---\n# Synthetic list\n\n<!-- generate:views -->\n\n## Papers\n\n<!-- generate:entries -->\n',
  'TOPICS.md': '---\noutput: TOPICS.md\nformat: categorized\ntitle: By topic\n---\n# Synthetic list\n\n<!-- generate:views -->\n\n## Contents\n\n<!-- generate:toc -->\n\n<!-- generate:entries -->\n'
}
