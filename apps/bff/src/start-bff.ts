import { createServer, type Server } from 'node:http'

import { saveCodeCache, type CodeCache } from './code-cache'
import { createAppDeps } from './create-app-deps'
import { armCrashPoint } from './crash-points'
import { loadEnv } from './env'
import { createRequestHandler } from './request-handler'
import { describeDatabaseError } from './store/describe-database-error'

/** Stops accepting connections and waits for in-flight requests, up to `graceMs`. */
function closeServer(server: Server, graceMs: number): Promise<void> {
  return new Promise((done) => {
    const force = setTimeout(() => {
      server.closeAllConnections()
      done()
    }, graceMs)
    force.unref()
    server.close(() => {
      clearTimeout(force)
      done()
    })
    server.closeIdleConnections()
  })
}

/**
 * Starts the BFF: settings from the environment, the database and its migrations, the HTTP
 * server, the reconciler and the signal handlers. `codeCache` comes from the compiled build's
 * loader (dist/main.js); absent when run from the sources through tsx.
 */
export async function startBff(codeCache?: CodeCache): Promise<void> {
  const env = loadEnv(process.env)
  armCrashPoint(env.BFF_CRASH_POINT)
  const deps = await createAppDeps(env).catch((error: unknown) => {
    const problem = describeDatabaseError(error, env.DATABASE_URL)
    if (problem === undefined) throw error
    // One line that says what to fix, instead of the driver's error object with its every field.
    process.stderr.write(`BFF cannot start: ${problem}\n`)
    process.exit(1)
  })
  const handle = createRequestHandler(deps)
  // Node checks the header and request timeouts only every connectionsCheckingInterval (30 s by
  // default), so a slow client would outlive HEADERS_TIMEOUT_MS by up to 30 s (docs/reliability.md, F8).
  const server = createServer(
    { connectionsCheckingInterval: Math.min(1000, env.HEADERS_TIMEOUT_MS) },
    handle,
  )
  // Slow clients (F8) are cut at the header timeout; every request has an overall deadline.
  server.headersTimeout = env.HEADERS_TIMEOUT_MS
  server.requestTimeout = env.REQUEST_TIMEOUT_MS
  server.keepAliveTimeout = 5_000

  server.listen(env.PORT, env.HOST, () => {
    deps.logger.info(
      {
        url: `http://${env.HOST}:${env.PORT}`,
        database: deps.repository.kind,
        codeCache: codeCache?.status ?? 'not used',
      },
      'BFF listening',
    )
    if (codeCache) setImmediate(() => saveCodeCache(codeCache, deps.logger))
  })
  deps.reconciler.start()

  let stopping = false
  async function shutdown(signal: string): Promise<void> {
    if (stopping) return
    stopping = true
    deps.logger.info({ signal }, 'shutting down')
    await closeServer(server, env.SHUTDOWN_GRACE_MS)
    await deps.reconciler.stop()
    await deps.sessionConfirmer.stop()
    await deps.repository.close()
    await deps.rateLimits.close()
    deps.logger.info('stopped')
    process.exit(0)
  }
  process.on('SIGTERM', () => void shutdown('SIGTERM'))
  process.on('SIGINT', () => void shutdown('SIGINT'))
}

/** The name the compiled build's loader calls (scripts/lib/code-cache-loader.js). */
export { startBff as start }
