import { links, pointerOf, rule } from './shared.ts'

export function servesHttps(host: string, hosts: readonly string[]): boolean {
  return hosts.some((known) => (known.startsWith('*.') ? host.endsWith(known.slice(1)) : host === known))
}

/** `http://` links to sites known to serve https are rewritten (the list is configuration). */
export default rule({
  id: 'urls/https',
  description: 'Links use https where the site serves it.',
  severity: 'error',
  fix: 'safe',
  check({ data, config, report }) {
    for (const { link, segments } of links(data)) {
      const pointer = () => pointerOf(segments)
      if (typeof link.url !== 'string' || !link.url.startsWith('http://')) continue
      let host: string
      try {
        host = new URL(link.url).hostname
      } catch {
        continue
      }
      if (!servesHttps(host, config.lint.httpsHosts)) continue
      const secure = 'https://' + link.url.slice('http://'.length)
      report({ pointer: pointer(), message: `Unexpected \`http://\` link to \`${host}\`, expected \`${secure}\``, edits: [{ pointer: pointer(), value: secure }] })
    }
  }
})
