import { isIP } from 'node:net'

import type { Env } from '../env'
import { line, type DoctorCheck } from './doctor-check'
import type { ResolvedDoctorDeps } from './doctor-deps'
import { isPrivateAddress } from './is-private-address'

const SETTINGS = ['PUBLIC_BASE_URL', 'SANDBOX'] as const

/**
 * PUBLIC_BASE_URL is where the aggregator sends notifications: outside sandbox it must be https
 * and name a host the internet can reach (not loopback, not a private network, not `localhost`).
 */
export async function checkPublicUrl(env: Env, deps: ResolvedDoctorDeps): Promise<DoctorCheck> {
  const url = new URL(env.PUBLIC_BASE_URL)
  if (env.SANDBOX) {
    return line(
      'public-url',
      SETTINGS,
      'ok',
      `${url.origin}: sandbox mode, so http and loopback are allowed (the simulator only notifies loopback). Production needs SANDBOX=false and a public https address.`,
    )
  }
  if (url.protocol !== 'https:') {
    return line(
      'public-url',
      SETTINGS,
      'fail',
      `${url.origin} is not https; outside sandbox notifications and the H5 store must be served over TLS.`,
      'Set PUBLIC_BASE_URL to the https address of your reverse proxy (see deploy/nginx/quickpay.conf), e.g. https://shop.example.com.',
    )
  }
  const host = url.hostname.replace(/^\[|\]$/g, '')
  let addresses: string[]
  if (isIP(host) !== 0) addresses = [host]
  else if (host === 'localhost' || host.endsWith('.localhost')) addresses = ['127.0.0.1']
  else {
    try {
      addresses = await deps.lookupHost(host)
    } catch {
      return line(
        'public-url',
        SETTINGS,
        'fail',
        `${host} does not resolve in DNS, so the aggregator cannot reach it either.`,
        'Create the DNS record for this host, or correct PUBLIC_BASE_URL.',
      )
    }
  }
  const inside = addresses.filter(isPrivateAddress)
  if (inside.length > 0) {
    return line(
      'public-url',
      SETTINGS,
      'fail',
      `${host} is a loopback or private address (${inside.join(', ')}); the aggregator on the internet cannot reach it.`,
      'Set PUBLIC_BASE_URL to the public https address of your reverse proxy, not the BFF’s own address.',
    )
  }
  return line(
    'public-url',
    SETTINGS,
    'ok',
    `${url.origin} is https and public (${addresses.join(', ')}).`,
  )
}
