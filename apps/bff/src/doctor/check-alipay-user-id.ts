import { isAlipayUserId } from '@quickpay/contracts'

import type { Env } from '../env'
import { line, type DoctorCheck } from './doctor-check'

const SETTINGS = ['ALIPAY_OPEN_ID_PASSTHROUGH'] as const

/**
 * Whether the Alipay app answers the 2088 user id or an open_id can only be seen in a real login
 * (a made-up code returns neither), so this line reads the payer ids of recent Alipay sessions
 * (never printed) and says what ALIPAY_OPEN_ID_PASSTHROUGH makes of them.
 */
export function checkAlipayUserId(env: Env, payerIds: string[] | undefined): DoctorCheck {
  const passthrough = env.ALIPAY_OPEN_ID_PASSTHROUGH
  const setting = `ALIPAY_OPEN_ID_PASSTHROUGH=${String(passthrough)}`
  if (payerIds === undefined || payerIds.length === 0) {
    return line(
      'alipay-user-id',
      SETTINGS,
      'unknown',
      `no Alipay login yet, so the app's mode is not known. ${setting}: ${passthrough ? 'an open_id would be sent to JSAPIPay as openid, which the aggregator does not document' : 'an app in open_id mode makes every Alipay login answer 403 ALIPAY_USER_ID_REQUIRED'}.`,
      'After the first Alipay login, run the doctor again; 403 ALIPAY_USER_ID_REQUIRED means the app is in open_id mode: switch it to user_id on open.alipay.com (or ask Lianke whether JSAPIPay takes open_id, then set the pass-through).',
    )
  }
  const openIds = payerIds.filter((id) => !isAlipayUserId(id)).length
  if (openIds === 0) {
    return line(
      'alipay-user-id',
      SETTINGS,
      'ok',
      `the app answers 2088 user ids (${payerIds.length} recent Alipay logins)${passthrough ? '; the pass-through is not needed and may be turned off' : ''}.`,
    )
  }
  return line(
    'alipay-user-id',
    SETTINGS,
    'unknown',
    `${openIds} of ${payerIds.length} recent Alipay logins carried an open_id, sent to JSAPIPay as openid because of ${setting}; the aggregator documents only the 2088 user id.`,
    'Confirm with Lianke that JSAPIPay accepts Alipay open_ids, or switch the app to user_id mode on open.alipay.com.',
  )
}
