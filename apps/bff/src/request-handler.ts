import type { RequestListener } from 'node:http'

import { createApp } from './app'
import type { AppDeps } from './app-deps'
import { notificationLane } from './fast-lane/notification-lane'
import { orderPollLane } from './fast-lane/order-poll-lane'
import { sharedWithLanes } from './fast-lane/shared-with-lanes'

/**
 * The BFF's HTTP request listener: two lanes on plain `node:http` for the most frequent answers
 * (fast-lane/: the shopper's successful order polls, the aggregator's redeliveries of settled
 * notifications), the Koa app (app.ts) for every other request. main.ts serves it and the tests
 * drive it, so both go through the same paths. What the app and the lanes share (helmet's headers,
 * the settled notification copies) is built once here.
 */
export function createRequestHandler(deps: AppDeps): RequestListener {
  const shared = sharedWithLanes(deps.env)
  const app = createApp(deps, shared).callback()
  const poll = orderPollLane(deps, shared)
  const notification = notificationLane(deps, shared)
  return (request, response) => {
    poll(request, response, () => {
      notification(request, response, () => void app(request, response))
    })
  }
}
