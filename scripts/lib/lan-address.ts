/**
 * The machine's address on its local network, for opening the demo from a phone on the same
 * Wi-Fi (the H5 store in the phone's browser, or a mini-program in WeChat's or Alipay's developer
 * preview, which cannot reach the computer's 127.0.0.1).
 */
import { networkInterfaces } from 'node:os'

/** The first non-internal IPv4 address of this machine, or undefined when it has none. */
export function lanAddress(): string | undefined {
  for (const addresses of Object.values(networkInterfaces())) {
    for (const address of addresses ?? []) {
      if (address.family === 'IPv4' && !address.internal) return address.address
    }
  }
  return undefined
}
