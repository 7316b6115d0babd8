import type { Context } from 'koa'

/** One query parameter as a string (the first if repeated), or undefined. */
export function queryParam(ctx: Context, name: string): string | undefined {
  const value = ctx.query[name]
  return Array.isArray(value) ? value[0] : value
}
