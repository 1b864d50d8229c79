/**
 * An import never overwrites a hand-written template. When the template
 * exists, what the import learned (the format's options the README needs)
 * joins its front matter where it says nothing, through YAML's document
 * model so comments and formatting stay; its prose, title, filter and
 * markers are kept. A template of another format is not touched: the
 * import's goes beside it, under a name `generate` does not read. Pure.
 */
import { isMap, parseDocument } from 'yaml'

const frontMatter = /^(---\r?\n)([\s\S]*?)(\r?\n---[ \t]*(?:\r?\n|$))/

export type TemplateMerge =
  /** The existing template, with the options it gained (none: unchanged). */
  | { kind: 'merged'; text: string; added: string[] }
  /** Not mergeable (another format, unreadable front matter): write the import's beside it. */
  | { kind: 'beside'; why: string }

export function mergeTemplate(existing: string, imported: string): TemplateMerge {
  const have = frontMatter.exec(existing.replace(/^\uFEFF/, ''))
  const got = frontMatter.exec(imported)
  if (!have || !got) return { kind: 'beside', why: 'the existing template has no front matter to merge into' }
  const haveDocument = parseDocument(have[2]!)
  const gotValue = parseDocument(got[2]!).toJS() as { format?: string; options?: Record<string, unknown> }
  if (haveDocument.errors.length > 0 || !isMap(haveDocument.contents)) return { kind: 'beside', why: 'the existing template’s front matter does not read as YAML' }
  const haveValue = haveDocument.toJS() as { format?: string; options?: Record<string, unknown> }
  if (haveValue.format !== gotValue.format) return { kind: 'beside', why: `the existing template is \`${String(haveValue.format)}\`, the README reads as \`${String(gotValue.format)}\`` }
  const added: string[] = []
  for (const [key, value] of Object.entries(gotValue.options ?? {})) {
    if (haveValue.options && Object.hasOwn(haveValue.options, key)) continue
    haveDocument.setIn(['options', key], value)
    added.push(key)
  }
  if (added.length === 0) return { kind: 'merged', text: existing, added }
  const text = existing.replace(/^\uFEFF/, '').replace(frontMatter, (_all, open: string, _yaml: string, close: string) => `${open}${haveDocument.toString({ flowCollectionPadding: false }).trimEnd()}${close}`)
  return { kind: 'merged', text, added }
}

/** An output name no other template claims: the template file's own name, numbered if need be. */
export function freeOutput(wanted: string, claimed: ReadonlySet<string>, templateName: string): string {
  if (!claimed.has(wanted)) return wanted
  const base = templateName.replace(/\.md$/, '')
  for (let number = 1; ; number++) {
    const candidate = `${number === 1 ? base : `${base}-${number}`}.md`
    if (!claimed.has(candidate)) return candidate
  }
}
