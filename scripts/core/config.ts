/**
 * The tools' configuration (`paper-list.config.json`, or `package.json`'s `paperList`; `io/config.ts` finds it),
 * optional, every setting with a default written out here.
 */
import { Ajv2020 } from 'ajv/dist/2020.js'
import configSchema from '../../schema/config.schema.json' with { type: 'json' }
import { UsageError } from './errors.ts'
import { formatFinding } from './findings.ts'
import { parseJsonDocument } from './json-source.ts'
import { FindingsError } from './errors.ts'

export type RuleSetting = 'off' | 'warn' | 'error'

export interface Config {
  /** The folder the configuration was found in, which its paths (caches, reports) are relative to; else the data file's. */
  root?: string
  /** The link checker's settings over its defaults (see `checkers/links/options.ts`). */
  links?: Record<string, unknown>
  /** Base URLs and politeness of arXiv and GitHub (see `checkers/services.ts`). */
  services?: Record<string, unknown>
  lint: {
    /** Severity per rule id, over the rule's default. */
    rules: Record<string, RuleSetting>
    /** Other spelling (any case) → canonical venue series. */
    venueAliases: Record<string, string>
    /** Hosts whose `http://` links are rewritten to `https://`; `*.` matches subdomains. */
    httpsHosts: string[]
  }
}

export const defaultConfig: Config = {
  lint: {
    rules: {},
    // Canonical names map to themselves, so that other cases (`Neurips`) are recognized too.
    venueAliases: {
      ...Object.fromEntries(
        ['NeurIPS', 'ICLR', 'ICML', 'CVPR', 'ICCV', 'ECCV', 'ACL', 'EMNLP', 'NAACL', 'COLING', 'AAAI', 'IJCAI', 'KDD', 'SIGIR', 'WSDM', 'MLSys', 'COLT', 'AISTATS', 'UAI', 'TMLR', 'JMLR', 'TPAMI', 'IJCV', 'arXiv'].map((name) => [name, name])
      ),
      NIPS: 'NeurIPS',
      'Neural Information Processing Systems': 'NeurIPS',
      'International Conference on Learning Representations': 'ICLR',
      'International Conference on Machine Learning': 'ICML'
    },
    httpsHosts: [
      'arxiv.org',
      '*.arxiv.org',
      'github.com',
      '*.github.io',
      'gitlab.com',
      'openreview.net',
      'doi.org',
      'dl.acm.org',
      'ieeexplore.ieee.org',
      'link.springer.com',
      'www.amazon.com',
      'proceedings.mlr.press',
      'papers.nips.cc',
      'papers.neurips.cc',
      'proceedings.neurips.cc',
      'openaccess.thecvf.com',
      'aclanthology.org',
      'huggingface.co',
      'www.youtube.com',
      'youtu.be',
      'icml.cc',
      'iclr.cc',
      'neurips.cc',
      'www.semanticscholar.org',
      'dblp.org'
    ]
  }
}

const validate = new Ajv2020({ allErrors: false, strict: true, validateSchema: false }).compile(configSchema)

export const configFileName = 'paper-list.config.json'

/** The key of `package.json` that may hold the configuration instead of its own file. */
export const packageKey = 'paperList'

/**
 * Reads a configuration file's text over the defaults; a bad file is a usage
 * error with its place. `at` is where in the document the configuration is
 * (`/paperList` in a `package.json`); a document without it is the defaults.
 */
export function parseConfig(text: string | undefined, file: string, knownRules: readonly string[], at = ''): Config {
  if (text === undefined) return defaultConfig
  let document
  try {
    document = parseJsonDocument(text, file)
  } catch (error) {
    if (error instanceof FindingsError) throw new UsageError(error.findings.map(formatFinding).join('\n'))
    throw error
  }
  const value = at === '' ? document.value : (document.value as Record<string, unknown> | null)?.[at.slice(1)]
  if (value === undefined) return defaultConfig
  if (!validate(value)) {
    const error = validate.errors![0]!
    const { line, column } = document.locate(at + error.instancePath)
    throw new UsageError(`${file}:${line}:${column}: \`${at + error.instancePath || '/'}\` ${error.message} (see schema/config.schema.json)`)
  }
  // What a JSON Schema cannot say: a pattern must compile, an address must parse (else a check would crash at its first link).
  const settings = value as { links?: { exclude?: string[] }; services?: { arxiv?: { url?: string }; github?: { restUrl?: string; graphqlUrl?: string } } }
  const refuse = (pointer: string, message: string): never => {
    const { line, column } = document.locate(at + pointer)
    throw new UsageError(`${file}:${line}:${column}: \`${at + pointer}\` ${message}`)
  }
  settings.links?.exclude?.forEach((pattern, index) => {
    try {
      new RegExp(pattern)
    } catch (error) {
      refuse(`/links/exclude/${index}`, `is not a regular expression (${(error as Error).message.replace(/^Invalid regular expression: /, '')}); fix the pattern, or escape what should match literally`)
    }
  })
  const addresses: Array<[string, string | undefined]> = [
    ['/services/arxiv/url', settings.services?.arxiv?.url],
    ['/services/github/restUrl', settings.services?.github?.restUrl],
    ['/services/github/graphqlUrl', settings.services?.github?.graphqlUrl]
  ]
  for (const [pointer, address] of addresses) {
    if (address !== undefined && !URL.canParse(address)) refuse(pointer, `is not a URL, expected an address such as \`https://export.arxiv.org/api/query\``)
  }
  const raw = value as { lint?: Partial<Config['lint']>; links?: Record<string, unknown>; services?: Record<string, unknown> }
  for (const id of Object.keys(raw.lint?.rules ?? {})) {
    if (!knownRules.includes(id)) {
      const { line, column } = document.locate(`${at}/lint/rules/${id.replace(/~/g, '~0').replace(/\//g, '~1')}`)
      throw new UsageError(`${file}:${line}:${column}: Unknown rule \`${id}\`, expected one of ${knownRules.map((known) => `\`${known}\``).join(', ')}`)
    }
  }
  return {
    ...(raw.links ? { links: raw.links } : {}),
    ...(raw.services ? { services: raw.services } : {}),
    lint: {
      rules: { ...defaultConfig.lint.rules, ...raw.lint?.rules },
      venueAliases: { ...defaultConfig.lint.venueAliases, ...raw.lint?.venueAliases },
      httpsHosts: [...defaultConfig.lint.httpsHosts, ...(raw.lint?.httpsHosts ?? [])]
    }
  }
}
