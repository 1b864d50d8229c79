/** How an entry is recognized twice: by arXiv ID, by DOI, by normalized title, by paper URL. */
import { arxivFromUrl } from './arxiv.ts'
import { arxivIdOfDoi, doiFromUrl, doiKey } from './doi.ts'
import type { Entry } from './model.ts'

/** The address an entry is cited by: its first paper link, else its first link. */
export function citedUrl(entry: Entry): string | undefined {
  return entry.links?.find((link) => link.type === 'paper')?.url ?? entry.links?.[0]?.url
}

/** `https://arxiv.org/pdf/2401.04088v2.pdf` → `2401.04088`. */
export function arxivId(url: string): string | undefined {
  return arxivFromUrl(url)?.id
}

/** Lowercase letters and digits only: `Mixtral of Experts!` → `mixtral of experts`. */
export function normalizeTitle(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
}

/** Identity keys of an entry; two entries sharing any key are the same paper. */
export function identityKeys(entry: Entry): string[] {
  const keys = [`title:${normalizeTitle(entry.title)}`]
  const addDoi = (doi: string) => {
    const id = arxivIdOfDoi(doi)
    keys.push(id ? `arxiv:${id}` : `doi:${doiKey(doi)}`)
  }
  if (entry.doi !== undefined) addDoi(entry.doi)
  for (const link of entry.links ?? []) {
    const id = arxivId(link.url)
    const doi = id ? undefined : doiFromUrl(link.url)
    if (id) keys.push(`arxiv:${id}`)
    else if (doi) addDoi(doi)
    else if (link.type === 'paper') keys.push(`url:${link.url}`)
  }
  return [...new Set(keys)]
}

/** Finds entries again by any identity key. */
export class EntryIndex {
  private readonly byKey = new Map<string, Entry>()

  constructor(entries: Iterable<Entry> = []) {
    for (const entry of entries) this.add(entry)
  }

  find(entry: Entry): Entry | undefined {
    for (const key of identityKeys(entry)) {
      const found = this.byKey.get(key)
      if (found) return found
    }
    return undefined
  }

  add(entry: Entry): void {
    for (const key of identityKeys(entry)) if (!this.byKey.has(key)) this.byKey.set(key, entry)
  }
}
