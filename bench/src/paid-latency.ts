/**
 * From "the wallet paid" to "the BFF says paid": the wallet call, the simulator's first
 * notification (immediate at a large time scale), the BFF's confirming Query and its write, and
 * the shopper's next poll (every `intervalMs`, as a store polling closely would).
 */
import type { BenchClient, BenchShopper } from './bench-client'
import { waitForPaid } from './wait-for-paid'

/** Milliseconds per sample; throws if an order is not paid within `timeoutMs`. */
export async function measurePaidLatency(
  client: BenchClient,
  shopper: BenchShopper,
  sku: string,
  options: { samples: number; intervalMs: number; timeoutMs: number },
): Promise<number[]> {
  const results: number[] = []
  for (let sample = 0; sample < options.samples; sample += 1) {
    const order = await client.createOrder(shopper.token, sku)
    const started = performance.now()
    await client.walletPay(order.cloudpayParam, shopper.openid)
    results.push(await waitForPaid(client, shopper.token, order.orderNo, started, options))
  }
  return results
}
