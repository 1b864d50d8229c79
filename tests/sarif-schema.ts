/**
 * The SARIF 2.1.0 JSON Schema (draft-07, `fixtures/sarif/SOURCE.md` says
 * where from), compiled once, with the string formats it names checked as
 * RFC 3986 has them, so a path that is not a valid URI reference fails.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { Ajv } from 'ajv'
import { fixtures } from './helpers.ts'

const schema = JSON.parse(readFileSync(path.join(fixtures, 'sarif/sarif-schema-2.1.0.json'), 'utf8'))

// RFC 3986: unreserved and reserved characters, and percent-encoded octets; nothing else (no space, no raw Unicode).
const uriCharacters = /^(?:[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$/

// Strict, but for two checks a third-party schema fails without being wrong: `required` names declared in a
// sibling `anyOf` branch, and `type`-less keywords.
const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, strictTypes: false })
ajv.addFormat('uri', { type: 'string', validate: (value: string) => uriCharacters.test(value) && /^[A-Za-z][A-Za-z0-9+.-]*:/.test(value) && URL.canParse(value) })
ajv.addFormat('uri-reference', { type: 'string', validate: (value: string) => uriCharacters.test(value) && URL.canParse(value, 'file:///srcroot/') })
ajv.addFormat('date-time', { type: 'string', validate: (value: string) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)$/.test(value) && !Number.isNaN(Date.parse(value)) })

export const validateSarif = ajv.compile(schema)

/** The schema's complaints about a log, `[]` when it is valid. */
export function sarifErrors(log: unknown): Array<{ instancePath: string; message?: string }> {
  return validateSarif(log) ? [] : (validateSarif.errors ?? []).map(({ instancePath, message }) => ({ instancePath, ...(message ? { message } : {}) }))
}
