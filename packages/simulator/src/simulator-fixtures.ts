import { fileURLToPath } from 'node:url'

const fixture = (name: string): string =>
  fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url))

/** Absolute paths of the sandbox-only Alipay test keys in `packages/simulator/fixtures/`. */
export const SIMULATOR_FIXTURES = {
  alipayAppPrivateKeyPath: fixture('alipay-app-private-key.pem'),
  alipayAppPublicKeyPath: fixture('alipay-app-public-key.pem'),
  alipayPublicKeyPath: fixture('alipay-public-key.pem'),
  alipayPrivateKeyPath: fixture('alipay-private-key.pem'),
} as const
