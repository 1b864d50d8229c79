/**
 * `add 2401.04088 [--category id] [--note text] [--key K] [--venue V] [--code URL]`:
 * fetches title, authors and date from arXiv, builds a canonical entry,
 * refuses a duplicate, writes `papers.json` atomically and regenerates the READMEs.
 */
import { flattenCategories } from '../core/categories.ts'
import { arxivFromUrl, canonicalArxivUrl, isPlausibleArxivId } from '../core/arxiv.ts'
import { FindingsError, ServiceError, UsageError } from '../core/errors.ts'
import { EntryIndex } from '../core/identity.ts'
import { loadPapers } from '../core/load.ts'
import { entryKinds, type Entry, type EntryKind, type Link } from '../core/model.ts'
import { canonicalEntryOrder, canonicalVenueOrder } from '../core/order.ts'
import { serializePapers } from '../core/serialize.ts'
import { writeIfChanged } from '../io/files.ts'
import type { CommandContext } from './context.ts'
import { generate } from './generate.ts'
import { loadForChecks, lookupArxiv } from './metadata.ts'

export interface AddOptions {
  ids: string[]
  data: string
  config?: string
  category?: string
  notes: string[]
  key?: string
  venue?: string
  code?: string
  kind?: string
  generate: boolean
  cache: boolean
}

export async function addCommand(options: AddOptions, context: CommandContext): Promise<number> {
  if (options.ids.length !== 1) throw new UsageError('Expected one arXiv ID or URL, e.g. `npm run add -- 2401.04088 --category sparse-gating-mechanism`')
  const given = options.ids[0]!
  const parsed = arxivFromUrl(given) ?? arxivFromUrl(`https://arxiv.org/abs/${given.replace(/^arxiv:/i, '')}`)
  if (!parsed || !isPlausibleArxivId(parsed.id)) throw new UsageError(`Unexpected arXiv ID \`${given}\`, expected one such as \`2401.04088\` or \`hep-th/9901001\``)
  if (options.kind !== undefined && !(entryKinds as readonly string[]).includes(options.kind)) throw new UsageError(`Unknown kind \`${options.kind}\`, expected one of ${entryKinds.join(', ')}`)

  const loaded = await loadForChecks(options, context)
  const { dataFile, shown, config, data, document } = loaded
  const venue = options.venue ?? 'arXiv'
  if (options.venue !== undefined && !Object.hasOwn(data.venues, venue)) throw new UsageError(`Unknown venue \`${venue}\`, expected a key of \`venues\` in ${shown}; add it there first`)
  if (options.category !== undefined && !flattenCategories(data.categories).some(({ category }) => category.id === options.category)) {
    throw new UsageError(`Unknown category \`${options.category}\`, expected the \`id\` of a category in ${shown}`)
  }
  if (options.code !== undefined && !/^https?:\/\//.test(options.code)) throw new UsageError(`Unexpected code link \`${options.code}\`, expected an http(s) URL`)

  const index = new EntryIndex(data.entries)
  const probe: Entry = { kind: 'paper', title: '\u0000', links: [{ type: 'paper', url: canonicalArxivUrl(parsed) }] }
  const existing = index.find(probe)
  if (existing) return refuseDuplicate(existing, data.entries.indexOf(existing), shown, document.locate(`/entries/${data.entries.indexOf(existing)}`).line)

  const answer = (await lookupArxiv([parsed.id], loaded, context, options.cache)).answers.get(parsed.id)!
  if (answer.kind === 'missing') throw new UsageError(`arXiv has no paper \`${parsed.id}\` (asked twice); check the ID`)
  if (answer.kind === 'unverified') throw new ServiceError(`arXiv could not verify \`${parsed.id}\`: ${answer.reason}. Nothing was written; try again later`)
  const record = answer.record

  const links: Link[] = [{ type: 'paper', url: canonicalArxivUrl(parsed) }, ...(options.code ? [{ type: 'code' as const, url: options.code }] : [])]
  const entry: Entry = {
    kind: (options.kind as EntryKind | undefined) ?? 'paper',
    ...(options.key ? { key: options.key } : {}),
    title: record.title,
    authors: record.authors,
    venue,
    date: record.published,
    links,
    ...(record.primaryClass ? { primaryClass: record.primaryClass } : {}),
    ...(options.category ? { categories: [{ category: options.category, ...(options.notes.length > 0 ? { notes: options.notes } : {}) }] } : {}),
    // The day it joins the list, for the feed of additions.
    added: new Date(context.clock?.now() ?? Date.now()).toISOString().slice(0, 10)
  }
  const sameTitle = index.find({ ...entry, links: [] })
  if (sameTitle) return refuseDuplicate(sameTitle, data.entries.indexOf(sameTitle), shown, document.locate(`/entries/${data.entries.indexOf(sameTitle)}`).line)

  if (!Object.hasOwn(data.venues, venue)) data.venues[venue] = { type: 'preprint' }
  data.entries.push(entry)
  data.entries = canonicalEntryOrder(data)
  data.venues = canonicalVenueOrder(data.venues)
  const text = serializePapers(data)
  // What is written must load: refuse rather than leave a broken file.
  loadPapers(text, shown, config)
  await writeIfChanged(dataFile, text)
  context.stdout.write(`Added \`${record.title}\` (${parsed.id}, ${record.authors.length} authors, ${record.published}) to ${shown}\n`)
  if (!options.generate) return 0
  return generate({ data: options.data, templates: 'templates', outDir: '.', check: false }, context)
}

function refuseDuplicate(existing: Entry, index: number, file: string, line: number): never {
  throw new FindingsError(
    [{ ruleId: 'add/duplicate', severity: 'error', file, line, column: 5, pointer: `/entries/${index}`, message: `Unexpected duplicate: \`${existing.title}\` is already in the list`, hint: 'add a category to the existing entry instead' }],
    'nothing was added'
  )
}
