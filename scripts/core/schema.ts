/**
 * The JSON Schema of `papers.json`, compiled once with ajv (strict, all errors),
 * and ajv's errors turned into findings a contributor can act on.
 */
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js'
import papersSchema from '../../schema/papers.schema.json' with { type: 'json' }
import type { Finding } from './findings.ts'
import type { JsonDocument } from './json-source.ts'

export { papersSchema }

let compiled: ReturnType<Ajv2020['compile']> | undefined

function validator() {
  // The schema itself is checked against the meta-schema by the tests, not on every run.
  compiled ??= new Ajv2020({ allErrors: true, strict: true, verbose: true, validateSchema: false }).compile(papersSchema)
  return compiled
}

/** Schema findings for `document`, empty when it conforms. */
export function schemaFindings(document: JsonDocument, positions = true): Finding[] {
  const validate = validator()
  if (validate(document.value)) return []
  const seen = new Set<string>()
  const findings: Finding[] = []
  for (const error of validate.errors ?? []) {
    // `propertyNames` repeats the error of its sub-schema; `if`-style wrappers add nothing.
    if (error.keyword === 'propertyNames' || error.keyword === 'if') continue
    const { pointer, message } = describe(error)
    const id = `${pointer} ${message}`
    if (seen.has(id)) continue
    seen.add(id)
    // Placed all at once below (or by the caller), never one tree lookup each.
    const { line, column } = { line: 0, column: 0 }
    findings.push({
      ruleId: `schema/${error.keyword}`,
      severity: 'error',
      file: document.file,
      line,
      column,
      pointer,
      message,
      hint: 'see the field descriptions in schema/papers.schema.json; your editor shows them in papers.json'
    })
  }
  if (!positions || findings.length === 0) return findings
  const places = document.locateMany(findings.map((finding) => finding.pointer!))
  return findings.map((finding) => ({ ...finding, ...places.get(finding.pointer!)! }))
}

function describe(error: ErrorObject): { pointer: string; message: string } {
  const at = error.instancePath || '/'
  const params = error.params as Record<string, unknown>
  const expected = typeof error.parentSchema?.description === 'string' ? error.parentSchema.description : undefined
  switch (error.keyword) {
    case 'required':
      return {
        pointer: error.instancePath,
        message: `Missing field \`${String(params.missingProperty)}\` in \`${at}\``
      }
    case 'additionalProperties': {
      const allowed = Object.keys((error.parentSchema?.properties as object | undefined) ?? {})
      return {
        pointer: `${error.instancePath}/${String(params.additionalProperty)}`,
        message: `Unexpected field \`${String(params.additionalProperty)}\` in \`${at}\`${
          allowed.length > 0 ? `, expected one of ${allowed.map((name) => `\`${name}\``).join(', ')}` : ''
        }`
      }
    }
    case 'enum':
      return {
        pointer: error.instancePath,
        message: `Unexpected ${show(error.data)} at \`${at}\`, expected one of ${(params.allowedValues as unknown[])
          .map((value) => `\`${String(value)}\``)
          .join(', ')}`
      }
    case 'type':
      return {
        pointer: error.instancePath,
        message: `Unexpected ${typeName(error.data)} at \`${at}\`, expected ${String(params.type)}`
      }
    case 'pattern':
    case 'minLength':
      if (error.propertyName !== undefined) {
        return {
          pointer: `${error.instancePath}/${error.propertyName}`,
          message: `Unexpected name ${show(error.propertyName)} in \`${at}\`, expected ${expected ?? 'a non-empty name without surrounding whitespace'}`
        }
      }
      return {
        pointer: error.instancePath,
        message: `Unexpected ${show(error.data)} at \`${at}\`, expected ${expected ?? error.message ?? 'another value'}`
      }
    default:
      return { pointer: error.instancePath, message: `\`${at}\` ${error.message ?? 'is invalid'}` }
  }
}

function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value)
  return `\`${text.length > 80 ? text.slice(0, 77) + '...' : text}\``
}

function typeName(value: unknown): string {
  if (value === null) return '`null`'
  if (Array.isArray(value)) return 'array'
  return typeof value === 'object' ? 'object' : `${typeof value} ${show(value)}`
}
