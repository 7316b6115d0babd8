/**
 * What the BFF targets need, created through the public API as a shopper would: sessions for
 * several shoppers, a pending order to read, and an order paid through the wallet (confirmed by
 * the notification path) whose notification the load then repeats.
 */
import type { BenchClient, BenchShopper } from './bench-client'
import type { BffFixture } from './targets/bff-targets'
import { waitForPaid } from './wait-for-paid'

/** The fixture plus the shoppers behind it (the first one owns both orders). */
export interface PreparedBff {
  fixture: BffFixture
  shoppers: BenchShopper[]
  /** Why the duplicate-notification target is missing, when it is. */
  notificationMissing: string | null
}

/**
 * Creates `shopperCount` sessions and the two orders, pays one and checks that repeating its
 * notification answers `SUCCESS`; a failure there drops only the duplicate-notification target.
 */
export async function prepareBff(
  client: BenchClient,
  options: { bffUrl: string; notifySecret: string; shopperCount: number },
): Promise<PreparedBff> {
  const shoppers: BenchShopper[] = []
  for (let index = 0; index < options.shopperCount; index += 1) {
    shoppers.push(await client.openSession(`bench-shopper-${index}`))
  }
  const owner = shoppers[0]!
  const sku = await client.firstSku()
  const pendingOrder = await client.createOrder(owner.token, sku)
  let duplicateNotification: BffFixture['duplicateNotification'] = null
  let notificationMissing: string | null = null
  try {
    duplicateNotification = await payAndRepeat(client, owner, sku, options.notifySecret)
  } catch (error) {
    notificationMissing = error instanceof Error ? error.message : String(error)
  }
  return {
    shoppers,
    notificationMissing,
    fixture: {
      url: options.bffUrl,
      tokens: shoppers.map((shopper) => shopper.token),
      // A settled order is a pure read; polling a pending one older than a few seconds also asks
      // the BFF's confirmer for a (coalesced, background) Query, which is a different path.
      readOrderNo: duplicateNotification?.orderNo ?? pendingOrder.orderNo,
      duplicateNotification,
      sku,
    },
  }
}

async function payAndRepeat(
  client: BenchClient,
  owner: BenchShopper,
  sku: string,
  notifySecret: string,
): Promise<NonNullable<BffFixture['duplicateNotification']>> {
  const paidOrder = await client.createOrder(owner.token, sku)
  const started = performance.now()
  await client.walletPay(paidOrder.cloudpayParam, owner.openid)
  await waitForPaid(client, owner.token, paidOrder.orderNo, started, {
    intervalMs: 10,
    timeoutMs: 15000,
  })
  const path = `/notify/lianke/${notifySecret}`
  const body = JSON.stringify(await client.aggregatorView(paidOrder.orderNo))
  const answer = await client.notify(path, body)
  if (answer !== '200 SUCCESS') throw new Error(`a duplicate notification answered ${answer}`)
  return { orderNo: paidOrder.orderNo, path, body }
}
