/**
 * Secrets never reach output, nor papers.json: credentials in URLs and
 * token-like parameters, in the query or in the fragment (where the OAuth
 * implicit flow puts `access_token`), are masked; a redirect target that
 * carries any, or leaves http(s), or points at a private host, is not a
 * target `--fix` may write.
 */
import { isPrivateHost } from './addresses.ts'

const secretName = /^(access_token|id_token|refresh_token|token|api_key|apikey|key|secret|client_secret|sig|signature|password|passwd|auth|x-amz-signature|x-amz-credential|x-amz-security-token|x-goog-signature|x-goog-credential)$/i

/** `name=value` pairs of a query or a fragment; a fragment may hold a route first (`#/callback?access_token=...`). */
const parameter = /(^[?#]|[?&;])([^=&;?#]+)=([^&;?#]*)/g

export function redactUrl(text: string): string {
  const url = parse(text)
  return url && mask(url) ? url.href : text
}

/** Masks every URL-looking string inside a value (for reports built from evidence). */
export function redactDeep<T>(value: T): T {
  if (typeof value === 'string') return (/^https?:\/\//.test(value) ? redactUrl(value) : value.replace(/https?:\/\/[^\s`)]+/g, redactUrl)) as T
  if (Array.isArray(value)) return value.map(redactDeep) as T
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, redactDeep(inner)])) as T
  return value
}

/** True when `url` has credentials, or a secret-looking parameter in its query or fragment; false when it does not parse. */
export function carriesSecrets(url: string): boolean {
  const parsed = parse(url)
  return parsed !== undefined && (parsed.username !== '' || parsed.password !== '' || mask(parsed))
}

/** True when `--fix` may write `url` into papers.json: an http(s) URL with no secrets and a host that is not private. */
export function isSafeFixTarget(url: string): boolean {
  const parsed = parse(url)
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) return false
  return !carriesSecrets(url) && !isPrivateHost(parsed.hostname)
}

/** Masks credentials and secret parameters in place; true when it masked anything. */
function mask(url: URL): boolean {
  let changed = false
  if (url.username || url.password) {
    url.username = url.username ? '***' : ''
    url.password = url.password ? '***' : ''
    changed = true
  }
  const search = maskParameters(url.search)
  if (search !== url.search) {
    url.search = search
    changed = true
  }
  const hash = maskParameters(url.hash)
  if (hash !== url.hash) {
    url.hash = hash
    changed = true
  }
  return changed
}

/** The query or fragment with every secret parameter's value replaced by `***`; the rest byte for byte. */
function maskParameters(part: string): string {
  return part.replace(parameter, (pair: string, lead: string, name: string) => (secretName.test(decode(name)) ? `${lead}${name}=***` : pair))
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '))
  } catch {
    return text
  }
}

function parse(text: string): URL | undefined {
  try {
    return new URL(text)
  } catch {
    return undefined
  }
}
