/**
 * An entry against arXiv's record: the ID exists; the title and the authors
 * agree (beyond case, whitespace, LaTeX, punctuation and accents); the date
 * is v1's or the latest version's; a preprint that arXiv says was published
 * gets a hint. Pure: entry and record in, reports out.
 */
import { dateSortKey } from '../../core/dates.ts'

import type { Entry } from '../../core/model.ts'
import type { ArxivRecord } from './atom.ts'

export interface ArxivReport {
  ruleId: string
  severity: 'error' | 'warning' | 'info'
  /** Relative to the entry: `title`, `authors`, `date`, `links/0/url`. */
  field: string
  message: string
  hint?: string
  /** Fields to set, relative to the entry. */
  fix?: Array<{ field: string; value: unknown }>
}

/** Lowercase letters and digits, accents, LaTeX and punctuation dropped. */
export function comparable(text: string): string {
  return text
    .replace(/\\[a-zA-Z]+\s*(\{([^{}]*)\})?/g, '$2')
    .replace(/[{}$]/g, '')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
}

export function compareWithArxiv(entry: Entry, record: ArxivRecord, preprint: boolean): ArxivReport[] {
  const reports: ArxivReport[] = []
  // A published paper may have another title or author list than its preprint: report, do not rewrite.
  const fixable = preprint

  if (comparable(entry.title) !== comparable(record.title)) {
    reports.push({
      ruleId: 'arxiv/title',
      severity: 'warning',
      field: 'title',
      message: `Unexpected title \`${entry.title}\`, arXiv's v${record.version} has \`${record.title}\``,
      hint: fixable ? 'run with `--fix` to take arXiv’s title' : 'the published title may differ; update it by hand if it should not',
      ...(fixable ? { fix: [{ field: 'title', value: record.title }] } : {})
    })
  }

  if (entry.authors) {
    const differences = authorDifferences(entry.authors, record.authors)
    if (differences.length > 0) {
      reports.push({
        ruleId: 'arxiv/authors',
        severity: 'warning',
        field: 'authors',
        message: `Unexpected author list: ${differences.join('; ')} (arXiv lists ${record.authors.length} authors)`,
        hint: fixable ? 'run with `--fix` to take arXiv’s author list' : 'compare with the published version',
        ...(fixable ? { fix: [{ field: 'authors', value: record.authors }] } : {})
      })
    }
  }

  if (entry.date !== undefined && !matchesDay(entry.date, record.published) && !matchesDay(entry.date, record.updated)) {
    reports.push({
      ruleId: 'arxiv/date',
      severity: 'warning',
      field: 'date',
      message: `Unexpected date \`${entry.date}\`, arXiv has v1 on \`${record.published}\`${record.updated !== record.published ? ` and v${record.version} on \`${record.updated}\`` : ''}`,
      hint: 'write the date of the version the list means'
    })
  }

  // The category is the arXiv record's own, whatever the venue, so it is always safe to take.
  if (record.primaryClass !== undefined && entry.primaryClass !== record.primaryClass) {
    reports.push({
      ruleId: 'arxiv/primary-class',
      severity: entry.primaryClass === undefined ? 'info' : 'warning',
      field: 'primaryClass',
      message:
        entry.primaryClass === undefined
          ? `arXiv files ${record.id} under \`${record.primaryClass}\`, which the entry does not record`
          : `Unexpected primaryClass \`${entry.primaryClass}\`, arXiv files ${record.id} under \`${record.primaryClass}\``,
      hint: 'run with `--fix` to take arXiv’s category (BibTeX writes it as `primaryClass`)',
      fix: [{ field: 'primaryClass', value: record.primaryClass }]
    })
  }

  if (preprint && (record.journalRef || record.doi)) {
    const where = [record.journalRef ? `journal reference \`${record.journalRef}\`` : '', record.doi ? `DOI \`${record.doi}\`` : ''].filter(Boolean).join(' and ')
    reports.push({
      ruleId: 'arxiv/published',
      severity: 'warning',
      field: 'venue',
      message: `Listed as a preprint, but arXiv gives a ${where}`,
      hint: 'set `venue` to where it was published'
    })
  }
  return reports
}

/** Whether a list date (any precision) agrees with a day `YYYY-MM-DD`. */
function matchesDay(date: string, day: string): boolean {
  if (/^\d{4}-(spring|summer|fall|autumn|winter)$/.test(date)) return date.slice(0, 4) === day.slice(0, 4)
  return day.startsWith(date) || dateSortKey(date) === dateSortKey(day)
}

/** Missing, extra, misspelled and reordered authors, in words. */
export function authorDifferences(listed: readonly string[], arxiv: readonly string[]): string[] {
  const key = (name: string) => comparable(name).replace(/\s+/g, ' ')
  const listedKeys = listed.map(key)
  const arxivKeys = arxiv.map(key)
  if (listedKeys.join('|') === arxivKeys.join('|')) return []
  const missing = arxiv.filter((_, index) => !listedKeys.includes(arxivKeys[index]!))
  const extra = listed.filter((_, index) => !arxivKeys.includes(listedKeys[index]!))
  const differences: string[] = []
  const misspelled: string[] = []
  for (const name of [...extra]) {
    const near = missing.find((candidate) => distance(key(candidate), key(name)) <= Math.max(2, Math.floor(key(name).length / 6)))
    if (near) {
      misspelled.push(`\`${name}\` for \`${near}\``)
      extra.splice(extra.indexOf(name), 1)
      missing.splice(missing.indexOf(near), 1)
    }
  }
  if (missing.length > 0) differences.push(`missing ${missing.map((name) => `\`${name}\``).join(', ')}`)
  if (extra.length > 0) differences.push(`not on arXiv ${extra.map((name) => `\`${name}\``).join(', ')}`)
  if (misspelled.length > 0) differences.push(`misspelled ${misspelled.join(', ')}`)
  if (differences.length === 0) differences.push('the same authors in another order')
  return differences
}

/** Levenshtein distance. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1))
    previous = current
  }
  return previous[b.length]!
}

