import type { Dispatcher } from 'undici'

import type { ConnectionPool } from './connection-pool'
import type { UpstreamAnswer, UpstreamPost } from './upstream-post'

/**
 * Stops reading a body and closes its connection. undici reports a body destroyed before its end
 * as an 'error' event; nobody waits for it here, so it is listened to and dropped.
 */
function drop(body: Dispatcher.ResponseData['body']): void {
  body.on('error', () => undefined)
  body.destroy()
}

/** Reads an undici body as UTF-8 text, or answers `undefined` once it grows past `maxBytes`. */
async function readBoundedBody(
  answer: Dispatcher.ResponseData,
  maxBytes: number,
): Promise<string | undefined> {
  const declared = Number(answer.headers['content-length'])
  if (Number.isFinite(declared) && declared > maxBytes) {
    drop(answer.body)
    return undefined
  }
  const chunks: Buffer[] = []
  let total = 0
  for await (const chunk of answer.body as AsyncIterable<Buffer>) {
    total += chunk.byteLength
    if (total > maxBytes) {
      // Stop reading at once so a huge answer never sits in memory.
      drop(answer.body)
      return undefined
    }
    chunks.push(chunk)
  }
  // TextDecoder, as fetch's text() does: a byte-order mark is dropped, bad bytes become U+FFFD.
  return new TextDecoder().decode(Buffer.concat(chunks))
}

/**
 * The default transport: undici's `request` over the client's pool. It answers the status and a
 * Node stream of the body, without the WHATWG Request, Response and stream objects `fetch` builds
 * around the same dispatcher; that was most of an attempt's CPU (docs/performance.md, part 10).
 */
export function undiciPost(pool: () => Promise<ConnectionPool>): UpstreamPost {
  return async ({ url, headers, body, signal }): Promise<UpstreamAnswer> => {
    const { request, agent } = await pool()
    const answer = await request(url, {
      method: 'POST',
      headers,
      body,
      signal,
      dispatcher: agent,
    })
    return {
      status: answer.statusCode,
      text: (maxBytes) => readBoundedBody(answer, maxBytes),
      discard: () => answer.body.dump().catch(() => undefined),
    }
  }
}
