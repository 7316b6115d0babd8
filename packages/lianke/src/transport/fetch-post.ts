import type { ConnectionPool } from './connection-pool'
import { readBoundedText } from './read-bounded-text'
import type { UpstreamAnswer, UpstreamPost } from './upstream-post'

type FetchDispatcher = NonNullable<RequestInit['dispatcher']>

/**
 * The transport through an injected `fetch` (tests, or an integrator's instrumented fetch). It
 * still gets the client's pool, as `init.dispatcher`; the cast bridges two copies of the same
 * types (undici's own and @types/node's).
 */
export function fetchPost(base: typeof fetch, pool: () => Promise<ConnectionPool>): UpstreamPost {
  return async ({ url, headers, body, signal }): Promise<UpstreamAnswer> => {
    const { agent } = await pool()
    const response = await base(url, {
      method: 'POST',
      headers,
      body,
      signal,
      dispatcher: agent as unknown as FetchDispatcher,
    })
    return {
      status: response.status,
      text: (maxBytes) => readBoundedText(response, maxBytes),
      discard: async () => {
        await response.body?.cancel().catch(() => undefined)
      },
    }
  }
}
