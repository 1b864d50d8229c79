/**
 * The searchable page: one self-contained `index.html` from `papers.json`.
 * Without JavaScript it is the list itself, in plain HTML, with charts as
 * SVG; with it, a search over title, authors, notes and venue, filters by
 * category, venue, year and kind, the state in the URL (shareable), and a
 * copy-BibTeX button per entry (from `papers.bib` beside the page, fetched on
 * the first copy). No framework and no build step: the script
 * is `site/assets.ts`, inlined. Pure: data in, files out.
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


/** A link only to a web address; anything else is not a link. */
function safeHref(url: string): string | undefined {
  return /^https?:\/\/[^\s"'<>]+$/i.test(url) ? url : undefined
}

export function buildSite(data: PapersFile, options: SiteOptions): Record<string, string> {
  const keys = citationKeys(data.entries)
  const categories = flattenCategories(data.categories)
  const titleOf = new Map(categories.map(({ category }) => [category.id, category.title]))
  const yearOf = (entry: Entry) => /^\d{4}/.exec(entry.date ?? '')?.[0] ?? (entry.venue === undefined ? undefined : splitVenue(entry.venue).year?.toString())
  const seriesOf = (entry: Entry) => (entry.venue === undefined ? undefined : splitVenue(entry.venue).series)

  const items = data.entries.map((entry) => {
    const key = keys.get(entry)!
    const notes = (entry.categories ?? []).flatMap((membership) => membership.notes ?? [])
    const year = yearOf(entry)
    const series = seriesOf(entry)
    const links = (entry.links ?? [])
      .map((link) => ({ href: safeHref(link.url), label: link.label ?? defaultLinkLabels[link.type] ?? link.type }))
      .filter((link) => link.href !== undefined)
      .map((link) => `<a href="${html(link.href!)}">${html(link.label)}</a>`)
    const paper = entry.links?.find((link) => link.type === 'paper' && safeHref(link.url))?.url
    const title = paper ? `<a href="${html(paper)}">${html(entry.title)}</a>` : html(entry.title)
    const memberships = (entry.categories ?? []).map((membership) => `<span class="category">${html(titleOf.get(membership.category) ?? membership.category)}</span>`)
    return [
      `<li class="entry" id="${html(key)}" data-year="${html(year ?? '')}" data-venue="${html(series ?? '')}" data-kind="${entry.kind}" data-categories="${html((entry.categories ?? []).map((membership) => membership.category).join(' '))}">`,
      `<h2>${entry.withdrawn ? `<del>${title}</del>` : title}</h2>`,
      entry.authors && entry.authors.length > 0 ? `<p class="authors">${html(entry.authors.join(', '))}</p>` : '',
      `<p class="meta">${[entry.venue, entry.date ? formatDate(entry.date) : undefined].filter(Boolean).map((part) => html(part!)).join(' · ')}${memberships.length > 0 ? ` ${memberships.join(' ')}` : ''}</p>`,
      notes.length > 0 || entry.key || (entry.tags ?? []).length > 0 ? `<p class="notes">${[...notes, ...(entry.key ? [entry.key] : []), ...(entry.tags ?? [])].map((note) => html(note)).join(' · ')}</p>` : '',
      `<p class="links">${links.join(' ')} <button type="button" class="copy" aria-label="Copy BibTeX of ${html(entry.title)}">Copy BibTeX</button></p>`,
      '</li>'
    ]
      .filter((line) => line !== '')
      .join('')
  })

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

  const page = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${html(options.title)}</title>
<style>${style}</style>
</head>
<body>
<header><h1>${html(options.title)}</h1><p>${data.entries.length} entries. <a href="papers.bib">All as BibTeX</a></p></header>
<main>
<form id="filters" role="search" aria-label="Search and filter the list">
<label for="q">Search</label><input id="q" name="q" type="search" autocomplete="off" placeholder="Title, author, note, venue">
${select('category', 'Category', categories.map(({ category, level }) => [category.id, `${'· '.repeat(level)}${category.title}`]))}
${select('venue', 'Venue', venues.map(([venue]) => [venue, venue]))}
${select('year', 'Year', [...years].reverse().map(([year]) => [year, year]))}
${select('kind', 'Kind', kinds.map((kind) => [kind, kind]))}
<output id="count" for="q category venue year kind" aria-live="polite">${data.entries.length} of ${data.entries.length}</output>
</form>
<section class="charts" aria-label="Charts">
${barChart('Papers per year', years.map(([label, value]) => ({ label, value })))}
${barChart('Papers per venue', venues.slice(0, 15).map(([label, value]) => ({ label, value })))}
${barChart('Papers per category', categoryBars)}
</section>
<ol id="entries">
${items.join('\n')}
</ol>
<button type="button" id="more" hidden>Show more</button>
</main>
<script>${script}</script>
</body>
</html>
`
  return { 'index.html': page, 'papers.bib': `${data.entries.map((entry) => bibtexEntry(entry, keys.get(entry)!, data)).join('\n\n')}\n` }
}
