/**
 * The Atom feed of additions: the newest `added` entries first, as many as
 * the template asks, valid XML whatever the text holds, and the same bytes
 * for the same data (its `updated` is the newest addition's day).
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { expect, test } from 'vitest'
import type { Entry, PapersFile } from '../scripts/core/model.ts'
import { renderOutput } from '../scripts/core/render.ts'
import { parseTemplate } from '../scripts/core/template.ts'

const template = (options = '') => parseTemplate(`---\noutput: feed.xml\nformat: atom\noptions:\n  title: New papers\n  link: https://github.com/o/list\n${options}---\n<!-- generate:entries -->\n`, 'templates/feed.xml.md')
const feed = (data: PapersFile, options = '') => {
  const parsed = template(options)
  return renderOutput(parsed, data, [parsed.config]).content
}

const entry = (title: string, added?: string, extra: Partial<Entry> = {}): Entry => ({ kind: 'paper', title, authors: ['Ana Pérez', 'et al.'], venue: 'arXiv', date: '2024-01-08', links: [{ type: 'paper', url: `https://arxiv.org/abs/2401.0${title.length % 10}00${title.length % 7}` }], ...(added ? { added } : {}), ...extra })
const data: PapersFile = {
  venues: { arXiv: { type: 'preprint' } },
  categories: [{ id: 'routing', title: 'Routing & Gates' }],
  entries: [
    entry('Old', '2024-01-02'),
    entry('Never added'),
    entry('Newest <b>&</b> "quoted" ]]>', '2024-03-05', { categories: [{ category: 'routing' }] }),
    entry('Middle', '2024-02-01'),
    entry('Same day, earlier in the file', '2024-02-01', { authors: undefined, links: undefined, doi: '10.1234/x' })
  ]
}

test('the newest additions first, with their data; entries never added are not in it', () => {
  const text = feed(data)
  expect(XMLValidator.validate(text)).toBe(true)
  const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', isArray: (name) => name === 'entry' || name === 'author' || name === 'category' }).parse(text) as { feed: { updated: string; id: string; entry: Array<Record<string, unknown>> } }
  expect(parsed.feed.updated).toBe('2024-03-05T00:00:00Z')
  expect(parsed.feed.id).toBe('https://github.com/o/list')
  expect(parsed.feed.entry.map((item) => item.title)).toEqual(['Newest <b>&</b> "quoted" ]]>', 'Middle', 'Same day, earlier in the file', 'Old'])
  const newest = parsed.feed.entry[0]!
  expect(newest).toMatchObject({ updated: '2024-03-05T00:00:00Z', author: [{ name: 'Ana Pérez' }], summary: 'Ana Pérez, et al. arXiv, 8 Jan 2024', category: [{ '@_term': 'Routing & Gates' }] })
  expect(parsed.feed.entry[2]).toMatchObject({ id: 'https://doi.org/10.1234/x' })
})

test('as many as the template asks; the same bytes for the same data; an empty feed is valid', () => {
  const parsed = new XMLParser({ isArray: (name) => name === 'entry' }).parse(feed(data, '  limit: 2\n')) as { feed: { entry: unknown[] } }
  expect(parsed.feed.entry).toHaveLength(2)
  expect(feed(data)).toBe(feed(structuredClone(data)))
  const empty = feed({ ...data, entries: [entry('Never added')] })
  expect(XMLValidator.validate(empty)).toBe(true)
  expect(empty).toContain('<updated>1970-01-01T00:00:00Z</updated>')
  expect(empty).not.toContain('<entry>')
})
