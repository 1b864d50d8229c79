/** Secrets never reach output: credentials in URLs and token-like query parameters are masked. */
const secretParameter = /^(access_token|token|api_key|apikey|key|secret|sig|signature|password|auth|x-amz-signature|x-amz-credential)$/i

export function redactUrl(text: string): string {
  let url: URL
  try {
    url = new URL(text)
  } catch {
    return text
  }
  let changed = false
  if (url.username || url.password) {
    url.username = url.username ? '***' : ''
    url.password = url.password ? '***' : ''
    changed = true
  }
  for (const name of [...url.searchParams.keys()]) {
    if (secretParameter.test(name)) {
      url.searchParams.set(name, '***')
      changed = true
    }
  }
  return changed ? url.href : text
}

/** Masks every URL-looking string inside a value (for reports built from evidence). */
export function redactDeep<T>(value: T): T {
  if (typeof value === 'string') return (/^https?:\/\//.test(value) ? redactUrl(value) : value.replace(/https?:\/\/[^\s`)]+/g, redactUrl)) as T
  if (Array.isArray(value)) return value.map(redactDeep) as T
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, redactDeep(inner)])) as T
  return value
}
