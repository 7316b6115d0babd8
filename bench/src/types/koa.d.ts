/**
 * The slice of Koa's API the baseline servers use. The bench depends on koa itself but not on
 * @types/koa (the BFF has it); declaring the few members here avoids a lockfile change for two
 * tiny servers.
 */
declare module 'koa' {
  import type { IncomingMessage, ServerResponse } from 'node:http'

  /** The request context: the raw request, and the answer's status and body. */
  interface Context {
    req: IncomingMessage
    status: number
    body: unknown
  }

  /** A Koa app: middleware in, a node:http request listener out. */
  export default class Koa {
    use(middleware: (ctx: Context) => unknown): this
    callback(): (request: IncomingMessage, response: ServerResponse) => void
  }
}
