import type { IncomingMessage } from 'node:http'

/**
 * Bodies a lane read before handing its request on to the app: the stream is spent then, so the
 * app's route takes the bytes from here instead of reading it again. Keyed by the request object
 * itself, so an entry lives only as long as its request.
 */
const bodies = new WeakMap<IncomingMessage, Buffer>()

/** Leaves `body`, read whole from `request`, for the route that will answer it. */
export function handOnBody(request: IncomingMessage, body: Buffer): void {
  bodies.set(request, body)
}

/** The body a lane read from `request` and handed on, once (undefined when none did). */
export function takeHandedOnBody(request: IncomingMessage): Buffer | undefined {
  const body = bodies.get(request)
  bodies.delete(request)
  return body
}
