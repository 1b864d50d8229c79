/**
 * Citation keys for entries: the entry's own `citekey` when it has one,
 * else the first author's family name, the year and the title's first word
 * that says something (`jiang2024mixtral`). A key depends on its entry only,
 * so other entries coming and going do not change it; where two entries
 * would share one, each takes more of its title's words, and entries with
 * the same title a letter in the order of their identity. Pure.
 */
import { arxivId, normalizeTitle } from './identity.ts'
import type { Entry } from './model.ts'

const minor = new Set(['a', 'an', 'the', 'on', 'of', 'for', 'in', 'to', 'and', 'with', 'via', 'from', 'by', 'at', 'is', 'are', 'as', 'or', 'towards', 'toward', 'into', 'do', 'does', 'can'])

/** Letters and digits only, ASCII: `Régis-Gianas` → `regisgianas`. */
export function asciiWord(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/ß/g, 'ss')
    .replace(/[øØ]/g, 'o')
    .replace(/[łŁ]/g, 'l')
    .replace(/[æÆ]/g, 'ae')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '')
}

/** `First von Last, Jr.` parts of a name written `First von Last Jr.`. */
export function splitName(name: string): { first: string; von: string; last: string; suffix: string } {
  const tokens = name.trim().split(/\s+/).filter(Boolean)
  let suffix = ''
  if (tokens.length > 2 && /^(jr\.?|sr\.?|ii|iii|iv)$/i.test(tokens.at(-1)!)) suffix = tokens.pop()!
  const last = tokens.pop() ?? ''
  // Lowercase words just before the family name are its particle (`van`, `de la`).
  let start = tokens.length
  while (start > 1 && /^\p{Ll}/u.test(tokens[start - 1]!)) start--
  return { first: tokens.slice(0, start).join(' '), von: tokens.slice(start).join(' '), last, suffix }
}

function baseWords(entry: Entry): { stem: string; words: string[] } {
  const author = entry.authors?.find((name) => name !== 'et al.')
  // Without authors, the entry's short name stands in (`TC-MoA` → `tcmoa`).
  const family = author ? asciiWord(splitName(author).last) : asciiWord(entry.key ?? '')
  const year = /^\d{4}/.exec(entry.date ?? '')?.[0] ?? /(\d{4})$/.exec(entry.venue ?? '')?.[1] ?? ''
  const words = normalizeTitle(entry.title)
    .split(' ')
    .map(asciiWord)
    .filter((word) => word !== '' && !minor.has(word))
  return { stem: `${family || 'anon'}${year}`, words: words.length > 0 ? words : ['untitled'] }
}

/** Identity that orders entries with the same title: arXiv ID, else paper URL, else title. */
function identity(entry: Entry): string {
  for (const link of entry.links ?? []) {
    const id = arxivId(link.url)
    if (id) return `arxiv:${id}`
  }
  return entry.doi ?? entry.links?.find((link) => link.type === 'paper')?.url ?? entry.title
}

/** A key per entry, unique among them. */
export function citationKeys(entries: readonly Entry[]): Map<Entry, string> {
  const keys = new Map<Entry, string>()
  const taken = new Set<string>()
  for (const entry of entries) {
    if (entry.citekey !== undefined && !taken.has(entry.citekey)) {
      keys.set(entry, entry.citekey)
      taken.add(entry.citekey)
    }
  }
  const pending = entries.filter((entry) => !keys.has(entry)).map((entry) => ({ entry, ...baseWords(entry), length: 1 }))
  const keyOf = (item: (typeof pending)[number]) => item.stem + item.words.slice(0, item.length).join('')
  // Lengthen colliding keys together until none collides or titles run out.
  for (;;) {
    const groups = groupBy(pending, keyOf)
    let grew = false
    for (const [key, group] of groups) {
      if (group.length === 1 && !taken.has(key)) continue
      for (const item of group) {
        if (item.length < item.words.length) {
          item.length++
          grew = true
        }
      }
    }
    if (!grew) break
  }
  for (const [key, group] of groupBy(pending, keyOf)) {
    if (group.length === 1 && !taken.has(key)) {
      keys.set(group[0]!.entry, key)
      taken.add(key)
      continue
    }
    // The same title twice: a letter each, in the order of what identifies them.
    const ordered = [...group].sort((a, b) => (identity(a.entry) < identity(b.entry) ? -1 : identity(a.entry) > identity(b.entry) ? 1 : 0))
    let letter = 0
    for (const item of ordered) {
      let candidate: string
      do candidate = `${key}${suffix(letter++)}`
      while (taken.has(candidate))
      keys.set(item.entry, candidate)
      taken.add(candidate)
    }
  }
  return keys
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>()
  for (const item of items) {
    const key = keyOf(item)
    const group = groups.get(key)
    if (group) group.push(item)
    else groups.set(key, [item])
  }
  return groups
}

/** `a` … `z`, `aa`, `ab`, … */
function suffix(index: number): string {
  let text = ''
  let rest = index
  do {
    text = String.fromCharCode(97 + (rest % 26)) + text
    rest = Math.floor(rest / 26) - 1
  } while (rest >= 0)
  return text
}
