/** The page's script and style, inlined into it: plain JavaScript and CSS, no build step. */

export const pageScript = String.raw`// Search, filters and copy-BibTeX for the list; the page reads the same without it.
;(() => {
  const form = document.getElementById('filters')
  const count = document.getElementById('count')
  const entries = Array.from(document.querySelectorAll('#entries > .entry'))
  const fields = ['q', 'category', 'venue', 'year', 'kind']
  // What a search reads: the entry's own text (title, authors, venue, notes, categories), once.
  const texts = entries.map((entry) => entry.textContent.toLowerCase())
  const list = document.getElementById('entries')
  const more = document.getElementById('more')
  // At most this many results in the page at once, so a keystroke lays out a page, not the whole list.
  const page = 200
  let limit = page
  let matches = entries
  const show = () => {
    list.replaceChildren(...matches.slice(0, limit))
    more.hidden = matches.length <= limit
    more.textContent = 'Show ' + Math.min(page * 5, matches.length - limit) + ' more of ' + (matches.length - limit)
  }
  const apply = () => {
    const terms = form.q.value.toLowerCase().split(/\s+/).filter(Boolean)
    const { category, venue, year, kind } = Object.fromEntries(fields.map((name) => [name, form[name].value]))
    matches = entries.filter((entry, index) => {
      const text = texts[index]
      return (
        terms.every((term) => text.includes(term)) &&
        (!category || (' ' + entry.dataset.categories + ' ').includes(' ' + category + ' ')) &&
        (!venue || entry.dataset.venue === venue) &&
        (!year || entry.dataset.year === year) &&
        (!kind || entry.dataset.kind === kind)
      )
    })
    const shown = matches.length
    limit = page
    show()
    count.value = shown + ' of ' + entries.length
    // The state in the address, so a search can be shared.
    const params = new URLSearchParams()
    for (const name of fields) if (form[name].value) params.set(name, form[name].value)
    const query = params.toString()
    history.replaceState(null, '', query ? '?' + query : location.pathname)
  }
  const params = new URLSearchParams(location.search)
  for (const name of fields) if (params.has(name)) form[name].value = params.get(name)
  form.addEventListener('input', apply)
  more.addEventListener('click', () => {
    limit += page * 5
    show()
  })
  form.addEventListener('submit', (event) => event.preventDefault())
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
  document.getElementById('entries').addEventListener('click', async (event) => {
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
  apply()
})()
`

export const pageStyle = String.raw`:root { color-scheme: light dark; --fg: #1b1f24; --muted: #4b5563; --bg: #ffffff; --accent: #0b5cad; --bar: #2f6fb3; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --muted: #b0bac5; --bg: #0d1117; --accent: #6cb6ff; --bar: #4c8ed9; } }
body { font: 16px/1.5 system-ui, sans-serif; color: var(--fg); background: var(--bg); margin: 0 auto; max-width: 60rem; padding: 1rem; }
a { color: var(--accent); }
form { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center; position: sticky; top: 0; background: var(--bg); padding: .5rem 0; border-bottom: 1px solid var(--muted); }
input, select, button { font: inherit; }
input[type=search] { flex: 1 1 16rem; padding: .3rem .5rem; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(18rem, 1fr)); gap: 1rem; }
figure { margin: 1rem 0; }
figcaption { font-weight: 600; }
svg text { fill: var(--fg); font-size: 12px; }
svg rect { fill: var(--bar); }
ol { padding-left: 1.5rem; }
.entry h2 { font-size: 1.05rem; margin: 1rem 0 .2rem; }
.entry p { margin: .1rem 0; }
.authors, .meta { color: var(--muted); }
.category { border: 1px solid var(--muted); border-radius: .6rem; padding: 0 .4rem; font-size: .85rem; }
.notes { font-style: italic; }
[hidden] { display: none !important; }
`
