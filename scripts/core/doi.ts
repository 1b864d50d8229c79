/** DOIs as the model keeps them: bare, `10.1145/3243274.3243299`, and how lists write them. */

const resolvers = /^(?:https?:\/\/)?(?:dx\.)?doi\.org\/|^(?:https?:\/\/)?doi\.acm\.org\/|^doi:\s*/i

/**
 * The bare DOI in a DOI as lists write it: `https://doi.org/10.1/x`,
 * `doi:10.1/x`, `10.1/x`, percent-encoded or not; undefined when it is none.
 */
export function bareDoi(text: string): string | undefined {
  let doi = text.trim().replace(resolvers, '')
  if (/%[0-9a-f]{2}/i.test(doi)) {
    try {
      doi = decodeURIComponent(doi)
    } catch {
      return undefined
    }
  }
  return /^10(?:\.\d{4,9})?\/\S+$/.test(doi) ? doi : undefined
}

/** The DOI a resolver URL points at (`https://doi.org/…`, `http://dx.doi.org/…`, `http://doi.acm.org/…`). */
export function doiFromUrl(url: string): string | undefined {
  if (!resolvers.test(url) || !/^https?:/i.test(url)) return undefined
  return bareDoi(url.split(/[?#]/)[0]!)
}

/** DOIs compare without case (the DOI handbook: they are case-insensitive). */
export function doiKey(doi: string): string {
  return doi.toLowerCase()
}

/** arXiv's own DOIs name the arXiv paper: `10.48550/arXiv.2203.04531` → `2203.04531`. */
export function arxivIdOfDoi(doi: string): string | undefined {
  return /^10\.48550\/arxiv\.(.+)$/i.exec(doi)?.[1]
}
