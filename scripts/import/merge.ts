/**
 * Merges one paper list into another: the same paper found twice (by arXiv
 * ID, DOI, normalized title or paper URL) becomes one entry with every
 * membership and link of both, and a venue written another way (`2024 ICLR`,
 * `ICLR2024`, an alias) becomes the registry's. Conflicting values are kept
 * from the first list and reported, so nothing is dropped silently.
 */
import { doiKey } from '../core/doi.ts'
import type { Category, Entry, Link, PapersFile } from '../core/model.ts'
import { arxivId, EntryIndex } from '../core/identity.ts'
import { canonicalSpelling, registryMatch } from '../core/venue-names.ts'

export interface MergeResult {
  data: PapersFile
  /** What the merge did that a maintainer should know. */
  notes: string[]
}

export function mergeLists(base: PapersFile, incoming: PapersFile, venueAliases: Record<string, string> = {}): MergeResult {
  const notes: string[] = []
  const data: PapersFile = structuredClone(base)

  // Each incoming venue once, under the name the registry already has for it.
  const venueNames = new Map<string, string>()
  for (const [name, venue] of Object.entries(incoming.venues)) {
    const target = registryMatch(name, Object.keys(data.venues), venueAliases) ?? canonicalSpelling(name, venueAliases)
    venueNames.set(name, target)
    if (target !== name) notes.push(`venue \`${name}\` is \`${target}\``)
    const known = data.venues[target]
    if (!known) data.venues[target] = { ...venue }
    else if (known.date === undefined && venue.date !== undefined) known.date = venue.date
  }

  const renamed = mergeCategories(data.categories, incoming.categories, collectIds(data.categories))

  const index = new EntryIndex(data.entries)
  let merged = 0
  for (const original of incoming.entries) {
    const entry: Entry = structuredClone(original)
    if (entry.venue !== undefined) entry.venue = venueNames.get(entry.venue) ?? entry.venue
    entry.categories = entry.categories?.map((membership) => ({ ...membership, category: renamed.get(membership.category) ?? membership.category }))
    const known = index.find(entry)
    if (!known) {
      data.entries.push(entry)
      index.add(entry)
      continue
    }
    merged++
    mergeEntry(known, entry, data.venues, notes)
    index.add(known)
  }
  if (merged > 0) notes.unshift(`${merged} entr${merged === 1 ? 'y was' : 'ies were'} already in the list and merged`)
  return { data, notes }
}

