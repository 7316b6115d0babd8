import { Text, View } from '@tarojs/components'
import { useEffect, useRef, useState } from 'react'

import { formatCountdown, secondsLeft } from '../../payment/time-left'
import './index.scss'

/** How long to wait before asking the BFF again about an order it still says is pending past its time. */
export const CLOSING_RECHECK_MS = 2000

/** Props of the countdown. */
export interface ExpiryCountdownProps {
  /** The BFF's `seconds_to_expiry` of the latest answer about a pending order. */
  secondsToExpiry: number
  /** The BFF's `server_time` of that answer: a new answer restarts the count. */
  serverTime: string
  /** Asks the BFF about the order again (at zero, then every 2 s while it still says pending). */
  onExpired: () => void
}

/**
 * 剩余支付时间 mm:ss (`#expiry-countdown`), counted from the BFF's answer, never from the phone's
 * clock. At zero it asks for the order again: the BFF decides that it is closed; while the BFF
 * still says pending it shows 已超时，正在关闭… and asks again every 2 s.
 */
export function ExpiryCountdown({ secondsToExpiry, serverTime, onExpired }: ExpiryCountdownProps) {
  const [left, setLeft] = useState(secondsToExpiry)
  const expired = useRef(onExpired)
  expired.current = onExpired

  useEffect(() => {
    const answeredAt = Date.now()
    setLeft(secondsToExpiry)
    if (secondsToExpiry === 0) {
      const recheck = setTimeout(() => expired.current(), CLOSING_RECHECK_MS)
      return () => clearTimeout(recheck)
    }
    const timer = setInterval(() => {
      const now = secondsLeft(secondsToExpiry, answeredAt, Date.now())
      setLeft(now)
      if (now === 0) {
        clearInterval(timer)
        expired.current()
      }
    }, 250)
    return () => clearInterval(timer)
  }, [secondsToExpiry, serverTime])

  if (left === 0) {
    return (
      <View id="expiry-countdown" className="expiry-countdown closing" data-seconds="0">
        已超时，正在关闭…
      </View>
    )
  }
  return (
    <View id="expiry-countdown" className="expiry-countdown" data-seconds={String(left)}>
      剩余支付时间 <Text className="expiry-time">{formatCountdown(left)}</Text>
    </View>
  )
}
