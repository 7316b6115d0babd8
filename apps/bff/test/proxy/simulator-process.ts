import { spawn } from 'node:child_process'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const HERE = dirname(fileURLToPath(import.meta.url))
const SIMULATOR_MAIN = resolve(
  HERE,
  '..',
  '..',
  '..',
  '..',
  'packages',
  'simulator',
  'src',
  'main.ts',
)

/** A simulator running as a child process. */
export interface SimulatorProcess {
  url: string
  stop(): Promise<void>
}

/**
 * Starts the simulator (`pnpm simulator`'s entry) as a child that trusts `caPath` besides the
 * system's CAs: its notifications go to the https notify URL behind nginx's self-signed
 * certificate, and Node reads NODE_EXTRA_CA_CERTS only when a process starts.
 */
export async function startSimulatorProcess(
  port: number,
  caPath: string,
): Promise<SimulatorProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', SIMULATOR_MAIN], {
    cwd: dirname(SIMULATOR_MAIN),
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: process.env.HOME ?? '/tmp',
      SIMULATOR_PORT: String(port),
      NODE_EXTRA_CA_CERTS: caPath,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const output: string[] = []
  child.stdout.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')))
  child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')))
  const url = `http://127.0.0.1:${port}`
  const until = Date.now() + 20_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the simulator exited: ${output.join('')}`)
    try {
      if ((await fetch(`${url}/__sim/stats`)).ok) break
    } catch {
      // not listening yet
    }
    if (Date.now() > until) {
      child.kill('SIGKILL')
      throw new Error(`the simulator did not start: ${output.join('')}`)
    }
    await new Promise((done) => setTimeout(done, 50))
  }
  return {
    url,
    async stop() {
      if (child.exitCode !== null) return
      const exited = new Promise((done) => child.once('exit', done))
      child.kill('SIGTERM')
      await exited
    },
  }
}
