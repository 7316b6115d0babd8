import type { Middleware } from 'koa'

import type { AppState } from '../app-state'
import { errors } from '../errors/errors'
import { secretMatcher } from '../services/secret-matcher'

/**
 * Lets only `Authorization: Bearer <ADMIN_TOKEN>` through (401 otherwise), the token compared in
 * constant time (`secretMatcher`).
 */
export function requireAdmin(adminToken: string): Middleware<AppState> {
  const isAdminToken = secretMatcher(adminToken)
  return async (ctx, next) => {
    const match = /^Bearer ([^\s]+)$/i.exec(ctx.get('authorization'))
    if (match === null || !isAdminToken(match[1] ?? '')) throw errors.adminUnauthenticated()
    await next()
  }
}
