import type { Router } from '@koa/router'

import type { AppState } from '../app-state'
import { strictRouter } from './strict-router'

/**
 * The routes of `routers` in one router, so a request is matched once against every route
 * instead of once per router (with twelve routers, every request went through twelve dispatches,
 * each matching, storing its matches and emitting its not-found event). @koa/router copies a
 * mounted router's routes into the parent, and router-wide middleware (`use`) would then run for
 * the other routers' routes too, so a router that has any is refused at start.
 */
export function oneRouter(
  routers: readonly Router<AppState>[],
): ReturnType<Router<AppState>['routes']> {
  const root = strictRouter()
  for (const router of routers) {
    if (router.stack.some((layer) => layer.methods.length === 0)) {
      throw new Error('a router merged into the app router must not have router-wide middleware')
    }
    root.use(router.routes())
  }
  return root.routes()
}
