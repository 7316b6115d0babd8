import { ApiError } from './api-error'

/**
 * The header the BFF requires on every cookie-authenticated write (its CSRF check); a page of
 * another origin cannot send it without a CORS preflight the BFF never answers.
 */
const CONSOLE_HEADER = { 'X-Console-Request': '1' }

/** Called when any answer is 401: the session ended (expired, logged out elsewhere). */
let onUnauthenticated: () => void = () => undefined

/** Sets what happens when the session turns out to be gone (the app returns to the login page). */
export function setUnauthenticatedHandler(handler: () => void): void {
  onUnauthenticated = handler
}

/**
 * Calls the BFF's merchant API with the session cookie (same origin, HttpOnly: the script never
 * sees it) and the console header; answers the parsed JSON or throws ApiError.
 */
export async function request<T>(
  method: 'GET' | 'POST' | 'DELETE',
  path: string,
  options: { body?: unknown; headers?: Record<string, string> } = {},
): Promise<T> {
  let response: Response
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: {
        ...CONSOLE_HEADER,
        ...(options.body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...options.headers,
      },
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    })
  } catch {
    throw new ApiError(0, 'NETWORK', '网络异常，请检查连接后重试')
  }
  if (response.status === 204) return undefined as T
  const text = await response.text()
  let json: unknown
  try {
    json = text === '' ? undefined : JSON.parse(text)
  } catch {
    json = undefined
  }
  if (!response.ok) {
    const error = (json as { error?: { code?: string; message?: string } } | undefined)?.error
    if (response.status === 401 && !path.endsWith('/session')) onUnauthenticated()
    throw new ApiError(response.status, error?.code ?? 'HTTP', error?.message ?? text)
  }
  return json as T
}
