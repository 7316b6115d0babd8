import type { RequestListener } from 'node:http'

import { createApp } from './app'
import type { AppDeps } from './app-deps'
import { orderPollLane } from './fast-lane/order-poll-lane'

/**
 * The BFF's HTTP request listener: the order-poll lane (fast-lane/order-poll-lane.ts) for the
 * shopper's successful order polls, the Koa app (app.ts) for every other request. main.ts serves
 * it and the tests drive it, so both go through the same two paths.
 */
export function createRequestHandler(deps: AppDeps): RequestListener {
  const app = createApp(deps).callback()
  const lane = orderPollLane(deps)
  return (request, response) => {
    lane(request, response, () => void app(request, response))
  }
}
