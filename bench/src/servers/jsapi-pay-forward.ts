/**
 * The one JSAPIPay call both proxy baselines make (koa-proxy.ts, koa-proxy-postgres.ts): the
 * fields the seed requires for the bench's shopper, no validation of the answer beyond its code.
 */
export async function forwardJsapiPay(
  simulatorUrl: string,
  openid: string,
  orderNo: string,
): Promise<{ code?: string; data?: { cloudpay_param?: string } | null }> {
  const upstream = await fetch(`${simulatorUrl}/QuickPay/JSAPIPay`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      store_no: 'DEMO001',
      paytype: 11,
      appid: 'wx0000000000000001',
      openid,
      amount: 1,
      order_no: orderNo,
    }),
    signal: AbortSignal.timeout(8000),
  })
  return (await upstream.json()) as { code?: string; data?: { cloudpay_param?: string } | null }
}
