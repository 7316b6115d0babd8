import type { BenchClient } from './bench-client'

/** Polls until the order is paid; resolves with the milliseconds since `started`. */
export async function waitForPaid(
  client: BenchClient,
  token: string,
  orderNo: string,
  started: number,
  options: { intervalMs: number; timeoutMs: number },
): Promise<number> {
  let status = 'unknown'
  while (performance.now() - started < options.timeoutMs) {
    status = await client.orderStatus(token, orderNo)
    if (status === 'paid') return performance.now() - started
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs))
  }
  throw new Error(`order ${orderNo} still ${status} after ${options.timeoutMs} ms`)
}
