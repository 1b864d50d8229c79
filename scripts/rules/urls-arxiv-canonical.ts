import { arxivFromUrl, canonicalArxivUrl } from '../core/arxiv.ts'
import { links, pointerOf, rule } from './shared.ts'

/** arXiv links in one form, `https://arxiv.org/abs/<id>`, keeping a version only where the list pins one. */
export default rule({
  id: 'urls/arxiv-canonical',
  description: 'arXiv links are written `https://arxiv.org/abs/<id>`.',
  severity: 'error',
  fix: 'safe',
  check({ data, report }) {
    for (const { link, segments } of links(data)) {
      const pointer = () => pointerOf(segments)
      if (typeof link.url !== 'string') continue
      const id = arxivFromUrl(link.url)
      if (!id) continue
      const canonical = canonicalArxivUrl(id)
      if (canonical === link.url) continue
      report({ pointer: pointer(), message: `Unexpected arXiv link \`${link.url}\`, expected \`${canonical}\``, edits: [{ pointer: pointer(), value: canonical }] })
    }
  }
})
