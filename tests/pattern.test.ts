/**
 * The pattern language on its own: units left out when an entry lacks
 * their values, links without an address shown as their label, lines of
 * alternatives (`A || B`), the identifiers (`{doi}`, `{citekey}`), and
 * brackets around links written as lists write them.
 */
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { keepBrackets, parseMarkdown, stringifyBlocks } from '../scripts/core/markdown.ts'
import type { Entry } from '../scripts/core/model.ts'
import { parsePattern, patternText, reduceUnit, renderPattern } from '../scripts/formats/pattern.ts'

const labels = { paper: 'Paper', code: 'Code' }
const render = (pattern: string, entry: Entry) => renderPattern(parsePattern(pattern), entry, { labels })

const full: Entry = {
  kind: 'paper',
  title: 'Sparse Gates',
  authors: ['Ana Pérez', 'Bo Li', 'Cy Ng'],
  venue: 'ICLR 2022',
  date: '2021-10-05',
  links: [
    { type: 'paper', url: 'https://arxiv.org/abs/2110.04260' },
    { type: 'code', url: 'https://github.com/o/r' }
  ],
  doi: '10.1145/1.2',
  citekey: 'perez2022sparse'
}
const bare: Entry = { kind: 'paper', title: 'Dense Layers', date: '2022-03-28', links: [{ type: 'paper', url: 'https://arxiv.org/abs/2203.14685' }] }

describe('units', () => {
  test('a unit without its values is left out with the space before it', () => {
    expect(render('**{title}** by {authors|and}. *{series}* {vyear}', full)).toBe('**Sparse Gates** by Ana Pérez, Bo Li and Cy Ng. *ICLR* 2022')
    expect(render('**{title}** by {authors|and}. *{series}* {vyear}', bare)).toBe('**Dense Layers**')
  })

  test('a link without its address shows its label; a badge without its repository is left out', () => {
    expect(render('{title} [[pdf]]({paper}) [Code]({code}) [![Star](https://img.shields.io/github/stars/{repo})]({code})', bare)).toBe('Dense Layers [[pdf]](https://arxiv.org/abs/2203.14685)')
    expect(render('{title} [![Star](https://img.shields.io/github/stars/{repo})]({code})', full)).toBe('Sparse Gates [![Star](https://img.shields.io/github/stars/o/r)](https://github.com/o/r)')
  })

  test('{doi} is its resolver address, with what a URL cannot hold encoded; {citekey} is text', () => {
    expect(render('[DOI]({doi}) {citekey}', full)).toBe('[DOI](https://doi.org/10.1145/1.2) perez2022sparse')
    expect(render('[DOI]({doi})', { ...full, doi: '10.1002/(SICI)1097#x?y' })).toBe('[DOI](https://doi.org/10.1002/(SICI)1097%23x%3Fy)')
    expect(render('{title} [DOI]({doi})', bare)).toBe('Dense Layers')
  })
})

describe('alternatives, A || B', () => {
  const pattern = '{title} [[{series}{vyear}]]({paper}) || {title} [[{date|D MMM YYYY}]]({paper})'

  test('the first line whose text values the entry has is written', () => {
    expect(render(pattern, full)).toBe('Sparse Gates [[ICLR2022]](https://arxiv.org/abs/2110.04260)')
    expect(render(pattern, bare)).toBe('Dense Layers [[28 Mar 2022]](https://arxiv.org/abs/2203.14685)')
  })

  test('with none complete, the first with any value; with none at all, nothing', () => {
    expect(render('*{series}* {year} || {date|YYYY-MM} {tag}', { kind: 'paper', title: 'T', date: '2020-01' })).toBe('2020')
    expect(render('{series} || {tag}', { kind: 'paper', title: 'T' })).toBeUndefined()
  })

  test('a badge for rows with a repository, the plain title for the others', () => {
    const cell = '[![Star](https://img.shields.io/github/stars/{repo})]({code}) <br> [**{title}**]({paper}) || [**{title}**]({paper})'
    expect(render(cell, full)).toBe('[![Star](https://img.shields.io/github/stars/o/r)](https://github.com/o/r) <br> [**Sparse Gates**](https://arxiv.org/abs/2110.04260)')
    expect(render(cell, bare)).toBe('[**Dense Layers**](https://arxiv.org/abs/2203.14685)')
  })

  test('written back as read; ` || ` inside brackets or placeholders is text', () => {
    for (const text of [pattern, '[a || b]({paper}) {title}', '{title} {extra:x || y}']) expect(patternText(parsePattern(text))).toBe(text)
    expect(parsePattern('[a || b]({paper}) {title}')[0]!.some((unit) => unit.alternatives)).toBe(false)
  })

  test('reduced as the importer compares it: the chosen line without what the entry lacks', () => {
    const has = (fields: string[]) => (field: string) => fields.includes(field.split('|')[0]!)
    expect(reduceUnit(pattern, has(['title', 'date', 'paper']))).toBe('{title} [[{date|D MMM YYYY}]]({paper})')
    expect(reduceUnit(pattern, has(['title', 'series', 'vyear']))).toBe('{title} [{series}{vyear}]')
  })
})

describe('brackets around links', () => {
  test.for([
    ['x, [[Paper](https://a.b)] [[GitHub](https://c.d)]', 'x, [[Paper](https://a.b)] [[GitHub](https://c.d)]'],
    ['[[4 Sep 2022]](https://a.b)', '[[4 Sep 2022]](https://a.b)'],
    ['[[a_b*c]](https://x.y/(a))', '[[a_b\\*c]](https://x.y/\\(a\\))'],
    ['[[[x]]](https://a.b)', '[\\[\\[x\\]\\]](https://a.b)']
  ] as const)('%s is written %s', ([written, expected]) => {
    expect(stringifyBlocks(keepBrackets(parseMarkdown(written)).children)).toBe(expected)
  })

  /** Phrasing of text with brackets, emphasis and links, as lists write it. */
  const piece = fc.oneof(
    fc.constantFrom('[', ']', ' ', 'a', '[x]', '\\[', '*', '_', ', ', '(', ')', '!'),
    fc.tuple(fc.constantFrom('Paper', '4 Sep 2022', '[ICLR 2022]', 'a]b', '[x', ''), fc.constantFrom('https://a.b', 'https://a.b/(c)', 'https://a.b/x y')).map(([label, url]) => `[${label}](${url.includes(' ') ? `<${url}>` : url})`)
  )

  test('whatever the brackets, the text written parses back to the same document', () => {
    const strip = (value: unknown) => JSON.stringify(value, (key, inner) => (key === 'position' ? undefined : inner))
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 12 }), (pieces) => {
        const text = `- ${pieces.join('')}`
        const tree = parseMarkdown(text)
        const written = stringifyBlocks(keepBrackets(parseMarkdown(text)).children)
        expect(strip(parseMarkdown(written).children)).toBe(strip(tree.children))
      }),
      { numRuns: 400 }
    )
  })
})
