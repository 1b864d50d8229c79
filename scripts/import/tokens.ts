/**
 * The small words of paper lists: what a link's label says it points at
 * (`pdf`, `code`, `project page`), venue names with their years (`ICLR
 * 2022`, `NeurIPS'23`, `Arxiv'24`), and author lists (`A, B and C`). Pure.
 */
import type { LinkType } from '../core/model.ts'

const labelRoles: Array<[RegExp, LinkType]> = [
  [/^(pdf|paper|papers|arxiv|abs|abstract|link|url|openreview|doi|html|pub|publication|preprint|article|acl|proceedings|official|\u{1F4C4}|\u{1F4DD})$/iu, 'paper'],
  [/^(code|codes|github|git|repo|repository|implementation|source|official code|pytorch|jax|tensorflow|\u{1F4BB})$/iu, 'code'],
  [/^(project|project page|page|website|homepage|home|site|web)$/i, 'project'],
  [/^(demo|space|playground|try it)$/i, 'demo'],
  [/^(blog|post|blog post|news|tweet)$/i, 'blog'],
  [/^(video|talk|youtube|bilibili|recording)$/i, 'video'],
  [/^(slides?|ppt|poster)$/i, 'slides'],
  [/^(data|dataset|datasets|benchmark)$/i, 'dataset'],
  [/^(model|models|weights|checkpoints?|hf|hugging ?face|\u{1F917})$/iu, 'model']
]

/** What a link's label says it is, for a short label; `undefined` for a title or anything else. */
export function labelRole(label: string): LinkType | undefined {
  const text = label.trim().replace(/^\[|\]$/g, '').trim()
  for (const [expression, role] of labelRoles) if (expression.test(text)) return role
  return undefined
}

/** What a URL points at, by its host, for a link whose label says nothing. */
export function urlRole(url: string): LinkType {
  let host = ''
  try {
    host = new URL(url).hostname.replace(/^www\./, '')
  } catch {
    return 'website'
  }
  if (/\.pdf$/i.test(url)) return 'paper'
  if (/^(github\.com|gitlab\.com|bitbucket\.org|gitee\.com)$/.test(host)) return 'code'
  if (/^huggingface\.co$/.test(host)) return /\/(spaces)\//.test(url) ? 'demo' : /\/papers\//.test(url) ? 'paper' : /\/datasets\//.test(url) ? 'dataset' : 'model'
  if (/(youtube\.com|youtu\.be|bilibili\.com|vimeo\.com)$/.test(host)) return 'video'
  if (/(arxiv\.org|openreview\.net|doi\.org|aclanthology\.org|proceedings|papers\.nips\.cc|thecvf\.com|ecva\.net|jmlr\.org|aaai\.org|ijcai\.org|acm\.org|ieee\.org|springer\.com|sciencedirect\.com|semanticscholar\.org|biorxiv\.org|medrxiv\.org|nature\.com|science\.org|ssrn\.com)$/.test(host) || /\.pdf$/i.test(url)) return 'paper'
  return 'website'
}

/** Venue series lists use, without years. Longer names first where one is a prefix of another. */
const seriesNames = [
  'NeurIPS', 'NIPS', 'ICLR', 'ICML', 'CVPR', 'ICCV', 'ECCV', 'ACL', 'EMNLP', 'NAACL', 'EACL', 'AACL', 'COLING', 'COLM', 'AAAI', 'IJCAI', 'KDD', 'WWW', 'SIGIR', 'WSDM', 'CIKM', 'RecSys',
  'UAI', 'AISTATS', 'CoRL', 'RSS', 'ICRA', 'IROS', 'MLSys', 'OSDI', 'SOSP', 'ASPLOS', 'ISCA', 'MICRO', 'HPCA', 'PPoPP', 'NSDI', 'EuroSys', 'ATC', 'VLDB', 'SIGMOD', 'ICDE', 'DAC', 'ICCAD',
  'SC', 'WACV', 'BMVC', 'MICCAI', 'ACCV', 'ICASSP', 'Interspeech', 'INTERSPEECH', 'ACM MM', 'MM', 'TPAMI', 'IJCV', 'TIP', 'TNNLS', 'JMLR', 'TMLR', 'TACL', 'Nature', 'Science', 'PNAS',
  'arXiv', 'ArXiv', 'Arxiv', 'arxiv', 'ARXIV', 'bioRxiv', 'medRxiv', 'Preprint', 'preprint'
]
const venueExpression = new RegExp(`(?<![\\w-])(?<series>${seriesNames.map((name) => name.replace(/ /g, '\\s')).join('|')})(?:(?<workshop>\\s(?:Workshop|Findings|Oral|Spotlight))?(?<sep>\\s|'|’|-)?(?<year>(?:19|20)\\d{2}|\\d{2})(?!\\d))?(?![\\w-])`, 'g')

