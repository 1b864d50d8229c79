/**
 * arXiv identifiers: the two schemes, their plausibility, and where they hide
 * in URLs. Rules from arXiv's identifier documentation and its own parser
 * (arxiv-base `arxiv/identifier`): new scheme `YYMM.NNNN` (0704–1412) and
 * `YYMM.NNNNN` (1501 on); old scheme `archive(.SC)/YYMMNNN` (9107–0703).
 */
const newScheme = /^(?<yymm>\d{2}(?:0[1-9]|1[0-2]))\.(?<num>\d{4,5})(?:[vV](?<version>[1-9]\d*))?$/
const oldScheme = /^(?<archive>[a-z]+(?:-[a-z]{2,})?)(?:\.(?<sc>[A-Za-z-]{2,}))?\/(?<yymm>\d{2}(?:0[1-9]|1[0-2]))(?<num>\d{3})(?:[vV](?<version>[1-9]\d*))?$/

/** An arXiv link: abs, pdf (with or without `.pdf`), html; `www.`, `export.`, `browse.` hosts; mirrors. */
const inUrl =
  /^https?:\/\/(?:(?:www|export|browse|download)\.)?(?:arxiv\.org|ar5iv(?:\.labs\.arxiv)?\.org|alphaxiv\.org)\/(?:abs|pdf|html|format|src|overview)\/(?:arXiv:)?(?<id>\d{4}\.\d{4,5}(?:v\d+)?|[a-z]+(?:-[a-z]+)?(?:\.[A-Za-z]{2})?\/\d{7}(?:v\d+)?)(?:\.pdf|\.md)?\/?(?:[?#].*)?$/i

export interface ArxivId {
  /** Without version: `2401.04088`, `hep-th/9901001`. */
  id: string
  /** `2` for `v2`, when the link pins a version. */
  version?: number
}

/** The arXiv ID a URL links to, if it is an arXiv link. */
export function arxivFromUrl(url: string): ArxivId | undefined {
  const match = inUrl.exec(url)
  if (!match) return undefined
  const raw = match.groups!.id!
  const versioned = /^(.*?)v(\d+)$/i.exec(raw)
  const id = versioned ? versioned[1]! : raw
  return { id: id.includes('/') ? id.replace(/^[^/]+/, (archive) => archive.toLowerCase()) : id, ...(versioned ? { version: Number(versioned[2]) } : {}) }
}

/** The one form lists should use: `https://arxiv.org/abs/<id>` (with `v<N>` when pinned). */
export function canonicalArxivUrl({ id, version }: ArxivId): string {
  return `https://arxiv.org/abs/${id}${version !== undefined ? `v${version}` : ''}`
}

/** Whether an ID can exist: month 1–12, the sequence length of its period, the scheme's years. */
export function isPlausibleArxivId(id: string, now = new Date()): boolean {
  const fresh = newScheme.exec(id)
  if (fresh) {
    const yymm = Number(fresh.groups!.yymm)
    const num = fresh.groups!.num!
    if (yymm < 704 || Number(num) === 0) return false
    const current = (now.getUTCFullYear() % 100) * 100 + now.getUTCMonth() + 1
    if (yymm > current) return false
    return yymm <= 1412 ? num.length === 4 : num.length === 5
  }
  const old = oldScheme.exec(id)
  if (old) {
    const yy = Number(old.groups!.yymm!.slice(0, 2))
    const yymm = Number(old.groups!.yymm)
    return (yy >= 91 ? yymm >= 9107 : yymm <= 703) && Number(old.groups!.num) > 0
  }
  return false
}
