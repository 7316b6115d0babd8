import type { HttpTransport } from './http-transport'

/** An HttpTransport over `fetch` with a deadline: Node tests and any platform that has fetch. */
export function fetchTransport(timeoutMs = 15_000): HttpTransport {
  return async ({ method, url, headers, body }) => {
    const response = await fetch(url, {
      method,
      headers: body === undefined ? headers : { 'Content-Type': 'application/json', ...headers },
      body: body === undefined ? null : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    })
    const text = await response.text()
    return { status: response.status, body: parseJson(text) }
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch {
    return text
  }
}
