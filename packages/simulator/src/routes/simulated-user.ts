import type { Context } from 'koa'

import { queryParam } from './query-param'

/**
 * Who is "logged in" to the simulated WeChat or Alipay app on an authorize page: the `sim_user`
 * query parameter, else the browser's `sim_user` cookie (so each browser profile in an E2E run can
 * be a different shopper), else the default shopper.
 */
export function simulatedUser(ctx: Context): string | undefined {
  const fromQuery = queryParam(ctx, 'sim_user')
  if (fromQuery !== undefined && fromQuery !== '') return fromQuery
  const fromCookie = ctx.cookies.get('sim_user')
  return fromCookie !== undefined && /^[\w-]{1,64}$/.test(fromCookie) ? fromCookie : undefined
}
