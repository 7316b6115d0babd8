/** One POST of a JSON body to the aggregator. */
export interface UpstreamRequest {
  url: URL
  headers: Readonly<Record<string, string>>
  body: string
  signal: AbortSignal
}

/** What the aggregator answered: its status, then its body read once, or thrown away. */
export interface UpstreamAnswer {
  status: number
  /** The body as UTF-8 text, or `undefined` once it grows past `maxBytes` (reading stops there). */
  text(maxBytes: number): Promise<string | undefined>
  /** Throws the body away unread, so that the connection can serve the next call. */
  discard(): Promise<void>
}

/**
 * How an attempt reaches the aggregator: undici's `request` over the client's pool by default
 * (`undici-post.ts`), or an injected `fetch` (`fetch-post.ts`). Rejects when no answer came.
 */
export type UpstreamPost = (request: UpstreamRequest) => Promise<UpstreamAnswer>
