/** The most specific code of a network error: undici's (`UND_ERR_SOCKET`), the system's (`ECONNREFUSED`), or `TIMEOUT` for an abort by timer. */
export function errorCode(error: unknown): string {
  let current = error as { code?: string; name?: string; cause?: unknown } | undefined
  while (current) {
    // A timer's abort is a DOMException whose numeric `code` (23) says nothing.
    if (current.name === 'TimeoutError') return 'TIMEOUT'
    if (typeof current.code === 'string' && current.code !== 'UND_ERR_ABORTED') return current.code
    current = current.cause as typeof current
  }
  return (error as Error)?.name ?? 'ERROR'
}
