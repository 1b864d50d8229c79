/** Reads a cache file; a missing or damaged one is only a slower run, never an error. */
import { readTextIfExists } from './files.ts'

export async function readJsonCache<T>(file: string, valid: (value: unknown) => value is T, fallback: () => T): Promise<T> {
  const text = await readTextIfExists(file)
  if (text === undefined) return fallback()
  try {
    const parsed: unknown = JSON.parse(text)
    if (valid(parsed)) return parsed
  } catch {
    // Fall through to a fresh cache.
  }
  return fallback()
}

/** `{version: 1, entries: {...}}`, the shape of every cache file here. */
export function isVersionedCache<T>(value: unknown): value is { version: 1; entries: T } {
  return typeof value === 'object' && value !== null && (value as { version?: unknown }).version === 1 && typeof (value as { entries?: unknown }).entries === 'object'
}
