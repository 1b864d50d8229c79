/** What a link is, from its label (`[Codes]`) or, failing that, its URL. */
import type { LinkType } from '../core/model.ts'

const labelTypes: Array<[RegExp, LinkType]> = [
  [/^(paper|pdf|arxiv|openreview|doi|proceedings|publication|acl anthology)$/i, 'paper'],
  [/^(code|codes|github|gitlab|repo|repository|source|source code|implementation)$/i, 'code'],
  [/^(slides?|presentation|talk|poster)$/i, 'slides'],
  [/^(video|youtube|recording)$/i, 'video'],
  [/^(project|project page|homepage|demo)$/i, 'project'],
  [/^(book|buy|amazon)$/i, 'book'],
  [/^(link|website|site|web|page|notes|lecture|course)$/i, 'website']
]

const hostTypes: Array<[RegExp, LinkType]> = [
  [/^(github\.com|gitlab\.com|bitbucket\.org|codeberg\.org)$/, 'code'],
  [/(^|\.)(arxiv\.org|openreview\.net|doi\.org|aclanthology\.org|proceedings\.mlr\.press|papers\.nips\.cc|papers\.neurips\.cc|openaccess\.thecvf\.com)$/, 'paper'],
  [/(^|\.)(youtube\.com|youtu\.be|vimeo\.com)$/, 'video']
]

export function linkType(label: string, url: string): LinkType {
  for (const [pattern, type] of labelTypes) if (pattern.test(label.trim())) return type
  let host = ''
  try {
    host = new URL(url).hostname.replace(/^www\./, '')
  } catch {
    return 'website'
  }
  for (const [pattern, type] of hostTypes) if (pattern.test(host)) return type
  return 'website'
}
