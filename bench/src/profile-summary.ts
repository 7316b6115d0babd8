/**
 * Reads a V8 `.cpuprofile` (what `node --cpu-prof` writes) and attributes self time to functions
 * and to coarse areas (a dependency, the BFF's own code, Node internals, GC), leaving idle out.
 */
import { readFile } from 'node:fs/promises'

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  children?: number[]
}

interface CpuProfile {
  nodes: ProfileNode[]
  samples: number[]
  timeDeltas: number[]
}

/** A function or area and its share of busy (non-idle) CPU time. */
export interface ProfileEntry {
  name: string
  ms: number
  percent: number
}

/** The top functions and areas by self time, and the busy time they are shares of. */
export interface ProfileSummary {
  busyMs: number
  functions: ProfileEntry[]
  areas: ProfileEntry[]
}

/** Summarises the profile at `file`, keeping the `top` largest functions. */
export async function summariseProfile(file: string, top: number): Promise<ProfileSummary> {
  const profile = JSON.parse(await readFile(file, 'utf8')) as CpuProfile
  const byId = new Map(profile.nodes.map((node) => [node.id, node]))
  const selfMicros = new Map<number, number>()
  for (let index = 0; index < profile.samples.length; index += 1) {
    // timeDeltas[i] is the gap before sample i, so the next gap is the time spent in sample i.
    const micros = profile.timeDeltas[index + 1] ?? 0
    const id = profile.samples[index]!
    selfMicros.set(id, (selfMicros.get(id) ?? 0) + micros)
  }
  const functions = new Map<string, number>()
  const areas = new Map<string, number>()
  let busy = 0
  for (const [id, micros] of selfMicros) {
    const frame = byId.get(id)?.callFrame
    if (!frame || frame.functionName === '(idle)') continue
    busy += micros
    const name = `${frame.functionName || '(anonymous)'} ${shortLocation(frame.url, frame.lineNumber)}`
    functions.set(name.trim(), (functions.get(name.trim()) ?? 0) + micros)
    const area = areaOf(frame.functionName, frame.url)
    areas.set(area, (areas.get(area) ?? 0) + micros)
  }
  const rank = (map: Map<string, number>, limit: number): ProfileEntry[] =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([name, micros]) => ({ name, ms: micros / 1000, percent: (100 * micros) / busy }))
  return { busyMs: busy / 1000, functions: rank(functions, top), areas: rank(areas, 12) }
}

function shortLocation(url: string, line: number): string {
  if (url === '') return ''
  const path = url.replace(/^file:\/\//, '')
  const pnpm = /node_modules\/\.pnpm\/[^/]+\/node_modules\/(.+)$/.exec(path)
  const short = pnpm ? pnpm[1]! : path.replace(/^.*?\/(apps|packages)\//, '$1/')
  return `(${short}:${line + 1})`
}

function areaOf(functionName: string, url: string): string {
  if (functionName.startsWith('(')) return functionName
  if (url.startsWith('node:')) return 'node internals'
  const pnpm = /node_modules\/\.pnpm\/[^/]+\/node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)
  if (pnpm) return pnpm[1]!
  const workspace = /\/(apps|packages)\/([^/]+)\//.exec(url)
  if (workspace) return `${workspace[1]}/${workspace[2]}`
  return url === '' ? '(native / V8)' : 'other'
}
