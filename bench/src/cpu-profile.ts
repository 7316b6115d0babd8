/**
 * Where the BFF's time goes: a separate, fresh BFF child runs under `node --cpu-prof` through one
 * load run of each BFF target, stops gracefully (which writes the profile), and each run's
 * stretch of the profile is summarised on its own. The profile stays in the bench's temporary
 * directory and is never committed.
 */
import { mkdir, readdir } from 'node:fs/promises'
import { join } from 'node:path'

import { createBenchClient } from './bench-client'
import { prepareBff } from './bff-fixture'
import { runLoad, type LoadSample, type LoadSettings } from './load'
import {
  monotonicMicros,
  readProfile,
  summariseProfile,
  type ProfileSummary,
  type ProfileWindow,
} from './profile-summary'
import { startBffChild } from './stack'
import { bffTargets } from './targets/bff-targets'

/** One target's run under the profiler: its load figures and the summary of its samples. */
export interface ProfiledRun {
  targetId: string
  label: string
  load: LoadSample
  summary: ProfileSummary
}

/** Profiles one run of every BFF target against a fresh BFF. */
export async function profileBffTargets(options: {
  workDir: string
  simulatorUrl: string
  load: LoadSettings
  shopperCount: number
  top: number
}): Promise<ProfiledRun[]> {
  const profileDir = join(options.workDir, 'cpu-profile')
  await mkdir(profileDir, { recursive: true })
  const bff = await startBffChild({
    name: 'bff-profiled',
    workDir: options.workDir,
    simulatorUrl: options.simulatorUrl,
    nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${profileDir}`],
  })
  try {
    const client = createBenchClient({ bff: bff.url, simulator: options.simulatorUrl })
    const prepared = await prepareBff(client, {
      bffUrl: bff.url,
      notifySecret: bff.notifySecret,
      shopperCount: options.shopperCount,
    })
    const runs: { targetId: string; label: string; load: LoadSample; window: ProfileWindow }[] = []
    for (const target of bffTargets(prepared.fixture)) {
      const startMicros = monotonicMicros()
      const load = await runLoad(target, options.load)
      runs.push({
        targetId: target.id,
        label: target.label,
        load,
        window: { startMicros, endMicros: monotonicMicros() },
      })
    }
    await bff.child.stop(20000)
    const files = (await readdir(profileDir)).filter((file) => file.endsWith('.cpuprofile'))
    if (files.length === 0) throw new Error('the profiled BFF wrote no .cpuprofile on shutdown')
    const profile = await readProfile(join(profileDir, files[0]!))
    return runs.map(({ window, ...run }) => {
      const summary = summariseProfile(profile, window, options.top)
      if (summary.busyMs === 0) throw new Error(`no profile samples inside the ${run.label} run`)
      return { ...run, summary }
    })
  } finally {
    await bff.child.stop(5000)
  }
}
