import { arxivFromUrl, isPlausibleArxivId } from '../core/arxiv.ts'
import { links, pointerOf, rule } from './shared.ts'

const arxivHost = /^https?:\/\/(?:(?:www|export|browse|download)\.)?arxiv\.org\/(?:abs|pdf|html)\//i

/** An arXiv link carries an ID that can exist: `YYMM.NNNNN` (or `YYMM.NNNN` before 2015), or `archive/YYMMNNN`. */
export default rule({
  id: 'urls/arxiv-id',
  description: 'arXiv links carry a plausible arXiv ID.',
  severity: 'error',
  fix: 'none',
  check({ data, report }) {
    for (const { link, segments } of links(data)) {
      const pointer = () => pointerOf(segments)
      if (typeof link.url !== 'string' || !arxivHost.test(link.url)) continue
      const id = arxivFromUrl(link.url)
      if (id && isPlausibleArxivId(id.id)) continue
      report({
        pointer: pointer(),
        message: `Unexpected arXiv link \`${link.url}\`, expected an ID such as \`2401.04088\` (\`YYMM.NNNNN\`; \`YYMM.NNNN\` before 2015) or \`hep-th/9901001\``,
        hint: 'copy the ID from the paper’s arXiv page'
      })
    }
  }
})
