/**
 * The data model of `papers.json`: the single source of truth for every
 * entry of every generated list. `schema/papers.schema.json` is its contract;
 * `tests/schema.test.ts` keeps the two from drifting apart.
 */

/** What an entry is; formats may filter on it. */
export const entryKinds = ['paper', 'survey', 'course', 'presentation', 'book'] as const
export type EntryKind = (typeof entryKinds)[number]

/** What a venue is; the venue table, for example, shows conference papers. */
export const venueTypes = [
  'conference',
  'workshop',
  'journal',
  'preprint',
  'institution',
  'publisher',
  'other'
] as const
export type VenueType = (typeof venueTypes)[number]

/** What a link points at. Each format has a default label per type. */
export const linkTypes = ['paper', 'code', 'slides', 'video', 'project', 'book', 'website', 'demo', 'dataset', 'model', 'blog'] as const
export type LinkType = (typeof linkTypes)[number]

export interface Link {
  type: LinkType
  url: string
  /** Shown instead of the format's default label for `type`. */
  label?: string
}

/** An entry's place in one category, with the highlight notes shown there. */
export interface Membership {
  category: string
  notes?: string[]
}

export interface Entry {
  kind: EntryKind
  /** Short name, e.g. `TC-MoA`. */
  key?: string
  title: string
  authors?: string[]
  /** A key of the venue registry. */
  venue?: string
  /** `YYYY`, `YYYY-MM`, `YYYY-MM-DD` or `YYYY-<season>`; see `core/dates.ts`. */
  date?: string
  links?: Link[]
  /** Digital Object Identifier, without a resolver: `10.1145/3243274.3243299` (or a short DOI, `10/dqmbg2`). */
  doi?: string
  /** arXiv's primary category, e.g. `cs.LG`: BibTeX's `primaryClass`. */
  primaryClass?: string
  /** The citation key a BibTeX export uses, e.g. `shazeer2017outrageously`. */
  citekey?: string
  /** Short tags a list shows beside the entry, e.g. `MoE` or `Survey`. */
  tags?: string[]
  /** Retracted or withdrawn; lists show it struck through. */
  withdrawn?: boolean
  /**
   * Columns or fields the model has no name for (stars, parameters, scores),
   * by the list's own name, as inline Markdown.
   */
  extra?: Record<string, string>
  categories?: Membership[]
  /** The day the entry was added to the list (`YYYY-MM-DD`), for the feed; `add` sets it. */
  added?: string
}

export interface Venue {
  type: VenueType
  /** First day of the event (`YYYY-MM-DD`); orders the venue table. */
  date?: string
}

export interface Category {
  /** Stable identifier that memberships refer to. */
  id: string
  title: string
  /** Markdown shown under the heading. */
  description?: string
  children?: Category[]
}

export interface PapersFile {
  $schema?: string
  venues: Record<string, Venue>
  categories: Category[]
  entries: Entry[]
}
