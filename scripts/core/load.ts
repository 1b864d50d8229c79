/** Parse → schema → the checks rendering depends on: the one way to turn `papers.json` text into data. */
import { defaultConfig, type Config } from './config.ts'
import { FindingsError } from './errors.ts'
import { parseJsonDocument, type JsonDocument } from './json-source.ts'
import type { PapersFile } from './model.ts'
import { schemaFindings } from './schema.ts'
import { lintText, ruleFindings } from '../lint/engine.ts'
import { renderingRules } from '../rules/index.ts'

export function loadPapers(text: string, file: string, config: Config = defaultConfig): { data: PapersFile; document: JsonDocument } {
  const document = parseJsonDocument(text, file)
  const invalid = schemaFindings(document)
  if (invalid.length > 0) throw new FindingsError(invalid, `${file} does not match schema/papers.schema.json`)
  const broken = ruleFindings(document, config, { only: renderingRules }).sort((a, b) => a.line - b.line || a.column - b.column)
  if (broken.length > 0) throw new FindingsError(broken, `${file} refers to things it does not define`)
  return { data: document.value as PapersFile, document }
}

/**
 * The data as it may be published: every error-level finding of lint refuses
 * it, through lint's own path, so `generate` and `lint` can never disagree
 * (a duplicate key JSON would silently resolve, an impossible date, an entry
 * listed twice, an order `fix` would change).
 */
export function loadPublishable(text: string, file: string, config: Config = defaultConfig): { data: PapersFile; document: JsonDocument } {
  const errors = lintText(text, file, config).filter((finding) => finding.severity === 'error')
  if (errors.length > 0) throw new FindingsError(errors, `${file} has errors that lint rejects; nothing was written (fix them, or run \`npm run fix\` for the fixable ones)`)
  return loadPapers(text, file, config)
}
