import type { RootContent } from 'mdast'
import type { MarkdownStyle } from '../core/markdown.ts'
import type { Entry, PapersFile } from '../core/model.ts'

/** A heading the format generates, for the table of contents. */
export interface GeneratedHeading {
  depth: number
  text: string
}

/** Something in the data the format cannot render, located by JSON pointer. */
export interface RenderProblem {
  pointer: string
  message: string
  hint: string
}

export interface RenderResult {
  blocks: RootContent[]
  /** How the generated Markdown writes bullets and emphasis (the list's own way); `-` and `_` when absent. */
  style?: MarkdownStyle
  headings: GeneratedHeading[]
  problems: RenderProblem[]
}

export interface RenderInput<Options> {
  data: PapersFile
  /** The entries this output shows, in `papers.json` order. */
  entries: Entry[]
  options: Options
  /** Addresses in the other outputs: an entry's BibTeX, when a BibTeX output is generated with it. */
  links?: { bibtex?: (entry: Entry) => string | undefined }
}

/** One README format: its options (with defaults and a schema) and its renderer. */
export interface Format<Options> {
  name: string
  description: string
  defaults: Options
  /** JSON Schema of the template's `options`. */
  optionsSchema: Record<string, unknown>
  render(input: RenderInput<Options>): RenderResult
  /** A format of another language than Markdown (BibTeX): its text, which replaces the entries marker; the other markers are left empty. */
  renderText?(input: RenderInput<Options>): string
  /** The extension of the file it writes; `.md` when absent. */
  extension?: string
  /** A text format whose file is the text alone (JSON): the template's body is not written. */
  bodyless?: boolean
  /** What the schema cannot say about valid options, by JSON pointer under `options`. */
  check?(options: Options): Array<{ pointer: string; message: string; hint: string }>
}

/** The Markdown a text format (BibTeX, CSL-JSON, Atom) renders: none; its text comes from `renderText`. */
export function noBlocks(): RenderResult {
  return { blocks: [], headings: [], problems: [] }
}
