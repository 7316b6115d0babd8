import { createHash, timingSafeEqual } from 'node:crypto'

import type { Middleware } from 'koa'

import type { AppState } from '../app-state'
import { errors } from '../errors/errors'

const digest = (text: string): Buffer => createHash('sha256').update(text).digest()

/**
 * Lets only `Authorization: Bearer <ADMIN_TOKEN>` through (401 otherwise). Both sides are hashed
 * first so the constant-time comparison always sees equal lengths and leaks nothing about the token.
 */
export function requireAdmin(adminToken: string): Middleware<AppState> {
  const expected = digest(adminToken)
  return async (ctx, next) => {
    const match = /^Bearer ([^\s]+)$/i.exec(ctx.get('authorization'))
    const given = digest(match?.[1] ?? '')
    if (match === null || !timingSafeEqual(given, expected)) throw errors.adminUnauthenticated()
    await next()
  }
}
