/**
 * Says why a request failed in a few words, from the error's code only: fetch errors can carry the
 * URL, and the doctor's URLs may hold a secret (the notify path, WeChat's `secret=`).
 */
export function describeFetchError(error: unknown, timeoutMs: number): string {
  if (
    error instanceof DOMException &&
    (error.name === 'TimeoutError' || error.name === 'AbortError')
  )
    return `no answer within ${timeoutMs} ms`
  const cause = (error as { cause?: { code?: unknown } } | undefined)?.cause
  const code = typeof cause?.code === 'string' ? cause.code : undefined
  switch (code) {
    case 'ECONNREFUSED':
      return 'connection refused (nothing listens there)'
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `the host name does not resolve (${code})`
    case 'ECONNRESET':
      return 'the connection was reset'
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
      return `connecting timed out (${code})`
    case undefined:
      return 'the request failed'
    default:
      return code.startsWith('ERR_TLS') || code.includes('CERT') || code.startsWith('ERR_SSL')
        ? `TLS failed (${code}): the certificate is not trusted or does not name this host`
        : `the request failed (${code})`
  }
}
