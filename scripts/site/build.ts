/**
 * The searchable page: `index.html` from `papers.json`, with `list.html`
 * (every entry, plain HTML) and `papers.bib` beside it.
 *
 * Without JavaScript `index.html` shows the first page of entries in plain
 * HTML, charts as SVG and a link to `list.html`, which shows them all. With
 * it, a search over title, authors, notes and venue, filters by category,
 * venue, year and kind, the state in the URL (shareable), and a copy-BibTeX
 * button per entry (from `papers.bib`, fetched on the first copy).
 *
 * Every entry's HTML is rendered here, once. The entries past the first page
 * travel as JSON (their HTML and search text) in a data block the browser
 * does not parse as HTML: a list of 10,000 parsed as HTML took a second
 * before the page could be searched; as data it takes a fraction of that.
 * No framework and no build step: the script is `site/assets.ts`, inlined.
 * Pure: data in, files out.
 */
import { citationKeys } from '../core/citekeys.ts'
import { flattenCategories } from '../core/categories.ts'
import { formatDate } from '../core/dates.ts'
import { defaultLinkLabels } from '../formats/labels.ts'
import { bibtexEntry } from '../formats/bibtex.ts'
import type { Entry, PapersFile } from '../core/model.ts'
import { splitVenue } from '../core/venues.ts'
import { pageScript as script, pageStyle as style } from './assets.ts'
import { barChart, type Bar } from './chart.ts'
import { html } from './html.ts'

export interface SiteOptions {
  title: string
}

/** How many entries `index.html` shows at first, with or without JavaScript. */
export const firstPage = 100

