/**
 * arXiv's answers, kept for a day (arXiv: "there is no need to call the API
 * more than once a day for the same query"). Only what was verified is kept:
 * a record that validated, or an absence confirmed twice by answers that
 * demonstrably worked. A cached record is validated again when read, so a
 * damaged cache file is only a slower run.
 */
import { validateRecord, type ArxivRecord } from './atom.ts'
import type { ArxivAnswer } from './client.ts'

export interface ArxivCacheFile {
  version: 1
  /** ID → when it was asked and what came back (`null`: no such paper). */
  entries: Record<string, { fetchedAt: string; record: ArxivRecord | null }>
}

export class ArxivCache {
  constructor(
    readonly file: ArxivCacheFile,
    private readonly hours: number
  ) {}

  static empty(hours: number): ArxivCache {
    return new ArxivCache({ version: 1, entries: {} }, hours)
  }

  get(id: string, now: number): Exclude<ArxivAnswer, { kind: 'unverified' }> | undefined {
    const entry = this.file.entries[id]
    if (!entry || typeof entry.fetchedAt !== 'string') return undefined
    const age = now - Date.parse(entry.fetchedAt)
    if (!(age >= 0 && age <= this.hours * 3_600_000)) return undefined
    if (entry.record === null) return { kind: 'missing' }
    const validated = validateRecord(entry.record)
    return validated.ok && validated.value.id === id ? { kind: 'found', record: validated.value } : undefined
  }

  set(id: string, answer: Exclude<ArxivAnswer, { kind: 'unverified' }>, now: number): void {
    this.file.entries[id] = { fetchedAt: new Date(now).toISOString(), record: answer.kind === 'found' ? answer.record : null }
  }
}
