/**
 * One pattern for many entries: from the pattern of each entry's text, the
 * one the list is written in. Units that some entries leave out are
 * optional by nature (a unit without a value is not written), so the
 * chosen pattern is a common supersequence of the entries' patterns; an
 * entry that does not fit it is written back in the list's shape and
 * reported. Where several entries share a line no supersequence holds (a
 * label that is a venue here and a date there, a badge on some rows), the
 * line becomes alternatives, `A || B`. Pure.
 */
import { alternativesUnit, chooseAlternative, parsePattern, patternText, reduceUnit, type Pattern, type PatternUnit } from '../formats/pattern.ts'

export interface Chosen {
  pattern: string
  /** Per entry, whether its text fits the pattern (regenerates the same). */
  fits: boolean[]
}

/** Labels of links and the padding of dates do not tell patterns apart. */
function unitKey(unit: PatternUnit | string): string {
  const text = typeof unit === 'string' ? unit : unit.text
  return text.replace(/\[[^\[\]]*\]\((\{[^{}]+\})\)/g, '[*]($1)').replace(/\{date\|([^}]*)\}/g, '{date}')
}

/** Whether an entry's unit is the pattern's unit, as written for an entry with only the entry's values. */
function sameUnit(own: PatternUnit, unit: PatternUnit): boolean {
  if (unitKey(own) === unitKey(unit)) return true
  const have = new Set(own.fields.map((field) => field.split('|')[0]!))
  return unitKey(reduceUnit(unit.text, (field) => have.has(field.split('|')[0]!))) === unitKey(own)
}

export function choosePattern(patterns: readonly string[]): Chosen {
  const parsed = patterns.map(parsePattern)
  const counts = new Map<string, { count: number; first: number }>()
  patterns.forEach((text, index) => {
    const key = parsed[index]!.map((line) => line.map(unitKey).join(' ')).join('\n')
    const known = counts.get(key)
    if (known) known.count++
    else counts.set(key, { count: 1, first: index })
  })
  const ranked = [...counts.values()].sort((a, b) => b.count - a.count || a.first - b.first)
  if (ranked.length === 0) return { pattern: '{title}', fits: [] }
  let chosen: Pattern = parsed[ranked[0]!.first]!
  for (const other of ranked.slice(1)) {
    const merged = supersequence(chosen, parsed[other.first]!)
    if (merged) chosen = merged
  }
  chosen = preferredVariants(chosen, parsed)
  const fitting = parsed.map((own) => fits(own, chosen))
  const alternative = withAlternatives(chosen, parsed, fitting)
  const alternativeFits = parsed.map((own) => fits(own, alternative))
  if (alternativeFits.filter(Boolean).length > fitting.filter(Boolean).length) return { pattern: patternText(alternative), fits: alternativeFits }
  return { pattern: patternText(chosen), fits: fitting }
}

/** At most this many alternatives per line: more would be a pattern per entry, not the list's shape. */
const maxAlternatives = 4

/**
 * Each line of the pattern with the lines that entries not fitting it
 * write instead, when at least two entries write them: merged into one
 * another where a supersequence holds, the one with more values first.
 */
function withAlternatives(pattern: Pattern, parsed: readonly Pattern[], fitting: readonly boolean[]): Pattern {
  return pattern.map((line, index) => {
    const misfits = parsed.filter((own, entry) => !fitting[entry] && own[index] && own[index]!.length > 0 && !fitsLine(own[index]!, line)).map((own) => own[index]!)
    const counts = new Map<string, { line: PatternUnit[]; count: number }>()
    for (const own of misfits) {
      const key = own.map(unitKey).join(' ')
      const known = counts.get(key)
      if (known) known.count++
      else counts.set(key, { line: own, count: 1 })
    }
    const lines: PatternUnit[][] = [line]
    for (const { line: own } of [...counts.values()].filter((item) => item.count >= 2).sort((a, b) => b.count - a.count)) {
      const at = lines.findIndex((other, position) => position > 0 && mergeLine(other, own) !== undefined && noRepeats(mergeLine(other, own)!))
      if (at > 0) lines[at] = mergeLine(lines[at]!, own)!
      else if (lines.length < maxAlternatives) lines.push(own)
    }
    if (lines.length === 1) return line
    // A line whose values include another's is the more specific: it goes first.
    const texts = (candidate: readonly PatternUnit[]) => new Set(candidate.flatMap((unit) => unit.fields.map((field) => field.split('|')[0]!)))
    const ordered = [...lines].sort((a, b) => {
      const [ta, tb] = [texts(a), texts(b)]
      if (ta.size > tb.size && [...tb].every((field) => ta.has(field))) return -1
      if (tb.size > ta.size && [...ta].every((field) => tb.has(field))) return 1
      return 0
    })
    // A line is never chosen when one before it needs no value it lacks.
    const reachable = ordered.filter((candidate, position) => !ordered.slice(0, position).some((earlier) => [...texts(earlier)].every((field) => texts(candidate).has(field))))
    return reachable.length > 1 ? [alternativesUnit(reachable)] : line
  })
}

