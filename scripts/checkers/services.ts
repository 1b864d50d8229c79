/**
 * Where the metadata services are and how politely to ask them: one place,
 * so tests point every base URL at servers on 127.0.0.1. Defaults follow
 * each service's published terms (arXiv: one request every 3 s, one
 * connection, 100 IDs a request; GitHub GraphQL: about 50 repositories a query).
 */
export interface ServiceOptions {
  arxiv: {
    /** The Atom API's query endpoint. */
    url: string
    /** Milliseconds between the starts of two requests, at least. */
    interval: number
    batchSize: number
    retries: number
    /** Hours an answer is reused. */
    cacheHours: number
    cacheFile: string
  }
  github: {
    restUrl: string
    graphqlUrl: string
    batchSize: number
    cacheFile: string
  }
  userAgent: string
  timeout: number
}

export const defaultServiceOptions: ServiceOptions = {
  arxiv: { url: 'https://export.arxiv.org/api/query', interval: 3_000, batchSize: 100, retries: 3, cacheHours: 24, cacheFile: '.cache/arxiv.json' },
  github: { restUrl: 'https://api.github.com', graphqlUrl: 'https://api.github.com/graphql', batchSize: 50, cacheFile: '.cache/github.json' },
  userAgent: 'awesome-paper-list-checker/0.1 (metadata checks of a curated paper list)',
  timeout: 30_000
}

export function mergeServiceOptions(overrides: Partial<{ arxiv: Partial<ServiceOptions['arxiv']>; github: Partial<ServiceOptions['github']>; userAgent: string; timeout: number }> | undefined): ServiceOptions {
  return {
    ...defaultServiceOptions,
    ...(overrides?.userAgent ? { userAgent: overrides.userAgent } : {}),
    ...(overrides?.timeout ? { timeout: overrides.timeout } : {}),
    arxiv: { ...defaultServiceOptions.arxiv, ...overrides?.arxiv },
    github: { ...defaultServiceOptions.github, ...overrides?.github }
  }
}
