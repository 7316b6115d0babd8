/** What one HTTP delivery to `notify_url` produced. */
export interface DeliveryResult {
  acknowledged: boolean
  status?: number
  body?: string
  error?: string
}

const SNIPPET_CHARS = 200
const MAX_READ_BYTES = 64 * 1024
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1'])

/**
 * POSTs one notification body as JSON and reads the answer: acknowledged only on HTTP 2xx with a
 * body that is exactly `OK` or `SUCCESS` once trimmed. Only loopback URLs are contacted, so the
 * simulator can never reach outside the machine.
 */
export async function deliverNotification(
  url: string,
  body: string,
  signal: AbortSignal,
): Promise<DeliveryResult> {
  let target: URL
  try {
    target = new URL(url)
  } catch {
    return { acknowledged: false, error: 'notify_url is not a URL' }
  }
  if (!LOOPBACK_HOSTS.has(target.hostname)) {
    return { acknowledged: false, error: `refused: ${target.hostname} is not a loopback host` }
  }
  try {
    const response = await fetch(target, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body,
      redirect: 'manual',
      signal,
    })
    const text = await readLimited(response)
    const token = text.trim()
    return {
      acknowledged: response.ok && (token === 'OK' || token === 'SUCCESS'),
      status: response.status,
      body: text.slice(0, SNIPPET_CHARS),
    }
  } catch (error) {
    return { acknowledged: false, error: error instanceof Error ? error.message : String(error) }
  }
}

async function readLimited(response: Response): Promise<string> {
  if (!response.body) return ''
  const reader = response.body.getReader() as ReadableStreamDefaultReader<Uint8Array>
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const chunk = await reader.read()
    if (chunk.done) break
    const value = chunk.value
    chunks.push(value)
    size += value.byteLength
    if (size >= MAX_READ_BYTES) {
      await reader.cancel()
      break
    }
  }
  return Buffer.concat(chunks).toString('utf8')
}
