import type { PapersFile } from '../core/model.ts'

/** A malformation the importer repaired, or a difference regeneration will make. */
export interface Repair {
  line: number
  column: number
  /** Stable id of the kind of repair, e.g. `import/nested-link`. */
  kind: string
  message: string
}

/** A README region that generated content replaces, as source offsets. */
export interface Region {
  marker: 'entries' | 'toc'
  start: number
  end: number
}

/** What one format's importer reads from a README. */
export interface ImportedList {
  data: PapersFile
  regions: Region[]
  /** Template options that differ from the format's defaults. */
  options: Record<string, unknown>
  repairs: Repair[]
}
