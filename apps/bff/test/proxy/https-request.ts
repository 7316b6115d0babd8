import { request } from 'node:https'

/** An answer as the client saw it, with every header as nginx sent it (repeated ones kept apart). */
export interface HttpsAnswer {
  status: number
  headers: Record<string, string | string[] | undefined>
  text: string
}

/**
 * One https request that trusts `ca` (the test's self-signed certificate), through node:https
 * because the global fetch cannot be given a CA per request.
 */
export function httpsRequest(
  url: string,
  options: { ca: string; method?: string; headers?: Record<string, string>; body?: string },
): Promise<HttpsAnswer> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      url,
      {
        method: options.method ?? 'GET',
        headers: options.headers,
        ca: options.ca,
        timeout: 10_000,
      },
      (response) => {
        const chunks: Buffer[] = []
        response.on('data', (chunk: Buffer) => chunks.push(chunk))
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        )
        response.on('error', reject)
      },
    )
    outgoing.on('timeout', () => outgoing.destroy(new Error(`no answer from ${url}`)))
    outgoing.on('error', reject)
    outgoing.end(options.body)
  })
}
