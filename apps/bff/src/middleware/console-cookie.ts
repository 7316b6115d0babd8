import type { Context } from 'koa'

/** The console session cookie's name. */
export const CONSOLE_COOKIE = 'qp_console'

/** The cookie is sent only to the merchant API, never with page or asset requests. */
const COOKIE_PATH = '/api/admin'

/** The console session token a request carries, or '' without one. */
export function consoleCookieOf(ctx: Context): string {
  const value = ctx.cookies.get(CONSOLE_COOKIE) ?? ''
  return /^[A-Za-z0-9_-]{1,128}$/.test(value) ? value : ''
}

/**
 * Sets (or, with `expiresAt` undefined, clears) the session cookie: HttpOnly (no script reads it),
 * SameSite=Strict (no other site's page sends it), Secure when the public URL is https. Written by
 * hand because Koa refuses a Secure cookie on a plain connection, which is what the BFF sees
 * behind a TLS-terminating proxy without TRUST_PROXY_HOPS.
 */
export function setConsoleCookie(
  ctx: Context,
  session: { token: string; expiresAt: number; now: number } | undefined,
  secure: boolean,
): void {
  const parts =
    session === undefined
      ? [`${CONSOLE_COOKIE}=`, 'Max-Age=0', 'Expires=Thu, 01 Jan 1970 00:00:00 GMT']
      : [
          `${CONSOLE_COOKIE}=${session.token}`,
          `Max-Age=${Math.floor((session.expiresAt - session.now) / 1000)}`,
          `Expires=${new Date(session.expiresAt).toUTCString()}`,
        ]
  parts.push(`Path=${COOKIE_PATH}`, 'HttpOnly', 'SameSite=Strict')
  if (secure) parts.push('Secure')
  ctx.append('Set-Cookie', parts.join('; '))
}
