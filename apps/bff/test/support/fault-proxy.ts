import {
  createConnection,
  createServer,
  type AddressInfo,
  type Server,
  type Socket,
} from 'node:net'

/**
 * What the proxy does to traffic, switchable at run time (Toxiproxy-style faults):
 * - `pass`: forwards both ways;
 * - `delay`: waits `ms` before connecting upstream and before forwarding each chunk;
 * - `hang`: accepts and reads, never forwards and never answers;
 * - `reset`: forwards the request, then resets the client (RST) when the answer starts, so the
 *   request was sent but its answer is lost; `times` limits it to the next N answers;
 * - `cut`: forwards only the first `bytes` bytes of each answer, then closes both sides;
 * - `down`: refuses: the listener is closed (ECONNREFUSED) and open connections are reset.
 */
export type FaultMode =
  | { mode: 'pass' }
  | { mode: 'delay'; ms: number }
  | { mode: 'hang' }
  | { mode: 'reset'; times?: number }
  | { mode: 'cut'; bytes: number }
  | { mode: 'down' }

/** A running fault proxy on 127.0.0.1. */
export interface FaultProxy {
  /** The port it listens on (kept across `down`). */
  port: number
  /** `127.0.0.1:port`. */
  host: string
  /** Switches the mode; resolves once the listener state matches (closed for `down`). */
  set(mode: FaultMode): Promise<void>
  /** Connections accepted so far. */
  readonly connections: number
  /** Answers reset so far by the `reset` mode. */
  readonly resets: number
  close(): Promise<void>
}

interface Pair {
  client: Socket
  upstream: Socket | undefined
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject)
      resolve((server.address() as AddressInfo).port)
    })
  })
}

function resetPair(pair: Pair): void {
  pair.client.resetAndDestroy()
  pair.upstream?.resetAndDestroy()
}

/** Starts a TCP fault proxy on 127.0.0.1 (a free port) forwarding to `target` (`host:port`). */
export async function startFaultProxy(
  target: { host: string; port: number },
  initial: FaultMode = { mode: 'pass' },
): Promise<FaultProxy> {
  let mode: FaultMode = initial
  let connections = 0
  let resets = 0
  let listening = false
  const pairs = new Set<Pair>()

  function onConnection(client: Socket): void {
    connections += 1
    const pair: Pair = { client, upstream: undefined }
    pairs.add(pair)
    client.on('error', () => undefined)
    client.on('close', () => {
      pairs.delete(pair)
      pair.upstream?.destroy()
    })
    if (mode.mode === 'down') {
      client.resetAndDestroy()
      return
    }
    // Chunks from the client wait here until the upstream socket exists.
    const early: Buffer[] = []
    let connecting = false
    client.on('data', (chunk: Buffer) => {
      if (mode.mode === 'hang') return
      if (pair.upstream !== undefined) {
        forward(pair.upstream, chunk)
        return
      }
      early.push(chunk)
      // A connection accepted while hanging connects once the proxy forwards again.
      if (!connecting) start()
    })
    const connect = (): void => {
      if (client.destroyed || mode.mode === 'hang' || mode.mode === 'down') {
        connecting = false
        return
      }
      const upstream = createConnection(target)
      pair.upstream = upstream
      upstream.on('error', () => client.destroy())
      upstream.on('close', () => client.destroy())
      let answered = 0
      upstream.on('data', (chunk: Buffer) => {
        const current = mode
        if (current.mode === 'hang') return
        if (current.mode === 'reset') {
          resets += 1
          if (current.times !== undefined) {
            current.times -= 1
            if (current.times <= 0) mode = { mode: 'pass' }
          }
          resetPair(pair)
          return
        }
        if (current.mode === 'cut') {
          const left = current.bytes - answered
          answered += chunk.length
          if (left > 0) client.write(chunk.subarray(0, left))
          if (answered >= current.bytes) {
            client.end()
            upstream.destroy()
          }
          return
        }
        answered += chunk.length
        forward(client, chunk)
      })
      for (const chunk of early.splice(0)) forward(upstream, chunk)
    }
    const start = (): void => {
      connecting = true
      if (mode.mode === 'delay') setTimeout(connect, mode.ms)
      else connect()
    }
    start()
  }

  // Per-direction ordering under `delay`: each chunk waits for the one before it.
  const queues = new WeakMap<Socket, Promise<void>>()
  function forward(to: Socket, chunk: Buffer): void {
    const current = mode
    if (current.mode !== 'delay') {
      if (!to.destroyed) to.write(chunk)
      return
    }
    const before = queues.get(to) ?? Promise.resolve()
    const next = before.then(
      () =>
        new Promise<void>((resolve) =>
          setTimeout(() => {
            if (!to.destroyed) to.write(chunk)
            resolve()
          }, current.ms),
        ),
    )
    queues.set(to, next)
  }

  const server = createServer(onConnection)
  const port = await listen(server, 0)
  listening = true

  async function stopListening(): Promise<void> {
    if (!listening) return
    listening = false
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }

  return {
    port,
    host: `127.0.0.1:${port}`,
    get connections() {
      return connections
    },
    get resets() {
      return resets
    },
    async set(next) {
      mode = next.mode === 'reset' && next.times !== undefined ? { ...next } : next
      if (next.mode === 'down') {
        for (const pair of pairs) resetPair(pair)
        await stopListening()
        return
      }
      if (!listening) {
        await listen(server, port)
        listening = true
      }
    },
    async close() {
      for (const pair of pairs) resetPair(pair)
      await stopListening()
    },
  }
}
