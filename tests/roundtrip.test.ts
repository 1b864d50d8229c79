/**
 * Round trip on copies of the two seed lists: import → generate gives the same
 * document (GFM syntax trees equal without positions), except for the
 * malformations the import report lists; generate → import → generate is a
 * fixed point, byte for byte.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { importMarkdown } from '../scripts/import/index.ts'
import { blocks, fixtures, generateImported, root } from './helpers.ts'

const seed = (name: string) => readFileSync(path.join(fixtures, 'seeds', name), 'utf8')

/** Source lines of the seed's blocks that the regenerated document changes. */
function changedBlocks(source: string, generated: string) {
  const before = blocks(source)
  const after = blocks(generated)
  expect(after).toHaveLength(before.length)
  return before.filter((block, index) => block.key !== after[index]!.key)
}

describe('venue table seed (000)', () => {
  const source = seed('venue-table.md')
  const result = importMarkdown(source, { output: 'README.md', file: 'venue-table.md' })

  test('is detected as a venue table and imported whole', () => {
    expect(result.format).toBe('venue-table')
    expect(result.data.entries).toHaveLength(48)
    expect(result.data.entries.filter((entry) => entry.key === undefined).map((entry) => entry.title)).toEqual([
      'Towards Understanding the Mixture-of-Experts Layer in Deep Learning'
    ])
    expect(result.data.entries.find((entry) => entry.key === 'M³ViT')?.venue).toBe('NeurIPS 2022')
  })

  test('regenerates the same document, with nothing to repair', () => {
    expect(result.repairs).toEqual([])
    expect(changedBlocks(source, generateImported(result))).toEqual([])
  })

  test('generate → import → generate is a fixed point', () => {
    const first = generateImported(result)
    const second = generateImported(importMarkdown(first, { output: 'README.md', file: 'README.md' }))
    expect(second).toBe(first)
  })
})

describe('categorized seed (001)', () => {
  const source = seed('categorized.md')
  const result = importMarkdown(source, { output: 'README.md', file: 'categorized.md' })

  test('is detected as a categorized list; duplicates become memberships', () => {
    expect(result.format).toBe('categorized')
    expect(result.data.entries).toHaveLength(40)
    const mixLora = result.data.entries.find((entry) => entry.title.startsWith('MixLoRA'))!
    expect(mixLora.categories).toEqual([
      { category: 'parameter-efficient-fine-tuning', notes: ['Shared FFN'] },
      { category: 'auxiliary-load-balance-loss', notes: ['Load Balance Loss'] }
    ])
    const mixtral = result.data.entries.find((entry) => entry.title === 'Mixtral of Experts')!
    expect(mixtral.authors).toContain('Lélio Renard Lavaud')
    expect(mixtral.date).toBe('2024-01-08')
    expect(result.data.entries.find((entry) => entry.title.startsWith('CS324'))).toMatchObject({ kind: 'course', venue: 'Stanford University', date: '2022-winter' })
  })

  test('reports each malformation it repaired, with its line', () => {
    const report = result.repairs.map((repair) => `${repair.line} ${repair.kind}`)
    const anchorCase = report.filter((line) => line.endsWith('import/toc-anchor-case'))
    expect(anchorCase).toHaveLength(18)
    // Each changed block is reported beside the repair that explains it: a repair never hides a difference.
    expect(report.filter((line) => line.endsWith('import/changed'))).toEqual(['13 import/changed', '116 import/changed', '136 import/changed', '151 import/changed', '193 import/changed'])
    expect(report.filter((line) => !line.endsWith('import/toc-anchor-case') && !line.endsWith('import/changed'))).toEqual([
      '21 import/toc-anchor-missing',
      '116 import/note-not-italic',
      '138 import/missing-line-break',
      '153 import/nested-link',
      '195 import/nested-link'
    ])
    const nested = result.repairs.find((repair) => repair.kind === 'import/nested-link')!
    expect(nested.message).toContain('[[Paper](https://arxiv.org/abs/2311.09179)]')
  })

  test('regenerates the same document except for the repaired blocks', () => {
    const changed = changedBlocks(source, generateImported(result))
    // The table of contents, the unitalicized note, the missing `\`, the two nested links.
    expect(changed.map((block) => block.start)).toEqual([13, 116, 136, 151, 193])
    for (const block of changed) {
      expect(result.repairs.some((repair) => repair.line >= block.start && repair.line <= block.end)).toBe(true)
    }
    for (const repair of result.repairs) {
      expect(changed.some((block) => repair.line >= block.start && repair.line <= block.end)).toBe(true)
    }
  })

  test('generate → import → generate is a fixed point', () => {
    const first = generateImported(result)
    const again = importMarkdown(first, { output: 'README.md', file: 'README.md' })
    expect(again.repairs).toEqual([])
    expect(generateImported(again)).toBe(first)
  })
})

