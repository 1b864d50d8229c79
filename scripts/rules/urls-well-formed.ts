import { addressVerdict, isPrivateHost } from '../checkers/links/addresses.ts'
import { links, pointerOf, rule } from './shared.ts'

/** A link parses as a URL with a real, public host and no credentials. */
export default rule({
  id: 'urls/well-formed',
  description: 'Links are well-formed URLs with a public host name and no credentials.',
  severity: 'error',
  fix: 'none',
  check({ data, report }) {
    for (const { link, segments } of links(data)) {
      const pointer = () => pointerOf(segments)
      if (typeof link.url !== 'string' || !/^https?:/i.test(link.url)) continue
      let url: URL
      try {
        url = new URL(link.url)
      } catch {
        report({ pointer: pointer(), message: `Unexpected URL \`${link.url}\`, it does not parse`, hint: 'copy the address from the browser again' })
        continue
      }
      if (url.username || url.password) {
        report({ pointer: pointer(), message: `Unexpected credentials in \`${url.host}\` link`, hint: 'remove the `user:password@` part; a list must not carry secrets' })
      } else if (isPrivateHost(url.hostname)) {
        report({
          pointer: pointer(),
          message: `Unexpected host \`${url.hostname}\` (${privateKind(url.hostname)}) in link \`${link.url}\`, expected a public host name`,
          hint: 'a list must not point at private networks; use the public address of the page'
        })
      } else if (!url.hostname.includes('.') || url.hostname.endsWith('.')) {
        report({ pointer: pointer(), message: `Unexpected host \`${url.hostname}\`, expected a public host name such as \`example.org\``, hint: 'check the address' })
      }
    }
  }
})

/** `loopback address`, `ipv4Mapped → linkLocal address`, or `local host name` for `localhost`. */
function privateKind(hostname: string): string {
  const verdict = addressVerdict(hostname)
  return verdict.public || verdict.range === 'notAnAddress' ? 'local host name' : `${verdict.range} address`
}
