import type { Context } from 'koa'

/** Redirects (302) to `redirectUri` with `params` added to its query; refuses a non-http(s) URI. */
export function redirectBack(
  ctx: Context,
  redirectUri: string | undefined,
  params: Record<string, string>,
): void {
  let target: URL
  try {
    target = new URL(redirectUri ?? '')
  } catch {
    ctx.status = 400
    ctx.body = { error: 'redirect_uri must be an absolute http(s) URL' }
    return
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:') {
    ctx.status = 400
    ctx.body = { error: 'redirect_uri must be an absolute http(s) URL' }
    return
  }
  for (const [name, value] of Object.entries(params)) target.searchParams.set(name, value)
  ctx.redirect(target.toString())
}
