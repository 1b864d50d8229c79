import type { PapersFile } from '../core/model.ts'

/** A malformation the importer repaired, or a difference regeneration will make. */
export interface Repair {
  /** The source file, when an import reads more than one. */
  file?: string
  line: number
  column: number
  /** Stable id of the kind of repair, e.g. `import/nested-link`. */
  kind: string
  message: string
  /** Not a repair but something the import did that a maintainer should know (a field not kept, a merge). */
  note?: boolean
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
