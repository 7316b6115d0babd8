/**
 * Child processes of the bench: each runs `node --import tsx <file>` (or plain `node` for compiled
 * JavaScript) in its own process group so
 * that stopping it also stops anything it started. Every child is registered, and
 * `stopAllChildren` (called on success, error and Ctrl-C) leaves none behind.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { closeSync, openSync, readFileSync } from 'node:fs'

import { PATHS } from './paths'

const TAIL_LINES = 30
const running = new Set<BenchChild>()

/**
 * A started child: its process, the last lines it printed, and a way to stop it. Output goes to a
 * log file rather than a pipe so that reading the children's logs costs the load generator (this
 * process) nothing while it measures.
 */
export interface BenchChild {
  name: string
  process: ChildProcess
  /** The last lines of stdout and stderr, for error messages. */
  tail(): string
  /** Resolves with the exit code once the process has exited. */
  exited: Promise<number | null>
  /** SIGTERM to the group, SIGKILL after `graceMs`; resolves when the process is gone. */
  stop(graceMs?: number): Promise<void>
}

/**
 * Spawns `node [nodeArgs] --import tsx <entry>` from the repository root with `env` added, its
 * stdout and stderr appended to `logFile`.
 */
export function spawnChild(
  name: string,
  entry: string,
  options: { env: NodeJS.ProcessEnv; logFile: string; nodeArgs?: string[] },
): BenchChild {
  const args = [...(options.nodeArgs ?? []), '--import', 'tsx', entry]
  return spawnCommand(name, process.execPath, args, options)
}

/** Spawns `node [nodeArgs] <entry>` (compiled JavaScript, no tsx), registered like spawnChild. */
export function spawnCompiledChild(
  name: string,
  entry: string,
  options: { env: NodeJS.ProcessEnv; logFile: string; nodeArgs?: string[] },
): BenchChild {
  return spawnCommand(name, process.execPath, [...(options.nodeArgs ?? []), entry], options)
}

/** Spawns any command from the repository root in its own group, registered like spawnChild. */
export function spawnCommand(
  name: string,
  command: string,
  args: string[],
  options: { env: NodeJS.ProcessEnv; logFile: string },
): BenchChild {
  const log = openSync(options.logFile, 'a')
  const child = spawn(command, args, {
    cwd: PATHS.root,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', log, log],
    detached: true,
  })
  closeSync(log)
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => resolve(code))
    child.once('error', () => resolve(null))
  })
  const handle: BenchChild = {
    name,
    process: child,
    tail: () => tailOf(options.logFile),
    exited,
    stop: async (graceMs = 5000) => {
      if (child.exitCode === null && child.signalCode === null) {
        signalGroup(child, 'SIGTERM')
        const timer = new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), graceMs))
        if ((await Promise.race([exited, timer])) === 'late') signalGroup(child, 'SIGKILL')
        await exited
      }
      // Grandchildren of a child that exited first still share its group.
      signalGroup(child, 'SIGKILL')
      running.delete(handle)
    },
  }
  running.add(handle)
  return handle
}

function tailOf(file: string): string {
  try {
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n')
    return lines
      .slice(-TAIL_LINES)
      .map((line) => (line.length > 400 ? `${line.slice(0, 400)}…` : line))
      .join('\n')
  } catch {
    return '(no output)'
  }
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return
  try {
    process.kill(-child.pid, signal)
  } catch {
    // The group is already gone.
  }
}

/** Stops every child still registered, in parallel. */
export async function stopAllChildren(): Promise<void> {
  await Promise.all([...running].map((child) => child.stop(3000)))
}

/** Last resort on process exit: SIGKILL every registered group synchronously. */
export function killAllChildrenNow(): void {
  for (const child of running) signalGroup(child.process, 'SIGKILL')
  running.clear()
}

/**
 * Polls `url` every `intervalMs` until it answers 2xx; throws with the child's output if the child
 * exits or `timeoutMs` passes. Resolves with the milliseconds since `since` (a performance.now()).
 */
export async function waitUntilOk(
  child: BenchChild,
  url: string,
  options: { timeoutMs: number; intervalMs: number; since?: number },
): Promise<number> {
  const since = options.since ?? performance.now()
  const deadline = since + options.timeoutMs
  let last = 'no answer'
  while (performance.now() < deadline) {
    if (child.process.exitCode !== null) {
      throw new Error(`${child.name} exited with ${child.process.exitCode}:\n${child.tail()}`)
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1000) })
      await response.arrayBuffer()
      if (response.ok) return performance.now() - since
      last = `HTTP ${response.status}`
    } catch (error) {
      last = error instanceof Error ? error.message : String(error)
    }
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs))
  }
  throw new Error(
    `${child.name}: ${url} not ready after ${options.timeoutMs} ms (${last}):\n${child.tail()}`,
  )
}
