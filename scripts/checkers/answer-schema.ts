/**
 * Every answer a service gives is validated before anything believes it: a
 * JSON Schema per parsed record (ajv, compiled once per schema). What does
 * not validate is unverified: never cached, never written into the data.
 */
import { Ajv2020 } from 'ajv/dist/2020.js'

export type Validated<T> = { ok: true; value: T } | { ok: false; problems: string }

const ajv = new Ajv2020({ allErrors: true, strict: true })

/** A validator for one answer shape; `problems` names each bad field (`/title must NOT have fewer than 1 characters`). */
export function answerValidator<T>(schema: object): (value: unknown) => Validated<T> {
  const validate = ajv.compile(schema)
  return (value) => {
    if (validate(value)) return { ok: true, value: value as T }
    const problems = (validate.errors ?? []).map((error) => `${error.instancePath || '(the answer)'} ${error.message ?? error.keyword}`)
    return { ok: false, problems: [...new Set(problems)].join('; ') }
  }
}

/** A non-empty string with something besides whitespace. */
export const nonBlank = { type: 'string', minLength: 1, pattern: '\\S' } as const
