/**
 * Addresses a link must not make the checker connect to by default:
 * loopback, private, link-local, unique-local, unspecified, and their
 * IPv4-mapped IPv6 forms (so a URL in papers.json cannot probe CI's network).
 */
import { isIP } from 'node:net'

const privateV4: Array<[number, number]> = [
  [ip4('0.0.0.0'), 8],
  [ip4('10.0.0.0'), 8],
  [ip4('100.64.0.0'), 10],
  [ip4('127.0.0.0'), 8],
  [ip4('169.254.0.0'), 16],
  [ip4('172.16.0.0'), 12],
  [ip4('192.0.0.0'), 24],
  [ip4('192.168.0.0'), 16],
  [ip4('198.18.0.0'), 15],
  [ip4('224.0.0.0'), 4],
  [ip4('240.0.0.0'), 4]
]

function ip4(address: string): number {
  return address.split('.').reduce((value, part) => value * 256 + Number(part), 0)
}

export function isPrivateAddress(address: string): boolean {
  const family = isIP(address)
  if (family === 4) {
    const value = ip4(address)
    return privateV4.some(([base, bits]) => Math.floor(value / 2 ** (32 - bits)) === Math.floor(base / 2 ** (32 - bits)))
  }
  if (family === 6) {
    const lower = address.toLowerCase()
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower)
    if (mapped) return isPrivateAddress(mapped[1]!)
    if (lower === '::' || lower === '::1') return true
    // fc00::/7 unique local, fe80::/10 link-local, ff00::/8 multicast.
    return /^f[cd]/.test(lower) || /^fe[89ab]/.test(lower) || /^ff/.test(lower)
  }
  return false
}
