/**
 * Where the time goes in POST /api/orders: a separate BFF child runs under `node --cpu-prof`
 * through one load run, stops gracefully (which writes the profile), and the profile is
 * summarised. The profile stays in the bench's temporary directory and is never committed.
 */
import { mkdir, readdir } from 'node:fs/promises'
import { join } from 'node:path'

import { createBenchClient } from './bench-client'
import { prepareBff } from './bff-fixture'
import { runLoad, type LoadSample, type LoadSettings } from './load'
import { summariseProfile, type ProfileSummary } from './profile-summary'
import { startBffChild } from './stack'
import { bffTargets } from './targets/bff-targets'

/** The profiled run's load figures and the profile summary. */
export interface ProfiledRun {
  load: LoadSample
  summary: ProfileSummary
}

/** Profiles one POST /api/orders run against a fresh BFF. */
export async function profileCreateOrder(options: {
  workDir: string
  simulatorUrl: string
  load: LoadSettings
  shopperCount: number
}): Promise<ProfiledRun> {
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
    const target = bffTargets(prepared.fixture).find((each) => each.id === 'bff-create-order')!
    const load = await runLoad(target, options.load)
    await bff.child.stop(20000)
    const files = (await readdir(profileDir)).filter((file) => file.endsWith('.cpuprofile'))
    if (files.length === 0) throw new Error('the profiled BFF wrote no .cpuprofile on shutdown')
    return { load, summary: await summariseProfile(join(profileDir, files[0]!), 15) }
  } finally {
    await bff.child.stop(5000)
  }
}
