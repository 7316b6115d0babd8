import type { RequestListener } from 'node:http'

import { createApp } from './app'
import type { AppDeps } from './app-deps'
import { orderPollLane } from './fast-lane/order-poll-lane'
import { recordHelmetHeaders, securityHeadersOptions } from './middleware/security-headers'

/**
 * The BFF's HTTP request listener: the order-poll lane (fast-lane/order-poll-lane.ts) for the
 * shopper's successful order polls, the Koa app (app.ts) for every other request. main.ts serves
 * it and the tests drive it, so both go through the same two paths. Helmet's headers are recorded
 * once (reading STATIC_DIR's index.html for its script hashes) and set by both.
 */
export function createRequestHandler(deps: AppDeps): RequestListener {
  const helmet = recordHelmetHeaders(securityHeadersOptions(deps.env))
  const app = createApp(deps, helmet).callback()
  const lane = orderPollLane(deps, helmet)
  return (request, response) => {
    lane(request, response, () => void app(request, response))
  }
}
