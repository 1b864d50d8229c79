/** What a lint rule is and what it is given. */
import type { Config } from '../core/config.ts'
import type { Edit } from '../core/findings.ts'
import type { JsonDocument } from '../core/json-source.ts'
import type { PapersFile } from '../core/model.ts'

export interface Report {
  /** JSON pointer of the value the finding is about. */
  pointer: string
  /** A source line, when the finding is about text rather than a value. */
  line?: number
  message: string
  hint?: string
  /** The edits that fix it, when the rule can. */
  edits?: Edit[]
}

export interface RuleContext {
  /**
   * The parsed file. It may not match the schema (the schema findings say
   * where); a rule that meets a value of the wrong shape is skipped.
   */
  data: PapersFile
  document: JsonDocument
  config: Config
  report(report: Report): void
  /** Source line of a pointer, for messages that name a second place. */
  lineOf(pointer: string): number
}

export interface Rule {
  /** Stable id, `area/name`. */
  id: string
  description: string
  /** Default severity; the configuration can change it. */
  severity: 'error' | 'warn'
  /** Whether `--fix` may apply this rule's edits on its own. */
  fix: 'safe' | 'none'
  check(context: RuleContext): void
}

/** Declares a rule; one call per file, like remark-lint's `lintRule`. */
export function rule(definition: Rule): Rule {
  return definition
}
