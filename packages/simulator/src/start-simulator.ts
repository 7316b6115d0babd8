import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

import { createSimulatorApp } from './create-simulator-app'
import type { SimulatorOptions } from './simulator-options'
import type { SimulatorState } from './state/simulator-state'

/** A listening simulator. */
export interface RunningSimulator {
  /** `http://127.0.0.1:PORT`, no trailing slash. */
  url: string
  port: number
  /** In-memory orders, refunds, notifications and stats, for tests. */
  state: SimulatorState
  /** Stops the server and every pending notification timer; hung requests are cut. */
  close(): Promise<void>
}

/** Starts the simulator on `host:port` (default 127.0.0.1, a free port). */
export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const simulator = createSimulatorApp(options)
  const { app, state } = simulator
  const host = options.host ?? '127.0.0.1'
  const handle = app.callback()
  const server = createServer((req, res) => {
    void handle(req, res)
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const { port } = server.address() as AddressInfo
  const urlHost = host.includes(':') ? `[${host}]` : host
  let closing: Promise<void> | undefined
  return {
    url: `http://${urlHost}:${port}`,
    port,
    state,
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        simulator.stop()
        server.close((error) => (error ? reject(error) : resolve()))
        server.closeAllConnections()
      })
      return closing
    },
  }
}
