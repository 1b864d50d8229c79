/** Parse → schema → references: the one way to turn `papers.json` text into data. */
import { FindingsError } from './errors.ts'
import { parseJsonDocument, type JsonDocument } from './json-source.ts'
import type { PapersFile } from './model.ts'
import { referenceFindings } from './references.ts'
import { schemaFindings } from './schema.ts'

export function loadPapers(text: string, file: string): { data: PapersFile; document: JsonDocument } {
  const document = parseJsonDocument(text, file)
  const invalid = schemaFindings(document)
  if (invalid.length > 0) throw new FindingsError(invalid, `${file} does not match schema/papers.schema.json`)
  const data = document.value as PapersFile
  const broken = referenceFindings(data, document)
  if (broken.length > 0) throw new FindingsError(broken, `${file} refers to things it does not define`)
  return { data, document }
}
