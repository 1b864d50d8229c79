/** The page's script and style, inlined into it: plain JavaScript and CSS, no build step. */

export const pageScript = String.raw`// Search, filters and copy-BibTeX for the list; the page reads the same without it.
;(() => {
  const form = document.getElementById('filters')
  const count = document.getElementById('count')
  const list = document.getElementById('entries')
  const more = document.getElementById('more')
  const rest = document.getElementById('rest')
  const fields = ['q', 'category', 'venue', 'year', 'kind']
  // Every entry, as the page was built: its key, what the filters compare, its search text (lower case) and its HTML.
  const rows = JSON.parse(document.getElementById('data').textContent).map(([key, year, venue, kind, categories, text, html]) => ({ key, year, venue, kind, categories: ' ' + categories + ' ', text, html }))
  // At most a page of results at once (as many as the page shows without a script), so a keystroke lays out a page, not the whole list.
  const page = Number(list.dataset.page)
  let limit = page
  let shown = 0
  let matches = rows
  // Each entry's element, parsed from its HTML the first time it is shown and kept.
  const parser = document.createElement('template')
  const nodesOf = (from, to) => {
    const slice = matches.slice(from, to)
    const fresh = slice.filter((row) => !row.node)
    parser.innerHTML = fresh.map((row) => row.html).join('')
    fresh.forEach((row, index) => (row.node = parser.content.children[index]))
    return slice.map((row) => row.node)
  }
  const show = () => {
    const end = Math.min(limit, matches.length)
    // More of the same results are added after those shown; new results replace them.
    if (end > shown && shown > 0) list.append(...nodesOf(shown, end))
    else list.replaceChildren(...nodesOf(0, end))
    shown = end
    more.hidden = matches.length <= limit
    more.textContent = 'Show ' + Math.min(page * 5, matches.length - limit) + ' more of ' + (matches.length - limit)
  }
  const apply = () => {
    const terms = form.q.value.toLowerCase().split(/\s+/).filter(Boolean)
    const { category, venue, year, kind } = Object.fromEntries(fields.map((name) => [name, form[name].value]))
    const wanted = ' ' + category + ' '
    matches = rows.filter(
      (row) =>
        terms.every((term) => row.text.includes(term)) &&
        (!category || row.categories.includes(wanted)) &&
        (!venue || row.venue === venue) &&
        (!year || row.year === year) &&
        (!kind || row.kind === kind)
    )
    limit = page
    shown = 0
    show()
    count.value = matches.length + ' of ' + rows.length
    // The state in the address, so a search can be shared.
    const params = new URLSearchParams()
    for (const name of fields) if (form[name].value) params.set(name, form[name].value)
    const query = params.toString()
    history.replaceState(null, '', (query ? '?' + query : location.pathname) + location.hash)
  }
  // A link to one entry (#key) shows it, however far down the results it is.
  const reveal = () => {
    const key = decodeURIComponent(location.hash.slice(1))
    const index = matches.findIndex((row) => row.key === key)
    if (index < 0) return
    if (index >= limit) {
      limit = Math.ceil((index + 1) / page) * page
      show()
    }
    document.getElementById(key).scrollIntoView()
  }
  const params = new URLSearchParams(location.search)
  for (const name of fields) if (params.has(name)) form[name].value = params.get(name)
  form.addEventListener('input', apply)
  form.addEventListener('submit', (event) => event.preventDefault())
  more.addEventListener('click', () => {
    limit += page * 5
    show()
  })
  addEventListener('hashchange', reveal)
  // papers.bib, once: each entry's BibTeX is cut from it by its key.
  let bibtex
  const entryOf = async (key) => {
    bibtex = bibtex || fetch('papers.bib').then((response) => (response.ok ? response.text() : Promise.reject(new Error(response.status))))
    const text = await bibtex
    const start = text.search(new RegExp('^@\\w+\\{' + key.replace(/[.*+?^$()|[\]\\{}]/g, '\\$&') + ',', 'm'))
    if (start < 0) throw new Error('not found')
    const end = text.indexOf('\n}', start)
    return text.slice(start, end + 2)
  }
  list.addEventListener('click', async (event) => {
    const button = event.target.closest('button.copy')
    if (!button) return
    try {
      // The entry's id is its citation key.
      const text = await entryOf(button.closest('.entry').id)
      try {
        await navigator.clipboard.writeText(text)
        button.textContent = 'Copied'
      } catch {
        const pre = document.createElement('pre')
        pre.textContent = text
        button.after(pre)
        getSelection().selectAllChildren(pre)
        button.textContent = 'Selected: copy it'
      }
    } catch {
      button.textContent = 'BibTeX unavailable: see papers.bib'
    }
  })
  // The button pages through the results; the link to every entry on one page is for reading without JavaScript.
  rest.hidden = true
  apply()
  if (location.hash) reveal()
})()
`

export const pageStyle = String.raw`:root { color-scheme: light dark; --fg: #1b1f24; --muted: #4b5563; --bg: #ffffff; --accent: #0b5cad; --bar: #2f6fb3; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --muted: #b0bac5; --bg: #0d1117; --accent: #6cb6ff; --bar: #4c8ed9; } }
body { font: 16px/1.5 system-ui, sans-serif; color: var(--fg); background: var(--bg); margin: 0 auto; max-width: 60rem; padding: 1rem; }
a { color: var(--accent); }
form { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center; position: sticky; top: 0; background: var(--bg); padding: .5rem 0; border-bottom: 1px solid var(--muted); }
input, select, button { font: inherit; }
input[type=search] { flex: 1 1 16rem; padding: .3rem .5rem; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(20rem, 1fr)); gap: 1rem; }
figure { margin: 1rem 0; }
figcaption { font-weight: 600; }
svg text { fill: var(--fg); font-size: 12px; }
svg rect { fill: var(--bar); }
ol { padding-left: 1.5rem; }
.entry h2 { font-size: 1.05rem; margin: 1rem 0 .2rem; }
.entry p { margin: .1rem 0; }
/* Entries out of view are not laid out until scrolled to. */
.entry { content-visibility: auto; contain-intrinsic-size: auto 9rem; }
.authors, .meta { color: var(--muted); }
.category { border: 1px solid var(--muted); border-radius: .6rem; padding: 0 .4rem; font-size: .85rem; }
.notes { font-style: italic; }
[hidden] { display: none !important; }
`
