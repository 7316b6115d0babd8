import type { Middleware } from 'koa'
import createDebug from 'debug'

import { SimulatorError } from '../errors/simulator-error'

const debug = createDebug('quickpay:simulator')

/**
 * The one error boundary: a SimulatorError becomes its status and `{ error, code }`; anything else
 * is a 500 (an aggregator-shaped `SYSTEM_ERROR` envelope on `/QuickPay/` routes).
 */
export function errorBoundary(): Middleware {
  return async (ctx, next) => {
    try {
      await next()
    } catch (error) {
      if (error instanceof SimulatorError) {
        ctx.status = error.status
        ctx.body = { error: error.message, code: error.code }
        return
      }
      debug('unexpected error on %s: %O', ctx.path, error)
      ctx.status = 500
      ctx.body = ctx.path.startsWith('/QuickPay/')
        ? { code: 'SYSTEM_ERROR', msg: 'simulator internal error', data: null }
        : { error: 'simulator internal error', code: 'INTERNAL' }
    }
  }
}
