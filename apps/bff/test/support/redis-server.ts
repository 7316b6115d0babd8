import { spawn, type ChildProcess } from 'node:child_process'

import { Redis } from 'ioredis'

import { freePort } from './bff-process'

/** A redis-server of the test's own on a free loopback port, which the test may kill. */
export interface RedisServer {
  url: string
  /** SIGKILLs the server and waits for it to exit (Redis is lost, as in a crash). */
  kill(): Promise<void>
}

/** The binary: REDIS_SERVER_PATH, else `redis-server` on PATH (Debian's package). */
const REDIS_SERVER = process.env.REDIS_SERVER_PATH ?? 'redis-server'

/** Answers once `url` answers PING, or throws after `timeoutMs`. */
async function waitForPing(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const client = new Redis(url, {
      lazyConnect: true,
      connectTimeout: 200,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    })
    client.on('error', () => undefined)
    try {
      await client.connect()
      if ((await client.ping()) === 'PONG') return
    } catch (error) {
      if (Date.now() > deadline)
        throw new Error(`redis-server at ${url} did not answer`, { cause: error })
      await new Promise((resolve) => setTimeout(resolve, 50))
    } finally {
      client.disconnect()
    }
  }
}

/** Starts `redis-server --port <free> --save ''` (nothing written to disk) and waits for PING. */
export async function startRedisServer(): Promise<RedisServer> {
  const port = await freePort()
  const child: ChildProcess = spawn(
    REDIS_SERVER,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  )
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const url = `redis://127.0.0.1:${port}`
  try {
    await waitForPing(url, 5000)
  } catch (error) {
    child.kill('SIGKILL')
    throw error
  }
  return {
    url,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
      await exited
    },
  }
}
