import { randomBytes } from 'node:crypto'

import type { Env } from '../env'
import { line, type DoctorCheck } from './doctor-check'
import type { ResolvedDoctorDeps } from './doctor-deps'

/** A round trip slower than this is ? : every rate-limited request waits for one. */
export const SLOW_REDIS_MS = 50

const SETTINGS = ['REDIS_URL', 'REDIS_KEY_PREFIX'] as const

/** The URL as shown: without its password. */
function hidePassword(url: string): string {
  return url.replace(/\/\/([^:/@]*):[^@/]*@/, '//$1:***@')
}

/** The reason of a Redis failure in a few words: the driver's code, or Redis's own error word. */
function reasonOf(error: unknown): string {
  const code = (error as { code?: unknown }).code
  if (typeof code === 'string') return code
  const message = error instanceof Error ? error.message : String(error)
  return /^[A-Z]{3,}/.exec(message)?.[0] ?? message.slice(0, 80)
}

/**
 * Redis behind REDIS_URL, when set (no line otherwise: the limits are then per instance by
 * choice): it answers PING, accepts a write under REDIS_KEY_PREFIX (a key that expires in a
 * second, as the limits write theirs), and the round trip of the two is measured.
 */
export async function checkRedis(env: Env, deps: ResolvedDoctorDeps): Promise<DoctorCheck[]> {
  if (env.REDIS_URL === undefined) return []
  const shown = hidePassword(env.REDIS_URL)
  // Loaded only when there is a Redis to check (the BFF serves this check too).
  const { createRedisClient } = await import('../rate-limit/redis-client')
  const client = createRedisClient(env.REDIS_URL, { probe: true })
  client.on('error', () => undefined)
  const started = deps.now()
  try {
    await client.connect()
    await client.ping()
    await client.set(
      `${env.REDIS_KEY_PREFIX}:doctor:${randomBytes(6).toString('hex')}`,
      '1',
      'PX',
      1000,
    )
    const roundTripMs = deps.now() - started
    if (roundTripMs > SLOW_REDIS_MS) {
      return [
        line(
          'redis',
          SETTINGS,
          'unknown',
          `${shown} answers, but connecting, PING and a write took ${roundTripMs} ms; every rate-limited request waits for Redis.`,
          'Run Redis next to the BFF instances (same network, a few ms at most).',
        ),
      ]
    }
    return [
      line(
        'redis',
        SETTINGS,
        'ok',
        `${shown} answers PING and accepts writes (${roundTripMs} ms with the connection): the rate limits are shared by every instance.`,
      ),
    ]
  } catch (error) {
    const reason = reasonOf(error)
    const auth = /NOAUTH|WRONGPASS/.test(reason)
    const readOnly = /READONLY/.test(reason)
    return [
      line(
        'redis',
        SETTINGS,
        'fail',
        auth
          ? `${shown} refuses the password in REDIS_URL (${reason}).`
          : readOnly
            ? `${shown} is a read-only replica (${reason}); the limits must write.`
            : `${shown} does not answer (${reason}); meanwhile each instance enforces the rate limits alone.`,
        auth
          ? 'Correct the password (redis://:password@host:port) or the user in REDIS_URL.'
          : readOnly
            ? 'Point REDIS_URL at the primary.'
            : 'Start Redis, or correct host and port in REDIS_URL; make sure the BFF’s host may connect.',
      ),
    ]
  } finally {
    client.disconnect()
  }
}
