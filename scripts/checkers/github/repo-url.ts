/** A GitHub code link as a repository and, for `tree/` and `blob/` links, a path in it. */
export interface RepoLink {
  owner: string
  name: string
  /** `tree` or `blob` links: the ref and the path after it (the first segment is taken as the ref). */
  ref?: string
  path?: string
  /** Everything after `owner/name`, to keep when the repository moved. */
  rest: string
}

export function parseRepoLink(url: string): RepoLink | undefined {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return undefined
  }
  if (parsed.hostname !== 'github.com' && parsed.hostname !== 'www.github.com') return undefined
  const [owner, rawName, kind, ref, ...path] = parsed.pathname.split('/').filter(Boolean)
  if (!owner || !rawName) return undefined
  const name = rawName.replace(/\.git$/, '')
  const rest = parsed.pathname.split('/').filter(Boolean).slice(2).join('/')
  if ((kind === 'tree' || kind === 'blob') && ref) {
    return { owner, name, ref: decodeURIComponent(ref), ...(path.length > 0 ? { path: path.map(decodeURIComponent).join('/') } : {}), rest }
  }
  return { owner, name, rest }
}

export type RepoStatus =
  | { kind: 'ok' }
  | { kind: 'archived' }
  | { kind: 'disabled' }
  | { kind: 'moved'; to: string }
  | { kind: 'not-found' }
  | { kind: 'unavailable-for-legal-reasons'; reason?: string }
  | { kind: 'path-missing'; ref: string; path: string }
  | { kind: 'unverified'; reason: string }

/** The one place a repository's answer becomes a status: disabled, moved, path, archived, ok. */
export function statusOf(link: RepoLink, nameWithOwner: string, archived: boolean, disabled: boolean, pathExists: boolean): RepoStatus {
  if (disabled) return { kind: 'disabled' }
  if (nameWithOwner.toLowerCase() !== `${link.owner}/${link.name}`.toLowerCase()) {
    return { kind: 'moved', to: `https://github.com/${nameWithOwner}${link.rest ? `/${link.rest}` : ''}` }
  }
  if (!pathExists) return { kind: 'path-missing', ref: link.ref!, path: link.path! }
  if (archived) return { kind: 'archived' }
  return { kind: 'ok' }
}
