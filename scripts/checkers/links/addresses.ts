/**
 * Addresses a link must not make the checker connect to by default, decided
 * on the parsed address (ipaddr.js), never on its text: an IPv4 address is
 * public only in ipaddr's `unicast` range, an IPv6 address only in `unicast`
 * too, except that an IPv6 address embedding an IPv4 one (mapped, translated,
 * compatible, NAT64, 6to4, Teredo) is as public as the IPv4 address it
 * carries. So a URL in papers.json cannot probe CI's network, however its
 * host is written.
 */
import { isIP } from 'node:net'
import ipaddr from 'ipaddr.js'

export type AddressVerdict = { public: true } | { public: false; range: string }

/**
 * Whether the checker may connect to `address` (an IPv4 or IPv6 address,
 * brackets allowed), and if not, the range that forbids it: `loopback`,
 * `linkLocal`, `ipv4Mapped → loopback`, ... Text that is not an address is
 * not public either (`notAnAddress`): there is nothing to connect to.
 */
export function addressVerdict(address: string): AddressVerdict {
  const parsed = parse(address)
  if (!parsed) return { public: false, range: 'notAnAddress' }
  if (parsed instanceof ipaddr.IPv4) return verdictOf4(parsed)
  const range = parsed.range()
  const embedded = range === 'unicast' && isIPv4Compatible(parsed) ? 'ipv4Compatible' : range
  const carried = embeddedIPv4(parsed, embedded)
  if (!carried) return range === 'unicast' ? { public: true } : { public: false, range }
  const inner = verdictOf4(carried)
  return inner.public ? inner : { public: false, range: `${embedded} → ${inner.range}` }
}

/**
 * True when the checker must not connect to `address`. Text that is not an
 * IP address is a host name: false here, its DNS answer is checked instead.
 */
export function isPrivateAddress(address: string): boolean {
  return parse(address) !== undefined && !addressVerdict(address).public
}

/**
 * True for a URL host (`new URL(link).hostname`, already canonical: IPv4
 * dotted, IPv6 bracketed) that is a non-public IP literal, or `localhost` or
 * a name under it, which resolve to loopback (RFC 6761).
 */
export function isPrivateHost(hostname: string): boolean {
  const name = hostname.toLowerCase().replace(/\.$/, '')
  if (name === 'localhost' || name.endsWith('.localhost')) return true
  return isPrivateAddress(name)
}

/**
 * The address in `text`, or undefined when it is not one. IPv4 in any form
 * `inet_aton` reads (`127.1`, `0x7f.1`, `2130706433`), as the resolver does;
 * IPv6 only when Node's own parser (the one `connect` uses) accepts it.
 */
function parse(text: string): ipaddr.IPv4 | ipaddr.IPv6 | undefined {
  const bare = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text
  if (bare.includes(':')) return isIP(bare) === 6 ? parse6(bare) : undefined
  return ipaddr.IPv4.isValid(bare) ? ipaddr.IPv4.parse(bare) : undefined
}

/**
 * An IPv6 address, its zone dropped and a dotted IPv4 tail written as two
 * hex groups first: ipaddr reads `::a.b.c.d` as `::ffff:a.b.c.d`, where the
 * standard (and the socket) mean `::a.b.c.d`, compatible, not mapped.
 */
function parse6(text: string): ipaddr.IPv6 {
  const address = text.split('%')[0]!
  const colon = address.lastIndexOf(':')
  const tail = address.slice(colon + 1)
  if (!tail.includes('.')) return ipaddr.IPv6.parse(address)
  const [a, b, c, d] = ipaddr.IPv4.parse(tail).octets as [number, number, number, number]
  return ipaddr.IPv6.parse(`${address.slice(0, colon + 1)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`)
}

function verdictOf4(address: ipaddr.IPv4): AddressVerdict {
  const range = address.range()
  return range === 'unicast' ? { public: true } : { public: false, range }
}

/** `::a.b.c.d` (RFC 4291, deprecated): the first 96 bits zero; ipaddr calls these unicast. */
function isIPv4Compatible(address: ipaddr.IPv6): boolean {
  return address.parts.slice(0, 6).every((part) => part === 0)
}

/** The IPv4 address an IPv6 address of `range` carries, if it carries one. */
function embeddedIPv4(address: ipaddr.IPv6, range: string): ipaddr.IPv4 | undefined {
  const parts = address.parts
  const fromParts = (high: number, low: number) => new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff])
  switch (range) {
    case 'ipv4Mapped': // ::ffff:0:0/96
    case 'rfc6145': // ::ffff:0:0:0/96
    case 'rfc6052': // 64:ff9b::/96 and 64:ff9b:1::/48, the last 32 bits
    case 'ipv4Compatible': // ::/96
      return fromParts(parts[6]!, parts[7]!)
    case '6to4': // 2002::/16, bits 16 to 47
      return fromParts(parts[1]!, parts[2]!)
    case 'teredo': // 2001::/32, the client is the last 32 bits inverted
      return fromParts(parts[6]! ^ 0xffff, parts[7]! ^ 0xffff)
    default:
      return undefined
  }
}
