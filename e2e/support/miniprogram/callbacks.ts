/** The platforms' callback style: `success` or `fail`, then `complete`, always asynchronously. */
import type { Shell } from './shell'

/** An API's options object as the page passes it. */
export type ApiOptions = Record<string, unknown> & {
  success?: (result: unknown) => void
  fail?: (error: unknown) => void
  complete?: (result: unknown) => void
}

/** Runs `work`, then calls `success(result)` or `fail(error)` and `complete` on a later tick. */
export function answer(
  shell: Shell,
  api: string,
  options: ApiOptions | undefined,
  work: () => Promise<{ ok: boolean; result: Record<string, unknown> }>,
): void {
  const given = options ?? {}
  const recorded: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(given))
    if (typeof value !== 'function') recorded[key] = value
  shell.calls.push({ api, options: recorded })
  work().then(
    ({ ok, result }) => deliver(shell, given, ok, result),
    (error: unknown) =>
      deliver(shell, given, false, {
        errMsg: `${api}:fail ${error instanceof Error ? error.message : String(error)}`,
      }),
  )
}

function deliver(
  shell: Shell,
  options: ApiOptions,
  ok: boolean,
  result: Record<string, unknown>,
): void {
  shell.engine.later(() => {
    const value = shell.adopt(result)
    if (ok) options.success?.(value)
    else options.fail?.(value)
    options.complete?.(value)
  })
}

/** Serialises `data` the way both platforms do for a request body or query. */
export function encodeRequestData(
  method: string,
  contentType: string | undefined,
  data: unknown,
): { query?: string; body?: string } {
  if (data === undefined || data === null) return {}
  if (typeof data === 'string') return method === 'GET' ? { query: data } : { body: data }
  const form = () =>
    Object.entries(data as Record<string, unknown>)
      .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`)
      .join('&')
  if (method === 'GET') return { query: form() }
  return (contentType ?? 'application/json').includes('application/json')
    ? { body: JSON.stringify(data) }
    : { body: form() }
}

/** `url` with `query` appended. */
export function withQuery(url: string, query: string | undefined): string {
  if (query === undefined || query === '') return url
  return `${url}${url.includes('?') ? '&' : '?'}${query}`
}

/** A scalar option as text ('' for anything else), as the platforms read string parameters. */
export function text(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? String(value)
    : ''
}
