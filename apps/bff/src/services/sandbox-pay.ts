import {
  sandboxPaymentRequestSchema,
  walletPayResponseSchema,
  type WalletPayResponse,
} from '@quickpay/contracts'

import { errors } from '../errors/errors'
import type { SessionRecord } from '../store/records'
import type { Repository } from '../store/repository'
import { findOwnOrder } from './find-own-order'

/** What the sandbox cashier needs: where the simulator's wallet lives. */
export interface SandboxPayDeps {
  repository: Repository
  simulatorOrigin: string
  fetch: typeof fetch
  timeoutMs: number
}

/**
 * `POST /api/sandbox/payments` (sandbox only): pays the caller's order through the simulator's
 * wallet as the caller (payer = the session's payer id) and answers what the wallet said.
 */
export async function sandboxPay(
  deps: SandboxPayDeps,
  session: SessionRecord,
  body: unknown,
): Promise<WalletPayResponse> {
  const parsed = sandboxPaymentRequestSchema.safeParse(body)
  if (!parsed.success) throw errors.validation(parsed.error)
  const order = await findOwnOrder(deps.repository, session, parsed.data.order_no)
  if (order.cloudpay_param === null) throw errors.orderNotPending()
  let response: Response
  try {
    response = await deps.fetch(new URL('/__sim/wallet/pay', deps.simulatorOrigin), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        cloudpay_param: order.cloudpay_param,
        payer: session.payer_id,
        outcome: parsed.data.outcome,
      }),
      signal: AbortSignal.timeout(deps.timeoutMs),
    })
  } catch (error) {
    throw errors.upstreamUnavailable(error)
  }
  const answer: unknown = await response.json().catch(() => undefined)
  if (!response.ok) {
    const message =
      typeof answer === 'object' && answer !== null && 'error' in answer
        ? String(answer.error).slice(0, 200)
        : `HTTP ${response.status}`
    throw errors.sandboxWalletRefused(message)
  }
  const wallet = walletPayResponseSchema.safeParse(answer)
  if (!wallet.success) throw errors.upstreamUnavailable(wallet.error)
  return wallet.data
}
