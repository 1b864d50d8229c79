/**
 * A template is the hand-written prose of one output: YAML front matter that
 * configures the output, then Markdown with markers where generated content
 * goes: `<!-- generate:entries -->` (required), `<!-- generate:toc -->`,
 * `<!-- generate:views -->`.
 */
import { Ajv2020 } from 'ajv/dist/2020.js'
import type { Nodes } from 'mdast'
import { toString } from 'mdast-util-to-string'
import { isMap, isScalar, parseDocument, type Document } from 'yaml'
import { formats } from '../formats/index.ts'
import { FindingsError } from './errors.ts'
import { pointerSegments } from './json-source.ts'
import { entryKinds, venueTypes, type EntryKind, type VenueType } from './model.ts'
import { parseMarkdown } from './markdown.ts'
import { lineIndex } from './positions.ts'

export const markerNames = ['entries', 'toc', 'views'] as const
export type MarkerName = (typeof markerNames)[number]

export interface OutputConfig {
  /** Path of the generated file, relative to the output folder. */
  output: string
  format: string
  /** Name of this view in the links between outputs. */
  title: string
  include: { kinds?: EntryKind[]; venueTypes?: VenueType[] }
  options: Record<string, unknown>
}

export interface Marker {
  name: MarkerName
  /** Offsets in `body`. */
  start: number
  end: number
}

export interface TemplateHeading {
  depth: number
  text: string
  /** Offset in `body`. */
  offset: number
}

export interface Template {
  file: string
  config: OutputConfig
  /** The Markdown after the front matter. */
  body: string
  markers: Marker[]
  headings: TemplateHeading[]
}

const configSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['output', 'format'],
  properties: {
    output: { type: 'string', pattern: '^(?!/)(?!.*(^|/)\\.\\.(/|$))[^\\\\]+\\.(md|bib|csl\\.json|xml)$' },
    format: { enum: Object.keys(formats) },
    title: { type: 'string', minLength: 1 },
    include: {
      type: 'object',
      additionalProperties: false,
      properties: {
        kinds: { type: 'array', items: { enum: [...entryKinds] } },
        venueTypes: { type: 'array', items: { enum: [...venueTypes] } }
      }
    },
    options: { type: 'object' }
  }
}

const ajv = new Ajv2020({ allErrors: true, strict: true, validateSchema: false })
const validateConfig = ajv.compile(configSchema)
const optionValidators = new Map(Object.values(formats).map((format) => [format.name, ajv.compile(format.optionsSchema)]))

const frontMatterPattern = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/