test.each(['README.md', 'TOPICS.md'])('the committed %s is a fixed point of import → generate', (name) => {
  const committed = readFileSync(path.join(root, name), 'utf8')
  const result = importMarkdown(committed, { output: name, file: name })
  expect(result.repairs).toEqual([])
  expect(generateImported(result)).toBe(committed)
})

test('a list in another style: level-two categories, month-first dates, a table of contents missing a heading', () => {
  const source = readFileSync(path.join(fixtures, 'other/categorized-h2.md'), 'utf8')
  const result = importMarkdown(source, { output: 'README.md', file: 'categorized-h2.md' })
  expect(result.template.split('\n---\n')[0]).toBe('---\noutput: README.md\nformat: categorized\noptions:\n  headingDepth: 2\n  descriptionEmphasis: false\n  descriptionJoin: false')
  expect(result.repairs.map((repair) => `${repair.line} ${repair.kind} ${repair.message}`)).toEqual([
    '6 import/changed The table of contents is regenerated from the headings: it adds `License`',
    '12 import/changed Regenerating writes this paragraph as `**Paper A: Seeing | Things**\\ _Ana Pérez, Bo Li_\\ CVPR 2023, [[PDF](https://example.org/a.pdf)] [[Code](https://github.com/a/b)]\\ 5 Jan 2023`; it reads `**Paper A: Seeing | Things**\\ _Ana Pérez, Bo Li_\\ CVPR 2023, [[PDF](https://example.org/a.pdf)] [[Code](https://github.com/a/b)]\\ Jan 5, 2023`',
    '15 import/date-format Date `Jan 5, 2023` is written `5 Jan 2023`',
    '25 import/changed Regenerating writes this paragraph as `**Paper A: Seeing | Things**\\ _Ana Pérez, Bo Li_\\ CVPR 2023, [[PDF](https://example.org/a.pdf)] [[Code](https://github.com/a/b)]\\ 5 Jan 2023`; it reads `**Paper A: Seeing | Things**\\ _Ana Pérez, Bo Li_\\ CVPR 2023, [[PDF](https://example.org/a.pdf)] [[Code](https://github.com/a/b)]\\ Jan 5, 2023`',
    '28 import/date-format Date `Jan 5, 2023` is written `5 Jan 2023`'
  ])
  const paper = result.data.entries[0]!
  expect(paper).toMatchObject({ title: 'Paper A: Seeing | Things', authors: ['Ana Pérez', 'Bo Li'], venue: 'CVPR 2023', date: '2023-01-05' })
  expect(paper.links).toEqual([
    { type: 'paper', url: 'https://example.org/a.pdf', label: 'PDF' },
    { type: 'code', url: 'https://github.com/a/b' }
  ])
  expect(paper.categories).toEqual([{ category: 'vision' }, { category: 'detection' }])
  const generated = generateImported(result)
  const changed = blocks(source).filter((block, index) => block.key !== blocks(generated)[index]!.key)
  expect(changed.map((block) => block.start)).toEqual([6, 12, 25])
  expect(generateImported(importMarkdown(generated, { output: 'README.md', file: 'README.md' }))).toBe(generated)
})