export interface VenueToken {
  index: number
  text: string
  /** The series as written, `ICLR`. */
  series: string
  /** Four digits, when the token has a year. */
  year?: string
  /** How the year is written: `{vyear}` or `{vyy}`, after the separator. */
  yearText?: { index: number; text: string; short: boolean }
}

/** An acronym with a year that is no known venue: `NeurlPS 2014`, `NAS 2019`. */
const acronymExpression = /(?<![\w-])(?<series>[A-Z][A-Za-z]*[A-Z][A-Za-z]*)(?<sep>\s|')(?<year>(?:19|20)\d{2})(?!\d)/g

export function findVenues(text: string): VenueToken[] {
  const found: VenueToken[] = []
  const matches = [...text.matchAll(venueExpression)]
  for (const match of text.matchAll(acronymExpression)) if (!matches.some((known) => known.index! <= match.index! && known.index! + known[0].length > match.index!)) matches.push(match)
  for (const match of matches) {
    const groups = match.groups!
    const series = groups.series! + (groups.workshop ?? '')
    const year = groups.year
    const token: VenueToken = { index: match.index!, text: match[0], series }
    if (year !== undefined && (year.length === 4 || groups.sep === "'" || groups.sep === '’' || groups.sep === undefined)) {
      const yearIndex = match.index! + match[0].length - year.length
      token.year = year.length === 4 ? year : `20${year}`
      token.yearText = { index: yearIndex, text: year, short: year.length === 2 }
    } else if (year !== undefined) {
      // `ICLR-23` and the like: the series alone.
      token.text = series
    }
    found.push(token)
  }
  return found.sort((a, b) => a.index - b.index)
}

/** Whether a short text is a venue a table's venue cell or an emphasis holds: any text, a trailing year split off. */
export function splitVenueText(text: string): { series: string; year?: string; short?: boolean; separator?: string } {
  const match = /^(.*?\S)(\s|'|’)((?:19|20)\d{2}|\d{2})$/.exec(text)
  if (!match) return { series: text }
  return { series: match[1]!, year: match[3]!.length === 4 ? match[3]! : `20${match[3]}`, short: match[3]!.length === 2, separator: match[2]! }
}

const namePart = "[\\p{Lu}][\\p{L}\\p{M}'’.-]*"
const name = `(?:${namePart}|(?:van|von|der|den|de|la|las|los|del|della|da|das|dos|di|le|du|ter|zu|bin)\\b)(?:\\s+(?:${namePart}|(?:van|von|der|den|de|la|las|los|del|della|da|das|dos|di|le|du|ter|zu|bin)\\b))*(?:\\s+et\\s+al\\.?)?`
const authorList = new RegExp(`^${name}(?:\\s*(?:,|;|,?\\s+and|\\s*&)\\s*${name})*$`, 'u')

/** Authors of a text that is only names: `A, B and C` → the names and how they are joined. */
export function readAuthors(text: string): { authors: string[]; style: string } | undefined {
  const value = text.trim().replace(/^(?:and|&|,)\s+/, '').replace(/[.,;]$/, (end) => (/et al\.$/.test(text.trim()) ? end : '')).trim()
  if (value === '' || !authorList.test(value)) return undefined
  const style = /,\s+and\s+[^,]+$/.test(value) ? ', and' : /\s+and\s+[^,]+$/.test(value) ? 'and' : /\s&\s[^,]+$/.test(value) ? '&' : /;/.test(value) ? '; ' : ', '
  const authors = value
    .split(style === '; ' ? /\s*;\s*/ : /\s*,\s*and\s+|\s*,\s*|\s+and\s+|\s*&\s*/)
    .map((author) => author.trim())
    .filter((author) => author !== '')
  return { authors, style }
}
