/** The most specific code of a network error: undici's (`UND_ERR_SOCKET`), the system's (`ECONNREFUSED`), or `TIMEOUT` for an abort by timer. */
export function errorCode(error: unknown): string {
  let current = error as { code?: string; name?: string; cause?: unknown } | undefined
  while (current) {
    if (current.code && current.code !== 'UND_ERR_ABORTED') return current.code
    if (current.name === 'TimeoutError') return 'TIMEOUT'
    current = current.cause as typeof current
  }
  return (error as Error)?.name ?? 'ERROR'
}