/** A link only to a web address; anything else is not a link. */
function safeHref(url: string): string | undefined {
  return /^https?:\/\/[^\s"'<>]+$/i.test(url) ? url : undefined
}

/** What the page's script reads of an entry: its key, what the filters compare, its search text and its HTML. */
type Row = [key: string, year: string, venue: string, kind: string, categories: string, text: string, html: string]

/** JSON inside `<script type="application/json">`: no `</…` or `<!--` may end or escape the block. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/<\//g, '<\\/').replace(/<!--/g, '\\u003c!--')
}

export function buildSite(data: PapersFile, options: SiteOptions): Record<string, string> {
  const keys = citationKeys(data.entries)
  const categories = flattenCategories(data.categories)
  const titleOf = new Map(categories.map(({ category }) => [category.id, category.title]))
  const yearOf = (entry: Entry) => /^\d{4}/.exec(entry.date ?? '')?.[0] ?? (entry.venue === undefined ? undefined : splitVenue(entry.venue).year?.toString())
  const seriesOf = (entry: Entry) => (entry.venue === undefined ? undefined : splitVenue(entry.venue).series)

  const rendered = data.entries.map((entry) => {
    const key = keys.get(entry)!
    const notes = [...(entry.categories ?? []).flatMap((membership) => membership.notes ?? []), ...(entry.key ? [entry.key] : []), ...(entry.tags ?? [])]
    const categoryTitles = (entry.categories ?? []).map((membership) => titleOf.get(membership.category) ?? membership.category)
    const meta = [entry.venue, entry.date ? formatDate(entry.date) : undefined].filter((part): part is string => Boolean(part))
    const links = (entry.links ?? [])
      .map((link) => ({ href: safeHref(link.url), label: link.label ?? defaultLinkLabels[link.type] ?? link.type }))
      .filter((link) => link.href !== undefined)
      .map((link) => `<a href="${html(link.href!)}">${html(link.label)}</a>`)
    const paper = entry.links?.find((link) => link.type === 'paper' && safeHref(link.url))?.url
    const title = paper ? `<a href="${html(paper)}">${html(entry.title)}</a>` : html(entry.title)
    const item = (copy: boolean) => [
      `<li class="entry" id="${html(key)}" data-year="${html(yearOf(entry) ?? '')}" data-venue="${html(seriesOf(entry) ?? '')}" data-kind="${entry.kind}" data-categories="${html((entry.categories ?? []).map((membership) => membership.category).join(' '))}">`,
      `<h2>${entry.withdrawn ? `<del>${title}</del>` : title}</h2>`,
      entry.authors && entry.authors.length > 0 ? `<p class="authors">${html(entry.authors.join(', '))}</p>` : '',
      `<p class="meta">${meta.map(html).join(' · ')}${categoryTitles.map((category) => ` <span class="category">${html(category)}</span>`).join('')}</p>`,
      notes.length > 0 ? `<p class="notes">${notes.map(html).join(' · ')}</p>` : '',
      `<p class="links">${links.join(' ')}${copy ? ` <button type="button" class="copy" aria-label="Copy BibTeX of ${html(entry.title)}">Copy BibTeX</button>` : ''}</p>`,
      '</li>'
    ]
      .join('')
      // One entry, one line (a title's line break is a space in HTML).
      .replace(/[\r\n\u2028\u2029]+/g, ' ')
    // Fields apart, so a search word never matches across two of them.
    const text = [entry.title, ...(entry.authors ?? []), ...meta, ...categoryTitles, ...notes].join('\n').toLowerCase()
    const row: Row = [key, yearOf(entry) ?? '', seriesOf(entry) ?? '', entry.kind, (entry.categories ?? []).map((membership) => membership.category).join(' '), text, item(true)]
    return { row, plain: item(false) }
  })
  const rows = rendered.map(({ row }) => row)

  const count = <T extends string>(values: Array<T | undefined>): Map<T, number> => {
    const counts = new Map<T, number>()
    for (const value of values) if (value !== undefined) counts.set(value, (counts.get(value) ?? 0) + 1)
    return counts
  }
  const years = [...count(data.entries.map(yearOf))].sort((a, b) => Number(a[0]) - Number(b[0]))
  const venues = [...count(data.entries.map(seriesOf))].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
  const perCategory = count(data.entries.flatMap((entry) => (entry.categories ?? []).map((membership) => membership.category)))
  const categoryBars: Bar[] = categories.filter(({ category }) => perCategory.has(category.id)).map(({ category }) => ({ label: category.title, value: perCategory.get(category.id)! }))

  const option = (value: string, label: string) => `<option value="${html(value)}">${html(label)}</option>`
  const select = (id: string, label: string, values: Array<[string, string]>) => `<label for="${id}">${label}</label><select id="${id}" name="${id}">${option('', 'All')}${values.map(([value, text]) => option(value, text)).join('')}</select>`
  const kinds = [...new Set(data.entries.map((entry) => entry.kind))].sort()
  const total = data.entries.length
  const head = (title: string) => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${html(title)}</title>
<style>${style}</style>
</head>
`

  const page = `${head(options.title)}<body>
<header><h1>${html(options.title)}</h1><p>${total} entries. <a href="list.html">All on one page</a> · <a href="papers.bib">All as BibTeX</a></p></header>
<main>
<form id="filters" role="search" aria-label="Search and filter the list">
<label for="q">Search</label><input id="q" name="q" type="search" autocomplete="off" placeholder="Title, author, note, venue">
${select('category', 'Category', categories.map(({ category, level }) => [category.id, `${'· '.repeat(level)}${category.title}`]))}
${select('venue', 'Venue', venues.map(([venue]) => [venue, venue]))}
${select('year', 'Year', [...years].reverse().map(([year]) => [year, year]))}
${select('kind', 'Kind', kinds.map((kind) => [kind, kind]))}
<output id="count" for="q category venue year kind" aria-live="polite">${total} of ${total}</output>
</form>
<section class="charts" aria-label="Charts">
${barChart('Papers per year', years.map(([label, value]) => ({ label, value })))}
${barChart('Papers per venue', venues.slice(0, 15).map(([label, value]) => ({ label, value })))}
${barChart('Papers per category', categoryBars)}
</section>
<ol id="entries" data-page="${firstPage}">
${rows
  .slice(0, firstPage)
  .map((row) => row[6])
  .join('\n')}
</ol>
<p id="rest"${total > firstPage ? '' : ' hidden'}><a href="list.html">All ${total} entries on one page</a></p>
<button type="button" id="more" hidden>Show more</button>
</main>
<script type="application/json" id="data">${scriptJson(rows)}</script>
<script>${script}</script>
</body>
</html>
`
  const list = `${head(`${options.title}: all entries`)}<body>
<header><h1>${html(options.title)}</h1><p>All ${total} entries. <a href="index.html">Search and filter</a> · <a href="papers.bib">All as BibTeX</a></p></header>
<main>
<ol id="entries">
${rendered.map(({ plain }) => plain).join('\n')}
</ol>
</main>
</body>
</html>
`
  return {
    'index.html': page,
    'list.html': list,
    'papers.bib': `${data.entries.map((entry) => bibtexEntry(entry, keys.get(entry)!, data)).join('\n\n')}\n`
  }
}
