/**
 * `.linkignore`, as lychee's `.lycheeignore`: one regular expression per
 * line, matched anywhere in each URL (not anchored); `#` starts a comment
 * line; blank lines are ignored; whitespace around a pattern is trimmed. The
 * patterns join the configuration's `links.exclude`, so an ignored URL is
 * never requested and is reported as excluded. Pure: text in, patterns and
 * findings out.
 */
import type { Finding } from '../../core/findings.ts'

export const linkIgnoreFile = '.linkignore'

export interface LinkIgnore {
  patterns: string[]
  /** One error per line that is not a regular expression. */
  findings: Finding[]
}

export function parseLinkIgnore(text: string, file = linkIgnoreFile): LinkIgnore {
  const patterns: string[] = []
  const findings: Finding[] = []
  text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .forEach((raw, index) => {
      const pattern = raw.trim()
      if (pattern === '' || pattern.startsWith('#')) return
      const problem = regexProblem(pattern)
      if (problem === undefined) {
        patterns.push(pattern)
        return
      }
      findings.push({
        ruleId: 'links/ignore-pattern',
        severity: 'error',
        file,
        line: index + 1,
        column: raw.length - raw.trimStart().length + 1,
        message: `Unexpected \`${pattern}\`, expected a regular expression (${problem})`,
        hint: 'fix the pattern, or escape what is meant literally with `\\` (`\\.`, `\\?`, `\\(`); a line starting with `#` is a comment; nothing was checked'
      })
    })
  return { patterns, findings }
}

/** Why a pattern does not compile, as the checker compiles it (`new RegExp(pattern)`), or nothing when it does. */
function regexProblem(pattern: string): string | undefined {
  try {
    new RegExp(pattern)
    return undefined
  } catch (error) {
    // `Invalid regular expression: /[a-/: Unterminated character class`: the reason is the part after the pattern.
    const message = (error as Error).message
    return message.slice(message.lastIndexOf(': ') + 2) || message
  }
}