export function parseTemplate(rawText: string, file: string): Template {
  const source = rawText.charCodeAt(0) === 0xfeff ? rawText.slice(1) : rawText
  const lines = lineIndex(source)
  const fail = (offset: number, message: string, hint: string): never => {
    throw new FindingsError([{ ruleId: 'template/invalid', severity: 'error', file, ...lines.position(offset), message, hint }], `${file} is not a valid template`)
  }
  const match = frontMatterPattern.exec(source)
  if (!match) {
    if (/^---[ \t]*\r?\n/.test(source)) return fail(0, 'Unexpected end of the template inside its front matter, expected a closing `---` line', 'end the front matter with a line of `---`')
    return fail(0, 'Missing front matter, expected the template to start with `---`', 'start the template with `---`, `output: README.md`, `format: venue-table`, `---`')
  }
  const yamlOffset = match[0].indexOf(match[1]!)
  const document = parseDocument(match[1]!, { prettyErrors: false })
  const yamlError = document.errors[0]
  if (yamlError) return fail(yamlOffset + yamlError.pos[0], `Unexpected YAML: ${yamlError.message.split('\n')[0]}`, 'fix the front matter between the `---` lines')
  let raw: unknown
  try {
    // An alias bomb (aliases of aliases) stops at YAML's alias limit instead of growing without end.
    raw = document.toJS({ maxAliasCount: 100 }) as unknown
  } catch (error) {
    return fail(yamlOffset, `Unexpected YAML: ${(error as Error).message.split('\n')[0]}`, 'the front matter needs no aliases (`*name`): write the values out')
  }
  const where = (pointer: string) => yamlOffset + offsetOf(document, pointer)
  if (!validateConfig(raw)) {
    const error = validateConfig.errors![0]!
    const field = error.instancePath || `/${String((error.params as { missingProperty?: string }).missingProperty ?? '')}`
    // Say what is allowed, not the pattern that checks it.
    const message = field === '/output' && error.keyword === 'pattern' ? 'expected a relative path to a `.md` (for `bibtex` a `.bib`, for `csl-json` a `.csl.json`, for `atom` a `.xml`) file inside the output folder (no leading `/`, no `..`, no `\\`)' : error.message
    return fail(where(error.instancePath), `Unexpected front matter at \`${field}\`: ${message}`, `allowed fields: output, format (${Object.keys(formats).join(', ')}), title, include, options`)
  }
  const config = raw as Omit<OutputConfig, 'title' | 'include' | 'options'> & Partial<OutputConfig>
  const format = formats[config.format]!
  // A format writes one kind of file: Markdown, or BibTeX for `bibtex`.
  const extension = format.extension ?? '.md'
  if (!config.output.endsWith(extension)) return fail(where('/output'), `Unexpected output \`${config.output}\` for the \`${format.name}\` format, expected a \`${extension}\` file`, `name the output \`…${extension}\`, or choose a format that writes \`${config.output.slice(config.output.lastIndexOf('.'))}\``)
  const validateOptions = optionValidators.get(format.name)!
  if (!validateOptions(config.options ?? {})) {
    const error = validateOptions.errors![0]!
    const extra = (error.params as { additionalProperty?: string }).additionalProperty
    const pointer = `/options${error.instancePath}${extra !== undefined ? `/${extra}` : ''}`
    return fail(where(pointer), `Unexpected option at \`${pointer}\`: ${error.message}`, `see the options of the \`${format.name}\` format in the README`)
  }
  const problem = format.check?.(withDefaults(format.defaults, config.options ?? {}) as never)[0]
  if (problem) return fail(where(`/options${problem.pointer}`), problem.message, problem.hint)

  const bodyStart = match[0].length
  const body = source.slice(bodyStart)
  const tree = parseMarkdown(body)
  const markers: Marker[] = []
  const headings: TemplateHeading[] = []
  const walk = (node: Nodes) => {
    if (node.type === 'heading') headings.push({ depth: node.depth, text: toString(node), offset: node.position!.start.offset! })
    if (node.type === 'html') {
      const marker = /^<!--\s*generate:([\w-]*)\s*-->$/.exec(node.value.trim())
      if (marker) {
        const name = marker[1] as MarkerName
        const offset = node.position!.start.offset!
        if (!markerNames.includes(name)) fail(bodyStart + offset, `Unexpected marker \`generate:${marker[1]}\`, expected one of ${markerNames.map((known) => `\`generate:${known}\``).join(', ')}`, 'fix the marker name')
        if (markers.some((known) => known.name === name)) fail(bodyStart + offset, `Unexpected second marker \`generate:${name}\``, 'keep one marker of each kind')
        markers.push({ name, start: offset, end: node.position!.end.offset! })
      }
    }
    if ('children' in node) for (const child of node.children) walk(child)
  }
  walk(tree)
  if (!markers.some((marker) => marker.name === 'entries')) {
    fail(bodyStart, 'Missing marker `<!-- generate:entries -->`', 'put `<!-- generate:entries -->` on its own line where the list goes')
  }
  return {
    file,
    body,
    markers,
    headings,
    config: {
      output: config.output,
      format: config.format,
      title: config.title ?? config.output.replace(/\.(md|bib|csl\.json|xml)$/, ''),
      include: config.include ?? {},
      options: withDefaults(format.defaults, config.options ?? {})
    }
  }
}

/** Offset of the YAML node at `pointer`, or of its nearest existing parent. */
function offsetOf(document: Document, pointer: string): number {
  const path = pointerSegments(pointer)
  for (let length = path.length; length >= 0; length--) {
    const node = length === 0 ? document.contents : document.getIn(path.slice(0, length), true)
    if (node && typeof node === 'object' && 'range' in node && Array.isArray(node.range)) {
      const parent = length > 0 ? document.getIn(path.slice(0, length - 1), true) : undefined
      if (isMap(parent)) {
        const pair = parent.items.find((item) => isScalar(item.key) && item.key.value === path[length - 1])
        if (pair && isScalar(pair.key) && pair.key.range) return pair.key.range[0]
      }
      return node.range[0] as number
    }
  }
  return 0
}

/** Options over defaults, one level deep (`labels: {code: Codes}` keeps the other labels). */
function withDefaults(defaults: object, options: Record<string, unknown>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...defaults }
  for (const [key, value] of Object.entries(options)) {
    const base = merged[key]
    merged[key] = isPlainObject(base) && isPlainObject(value) ? { ...base, ...value } : value
  }
  return merged
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