function noRepeats(line: readonly PatternUnit[]): boolean {
  const fields = line.flatMap((unit) => [...new Set(unit.fields.map((field) => field.split('|')[0]!))])
  return new Set(fields).size === fields.length
}

/** `own` fits `pattern` when it is the pattern with some units that have placeholders left out. */
export function fits(own: Pattern, pattern: Pattern): boolean {
  if (own.length > pattern.length) return false
  return pattern.every((line, index) => fitsLine(own[index] ?? [], line))
}

function fitsLine(own: readonly PatternUnit[], line: readonly PatternUnit[]): boolean {
  if (line.length === 1 && line[0]!.alternatives) {
    // The alternative the entry's own values choose must be the entry's line.
    const have = new Set(own.flatMap((unit) => unit.fields.map((field) => field.split('|')[0]!)))
    const chosen = chooseAlternative(line[0]!.alternatives, (field) => have.has(field.split('|')[0]!))
    return chosen !== undefined && fitsLine(own, chosen)
  }
  let at = 0
  for (const unit of line) {
    if (at < own.length && sameUnit(own[at]!, unit)) at++
    else if (unit.fields.length === 0) return false
  }
  return at === own.length
}

/** A pattern both fit, when the units `b` adds all have placeholders and no placeholder repeats. */
function supersequence(a: Pattern, b: Pattern): Pattern | undefined {
  const lines: Pattern = []
  for (let index = 0; index < Math.max(a.length, b.length); index++) {
    const merged = mergeLine(a[index] ?? [], b[index] ?? [])
    if (!merged) return undefined
    lines.push(merged)
  }
  return lines.every(noRepeats) ? lines : undefined
}

function mergeLine(a: readonly PatternUnit[], b: readonly PatternUnit[]): PatternUnit[] | undefined {
  // Longest common subsequence of unit keys, then both sides' other units in order.
  const table = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0))
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      table[i]![j] = unitKey(a[i]!) === unitKey(b[j]!) ? table[i + 1]![j + 1]! + 1 : Math.max(table[i + 1]![j]!, table[i]![j + 1]!)
    }
  }
  const merged: PatternUnit[] = []
  let i = 0
  let j = 0
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && unitKey(a[i]!) === unitKey(b[j]!)) {
      merged.push(a[i]!)
      i++
      j++
    } else if (j >= b.length || (i < a.length && table[i + 1]![j]! >= table[i]![j + 1]!)) {
      if (a[i]!.fields.length === 0) return undefined
      merged.push(a[i]!)
      i++
    } else {
      if (b[j]!.fields.length === 0) return undefined
      merged.push(b[j]!)
      j++
    }
  }
  return merged
}

/** Each date placeholder in the richest format some entry writes (most parts), unpadded when some entry writes it so. */
function preferredVariants(pattern: Pattern, all: readonly Pattern[]): Pattern {
  const formats = all.flatMap((own) => own.flat().flatMap((unit) => [...unit.text.matchAll(/\{date\|([^}]*)\}/g)].map((match) => match[1]!)))
  if (formats.length === 0) return pattern
  const parts = (format: string) => (format.match(/Y+|M+|D+/g) ?? []).length
  const richest = formats.reduce((best, format) => (parts(format) > parts(best) ? format : best))
  const padded = (format: string) => format.replace(/\bM\b/g, 'MM').replace(/\bD\b/g, 'DD')
  // Padded where most entries write a leading zero (`2024-07`), else unpadded: `10` reads the same either way.
  const same = formats.filter((format) => padded(format) === padded(richest))
  const count = (token: RegExp) => same.filter((format) => token.test(format)).length
  const chosen = padded(richest)
    .replace(/\bMM\b/g, (token) => (count(/\bMM\b/) > count(/\bM\b/) ? token : 'M'))
    .replace(/\bDD\b/g, (token) => (count(/\bDD\b/) > count(/\bD\b/) ? token : 'D'))
  const rewrite = (unit: PatternUnit): PatternUnit => ({
    ...unit,
    text: unit.text.replace(/\{date\|([^}]*)\}/g, `{date|${chosen}}`),
    fields: unit.fields.map((field) => field.replace(/^date\|.*$/, `date|${chosen}`))
  })
  return pattern.map((line) => line.map(rewrite))
}

/** The label a pattern writes for a link placeholder, e.g. `pdf` for `[[pdf]]({paper})`. */
export function patternLabel(pattern: string, placeholder: string): string | undefined {
  const match = new RegExp(`\\[([^\\[\\]]*)\\]\\(\\{${placeholder.replace('.', '\\.')}\\}\\)`).exec(pattern)
  return match?.[1]
}
