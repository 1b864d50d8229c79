/** The page's script and style, inlined into it: plain JavaScript and CSS, no build step. */

export const pageScript = String.raw`// Search, filters and copy-BibTeX for the list; the page reads the same without it.
;(() => {
  const form = document.getElementById('filters')
  const count = document.getElementById('count')
  const entries = Array.from(document.querySelectorAll('#entries > .entry'))
  const fields = ['q', 'category', 'venue', 'year', 'kind']
  const texts = entries.map((entry) => entry.dataset.search)
  const apply = () => {
    const terms = form.q.value.toLowerCase().split(/\s+/).filter(Boolean)
    const { category, venue, year, kind } = Object.fromEntries(fields.map((name) => [name, form[name].value]))
    let shown = 0
    entries.forEach((entry, index) => {
      const text = texts[index]
      const match =
        terms.every((term) => text.includes(term)) &&
        (!category || (' ' + entry.dataset.categories + ' ').includes(' ' + category + ' ')) &&
        (!venue || entry.dataset.venue === venue) &&
        (!year || entry.dataset.year === year) &&
        (!kind || entry.dataset.kind === kind)
      if (entry.hidden === match) entry.hidden = !match
      if (match) shown++
    })
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
  form.addEventListener('submit', (event) => event.preventDefault())
  document.getElementById('entries').addEventListener('click', async (event) => {
    const button = event.target.closest('button.copy')
    if (!button) return
    const text = button.closest('.entry').querySelector('pre.bibtex').textContent
    try {
      await navigator.clipboard.writeText(text)
      button.textContent = 'Copied'
    } catch {
      const pre = button.closest('.entry').querySelector('pre.bibtex')
      pre.hidden = false
      getSelection().selectAllChildren(pre)
      button.textContent = 'Selected: copy it'
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