function mergeEntry(known: Entry, entry: Entry, venues: PapersFile['venues'], notes: string[]): void {
  const name = `\`${known.title}\``
  if (known.title !== entry.title) notes.push(`${name}: title \`${entry.title}\` differs; kept \`${known.title}\``)
  if (known.kind === 'paper' && entry.kind !== 'paper') known.kind = entry.kind
  known.key ??= entry.key
  if (entry.key !== undefined && known.key !== entry.key) notes.push(`${name}: key name \`${entry.key}\` differs; kept \`${known.key}\``)
  if (known.authors === undefined) known.authors = entry.authors
  else if (entry.authors !== undefined && known.authors.join('|') !== entry.authors.join('|')) notes.push(`${name}: author lists differ; kept the first`)
  if (known.date === undefined) known.date = entry.date
  else if (entry.date !== undefined && known.date !== entry.date) notes.push(`${name}: date \`${entry.date}\` differs; kept \`${known.date}\``)
  if (known.venue === undefined) known.venue = entry.venue
  else if (entry.venue !== undefined && known.venue !== entry.venue) {
    // A preprint that was published since: the publication wins.
    const promoted = venues[known.venue]?.type === 'preprint' && venues[entry.venue]?.type !== 'preprint'
    notes.push(`${name}: venue \`${promoted ? known.venue : entry.venue}\` differs; kept \`${promoted ? entry.venue : known.venue}\``)
    if (promoted) known.venue = entry.venue
  }

  if (known.doi === undefined) known.doi = entry.doi
  else if (entry.doi !== undefined && doiKey(known.doi) !== doiKey(entry.doi)) notes.push(`${name}: DOI \`${entry.doi}\` differs; kept \`${known.doi}\``)
  // Added when it first joined either list.
  if (entry.added !== undefined && (known.added === undefined || entry.added < known.added)) known.added = entry.added
  if (known.citekey === undefined) known.citekey = entry.citekey
  else if (entry.citekey !== undefined && known.citekey !== entry.citekey) notes.push(`${name}: citation key \`${entry.citekey}\` differs; kept \`${known.citekey}\``)
  for (const tag of entry.tags ?? []) if (!known.tags?.includes(tag)) (known.tags ??= []).push(tag)
  for (const [field, value] of Object.entries(entry.extra ?? {})) {
    const kept = known.extra?.[field]
    if (kept === undefined) (known.extra ??= {})[field] = value
    else if (kept !== value) notes.push(`${name}: \`${field}\` \`${value}\` differs; kept \`${kept}\``)
  }
  if (entry.withdrawn && !known.withdrawn) {
    known.withdrawn = true
    notes.push(`${name}: withdrawn in the imported list; marked withdrawn`)
  }
  for (const link of entry.links ?? []) addLink(known, link, name, notes)

  for (const membership of entry.categories ?? []) {
    const existing = known.categories?.find((item) => item.category === membership.category)
    if (!existing) {
      ;(known.categories ??= []).push(membership)
      continue
    }
    for (const note of membership.notes ?? []) if (!existing.notes?.includes(note)) (existing.notes ??= []).push(note)
  }
}

/** Adds a link unless the entry has it (the same URL, or the same arXiv paper in another form). */
function addLink(entry: Entry, link: Link, name: string, notes: string[]): void {
  const links = (entry.links ??= [])
  const id = arxivId(link.url)
  const same = links.find((item) => item.url === link.url || (id !== undefined && arxivId(item.url) === id))
  if (same) {
    if (same.url !== link.url) notes.push(`${name}: \`${link.url}\` is the same arXiv paper as \`${same.url}\`; kept \`${same.url}\``)
    return
  }
  const added: Link = { ...link }
  // A second paper link needs its own label to be told apart from the first.
  if (link.type === 'paper' && link.label === undefined && links.some((item) => item.type === 'paper')) {
    added.label = id !== undefined ? 'arXiv' : new URL(link.url).hostname.replace(/^www\./, '')
  }
  let at = links.length
  while (at > 0 && links[at - 1]!.type !== link.type) at--
  links.splice(at === 0 ? links.length : at, 0, added)
  notes.push(`${name}: added link \`${link.url}\``)
}

function collectIds(categories: readonly Category[], ids = new Set<string>()): Set<string> {
  for (const category of categories) {
    ids.add(category.id)
    collectIds(category.children ?? [], ids)
  }
  return ids
}

/**
 * Merges category trees: a category with the same title under the same
 * parent is the same category. Returns renamed ids of incoming categories.
 */
function mergeCategories(target: Category[], incoming: readonly Category[], ids: Set<string>, renamed = new Map<string, string>()): Map<string, string> {
  for (const category of incoming) {
    const same = target.find((item) => item.title === category.title)
    if (same) {
      renamed.set(category.id, same.id)
      same.description ??= category.description
      if (category.children) mergeCategories((same.children ??= []), category.children, ids, renamed)
      continue
    }
    const copy: Category = { ...category, children: undefined }
    let id = category.id
    for (let suffix = 1; ids.has(id); suffix++) id = `${category.id}-${suffix}`
    ids.add(id)
    copy.id = id
    renamed.set(category.id, id)
    if (category.children) mergeCategories((copy.children = []), category.children, ids, renamed)
    if (copy.children === undefined) delete copy.children
    target.push(copy)
  }
  return renamed
}
