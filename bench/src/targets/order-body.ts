/** The order every POST in the bench sends (one catalogue line), to the BFF and to the proxy. */
export function orderBody(sku: string): string {
  return JSON.stringify({ items: [{ sku, quantity: 1 }] })
}
