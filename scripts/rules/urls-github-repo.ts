import { links, pointerOf, rule } from './shared.ts'

/**
 * A code link to GitHub is a repository URL: `https://github.com/owner/repo`,
 * or a folder or file in it (`/tree/<ref>/<path>`, `/blob/<ref>/<path>`).
 * `www.`, a `.git` suffix, a trailing slash and README fragments are tidied.
 */
export default rule({
  id: 'urls/github-repo',
  description: 'GitHub code links are repository URLs.',
  severity: 'error',
  fix: 'safe',
  check({ data, report }) {
    for (const { link, segments } of links(data)) {
      const pointer = () => pointerOf(segments)
      if (link.type !== 'code' || typeof link.url !== 'string') continue
      let url: URL
      try {
        url = new URL(link.url)
      } catch {
        continue
      }
      if (url.hostname !== 'github.com' && url.hostname !== 'www.github.com') continue
      const [owner, repo, kind, ...rest] = url.pathname.split('/').filter(Boolean)
      if (!owner || !repo) {
        report({ pointer: pointer(), message: `Unexpected code link \`${link.url}\` to a GitHub account, expected a repository \`https://github.com/${owner ?? 'owner'}/<repo>\``, hint: 'link the repository with the code' })
        continue
      }
      if (kind !== undefined && kind !== 'tree' && kind !== 'blob') {
        report({ pointer: pointer(), message: `Unexpected code link \`${link.url}\` to the \`${kind}\` page of a repository, expected the repository \`https://github.com/${owner}/${repo.replace(/\.git$/, '')}\``, hint: 'link the repository itself' })
        continue
      }
      const path = [owner, repo.replace(/\.git$/, ''), ...(kind ? [kind, ...rest] : [])].join('/')
      const tidy = `${url.protocol}//github.com/${path}${kind ? url.search : ''}`
      const fragment = url.hash && !/^#(readme|readme-ov-file)$/i.test(url.hash) ? url.hash : ''
      const canonical = tidy + (kind ? fragment : '')
      if (canonical === link.url) continue
      report({ pointer: pointer(), message: `Unexpected GitHub link \`${link.url}\`, expected \`${canonical}\``, edits: [{ pointer: pointer(), value: canonical }] })
    }
  }
})
