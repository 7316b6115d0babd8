/** One HTTP request as the BFF client issues it; `body` is sent as JSON. */
export interface HttpRequest {
  method: 'GET' | 'POST'
  url: string
  headers: Record<string, string>
  body?: unknown
}

/** Any HTTP answer, whatever its status; `body` is the parsed JSON or the raw text. */
export interface HttpResponse {
  status: number
  body: unknown
}

/**
 * Sends one request. Resolves for every HTTP status and rejects only when no answer arrived
 * (network down, timeout), so the client can tell "the BFF said no" from "nobody answered".
 */
export type HttpTransport = (request: HttpRequest) => Promise<HttpResponse>
