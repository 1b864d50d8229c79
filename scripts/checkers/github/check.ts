/**
 * Every repository link through GitHub's APIs, one service gate for both:
 * with a token, GraphQL in batches, then REST for the few GraphQL calls
 * NOT_FOUND or blocked (REST alone tells renamed, 301, blocked, 451, and
 * gone, 404, apart); without a token, REST one repository at a time.
 */
import { checkBatch } from './graphql.ts'
import type { RepoLink, RepoStatus } from './repo-url.ts'
import { checkRepository, type RestDeps } from './rest.ts'

export interface RepositoryCheck {
  graphqlUrl: string
  batchSize: number
  rest: RestDeps
}

export async function checkRepositories(links: readonly RepoLink[], check: RepositoryCheck): Promise<RepoStatus[]> {
  const { rest } = check
  if (!rest.token) {
    const statuses: RepoStatus[] = []
    for (const link of links) statuses.push(await checkRepository(link, rest))
    return statuses
  }
  const statuses: RepoStatus[] = []
  for (let start = 0; start < links.length; start += check.batchSize) {
    statuses.push(...(await checkBatch(links.slice(start, start + check.batchSize), check.graphqlUrl, rest.gate, rest)))
  }
  for (const [index, status] of statuses.entries()) {
    if (status.kind !== 'not-found' && status.kind !== 'unavailable-for-legal-reasons') continue
    const confirmed = await checkRepository(links[index]!, rest)
    statuses[index] = confirmed.kind === 'unverified' ? { kind: 'unverified', reason: `GraphQL said ${status.kind === 'not-found' ? 'not found' : 'blocked'}, and REST could not confirm it: ${confirmed.reason}` } : confirmed
  }
  return statuses
}
