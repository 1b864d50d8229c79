/** arXiv's answers, kept for a day (arXiv: "there is no need to call the API more than once a day for the same query"). */
import type { ArxivRecord } from './atom.ts'
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

  get(id: string, now: number): ArxivAnswer | undefined {
    const entry = this.file.entries[id]
    if (!entry || now - Date.parse(entry.fetchedAt) > this.hours * 3_600_000) return undefined
    return entry.record ? { kind: 'found', record: entry.record } : { kind: 'missing' }
  }

  set(id: string, answer: Exclude<ArxivAnswer, { kind: 'unverified' }>, now: number): void {
    this.file.entries[id] = { fetchedAt: new Date(now).toISOString(), record: answer.kind === 'found' ? answer.record : null }
  }
}
