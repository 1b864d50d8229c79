/**
 * The serialization shortcut writes exactly what remark-stringify writes:
 * real lists and a randomized corpus of awkward text, serialized both ways.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { RootContent } from 'mdast'
import { describe, expect, test } from 'vitest'
import { syntheticList } from '../scripts/bench/synthetic.ts'
import { fastBlock } from '../scripts/core/fast-markdown.ts'
import { stringifyBlocks } from '../scripts/core/markdown.ts'
import type { Entry, PapersFile } from '../scripts/core/model.ts'
import { categorized } from '../scripts/formats/categorized.ts'
import { venueTable } from '../scripts/formats/venue-table.ts'
import { importMarkdown } from '../scripts/import/index.ts'
import { fixtures, root } from './helpers.ts'

function renderedBlocks(data: PapersFile): RootContent[] {
  const table = venueTable.render({ data, entries: data.entries, options: { ...venueTable.defaults, venueLabel: '{year} {series}' } })
  const list = categorized.render({ data, entries: data.entries, options: categorized.defaults })
  return [...table.blocks, ...list.blocks]
}

function expectSameAsLibrary(blocks: RootContent[]) {
  // Block by block, so a difference names its block; then all together, for the joins; with either emphasis marker.
  for (const style of [{}, { emphasis: '*' as const, bullet: '+' as const }]) {
    for (const block of blocks) expect(stringifyBlocks([block], { style })).toBe(stringifyBlocks([block], { shortcut: false, style }))
    expect(stringifyBlocks(blocks, { style })).toBe(stringifyBlocks(blocks, { shortcut: false, style }))
  }
}

/** A small deterministic PRNG (mulberry32), so a failure can be replayed. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let value = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    value = (value + Math.imul(value ^ (value >>> 7), 61 | value)) ^ value
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296
  }
}

const pieces = [
  'Mixture', 'of', 'Experts', 'MoE', 'LLaVA-1.5', 'M³ViT', 'Écrivain', '2024', '1.', '3)', 'x:y', 'https://a.b', 'www.example.com', 'a_b', '_c_', '*d*',
  '[e]', '(f)', 'g|h', 'i!', '&amp;', 'a & b', '<i>', '#1', '-', '+', '=', '>', '~', '`code`', 'back\\slash', '"quoted"', "it's", '?', '.', ':', ' ', '  ', 'Ω', '混合专家'
]

const plainPieces = pieces.slice(0, 8)

/** Mostly plain words, sometimes anything from the awkward list. */
function phrase(next: () => number, words: number): string {
  const from = next() < 0.7 ? plainPieces : pieces
  return Array.from({ length: words }, () => from[Math.floor(next() * from.length)]).join(next() < 0.8 ? ' ' : '')
}

function randomList(seed: number, size: number): PapersFile {
  const next = random(seed)
  const venues: PapersFile['venues'] = { 'CVPR 2024': { type: 'conference', date: '2024-06-17' }, arXiv: { type: 'preprint' }, [`${phrase(next, 2).trim() || 'X'} 2020`]: { type: 'conference' } }
  const venueNames = Object.keys(venues)
  const entries: Entry[] = Array.from({ length: size }, (_, index) => ({
    kind: 'paper',
    ...(next() < 0.7 ? { key: phrase(next, 1).trim() || 'K' } : {}),
    title: phrase(next, 1 + Math.floor(next() * 8)).trim() || `Title ${index}`,
    authors: Array.from({ length: 1 + Math.floor(next() * 3) }, () => phrase(next, 2).trim() || 'A'),
    venue: venueNames[Math.floor(next() * venueNames.length)]!,
    date: next() < 0.5 ? '2024-01-08' : '2022-winter',
    links: [
      { type: 'paper', url: next() < 0.8 ? `https://arxiv.org/abs/2401.${String(index).padStart(5, '0')}` : 'https://x.org/a?b=1&c=(2)' },
      ...(next() < 0.5 ? [{ type: 'code' as const, url: 'https://github.com/o/r', ...(next() < 0.3 ? { label: phrase(next, 1).trim() || 'Code' } : {}) }] : [])
    ],
    categories: [{ category: 'topic', ...(next() < 0.5 ? { notes: [phrase(next, 2).trim() || 'N', ...(next() < 0.3 ? ['Second'] : [])] } : {}) }]
  }))
  return { venues, categories: [{ id: 'topic', title: phrase(next, 3).trim() || 'Topic', description: 'Prose.' }], entries }
}

describe('the shortcut gives the library output', () => {
  test.each([
    ['the venue table seed', 'seeds/venue-table.md'],
    ['the categorized seed', 'seeds/categorized.md']
  ])('on %s', (_name, file) => {
    const data = importMarkdown(readFileSync(path.join(fixtures, file), 'utf8'), { output: 'README.md', file }).data
    expectSameAsLibrary(renderedBlocks(data))
  })

  test('on the committed papers.json', () => {
    expectSameAsLibrary(renderedBlocks(JSON.parse(readFileSync(path.join(root, 'papers.json'), 'utf8'))))
  })

  test('on a synthetic list, where it is taken for most blocks', () => {
    const blocks = renderedBlocks(syntheticList(500))
    expectSameAsLibrary(blocks)
    const taken = blocks.filter((block) => fastBlock(block) !== undefined).length
    expect(taken / blocks.length).toBeGreaterThan(0.9)
  })

  test.each(Array.from({ length: Number(process.env.FAST_MARKDOWN_SEEDS ?? 8) }, (_, index) => index + 1))('on random awkward text (seed %i)', (seed) => {
    const blocks = renderedBlocks(randomList(seed, 400))
    expectSameAsLibrary(blocks)
    // Not vacuous: some blocks take the shortcut, some do not.
    const taken = blocks.filter((block) => fastBlock(block) !== undefined).length
    expect(taken).toBeGreaterThan(0)
    expect(taken).toBeLessThan(blocks.length)
  })
})
