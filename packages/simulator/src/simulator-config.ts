import { readFileSync } from 'node:fs'

import { SIMULATOR_DEFAULTS } from './simulator-defaults'
import { SIMULATOR_FIXTURES } from './simulator-fixtures'
import type { SimulatorOptions } from './simulator-options'

/** Options with every default applied and the fixture keys loaded. */
export interface SimulatorConfig {
  host: string
  port: number
  timeScale: number
  storeNos: ReadonlySet<string>
  clock: () => number
  alipayOpenIdMode: boolean
  wechatPayKey: string
  alipayAppPublicKey: string
  alipayPrivateKey: string
}

/** Applies the defaults to `options` and refuses settings that cannot work. */
export function resolveSimulatorConfig(options: SimulatorOptions = {}): SimulatorConfig {
  const timeScale = options.timeScale ?? 1
  if (!(timeScale > 0) || !Number.isFinite(timeScale)) {
    throw new RangeError(`timeScale must be a positive number, got ${String(timeScale)}`)
  }
  const port = options.port ?? 0
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new RangeError(`port must be an integer 0-65535, got ${String(port)}`)
  }
  return {
    host: options.host ?? '127.0.0.1',
    port,
    timeScale,
    storeNos: new Set(options.storeNos ?? [SIMULATOR_DEFAULTS.storeNo]),
    clock: options.clock ?? Date.now,
    alipayOpenIdMode: options.alipayOpenIdMode ?? false,
    wechatPayKey: SIMULATOR_DEFAULTS.wechatPayKey,
    alipayAppPublicKey: readFileSync(SIMULATOR_FIXTURES.alipayAppPublicKeyPath, 'utf8'),
    alipayPrivateKey: readFileSync(SIMULATOR_FIXTURES.alipayPrivateKeyPath, 'utf8'),
  }
}
