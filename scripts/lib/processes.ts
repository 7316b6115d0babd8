/**
 * Child-process supervision for `pnpm start` and `pnpm dev`: each child runs in its own process
 * group, its output is prefixed with its name, and `stopAll` ends every group (SIGTERM, then
 * SIGKILL after a grace period) so Ctrl-C leaves no orphan behind.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { createInterface } from 'node:readline'

const children = new Set<ChildProcess>()

/** Starts `command args` in its own process group with name-prefixed output. */
export function startChild(
  name: string,
  command: string,
  args: string[],
  options: {
    cwd: string
    env?: NodeJS.ProcessEnv
    onExit?: (code: number | null) => void
    /** Hand the terminal to the child (its own progress display) instead of prefixing lines. */
    inheritOutput?: boolean
  },
): ChildProcess {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio:
      options.inheritOutput === true
        ? ['ignore', 'inherit', 'inherit']
        : ['ignore', 'pipe', 'pipe'],
    detached: true,
  })
  children.add(child)
  const prefix = `[${name}]`
  for (const stream of [child.stdout, child.stderr]) {
    if (stream) createInterface({ input: stream }).on('line', (line) => console.log(prefix, line))
  }
  child.on('exit', (code) => {
    children.delete(child)
    options.onExit?.(code)
  })
  return child
}

/** Runs a command to completion with prefixed output; resolves with its exit code. */
export function runToEnd(
  name: string,
  command: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; inheritOutput?: boolean },
): Promise<number> {
  return new Promise((resolve) => {
    startChild(name, command, args, { ...options, onExit: (code) => resolve(code ?? 1) })
  })
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return
  try {
    process.kill(-child.pid, signal)
  } catch {
    // The group is already gone.
  }
}

/** Stops every child's process group: SIGTERM, then SIGKILL for any still alive after `graceMs`. */
export async function stopAll(graceMs = 8000): Promise<void> {
  const running = [...children]
  for (const child of running) signalGroup(child, 'SIGTERM')
  const deadline = Date.now() + graceMs
  while (children.size > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  for (const child of [...children]) signalGroup(child, 'SIGKILL')
  // Also sweep the groups of children that exited while grandchildren lived on.
  for (const child of running) signalGroup(child, 'SIGKILL')
}

/** Waits until `url` answers 2xx, or throws after `timeoutMs`. */
export async function waitForOk(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  let last = 'no answer'
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1000) })
      if (response.ok) return
      last = `HTTP ${response.status}`
    } catch (error) {
      last = error instanceof Error ? error.message : String(error)
    }
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  throw new Error(`${url} was not ready after ${timeoutMs} ms (${last})`)
}
