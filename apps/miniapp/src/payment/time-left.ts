/**
 * Whole seconds a pending order has left at local time `at`: the BFF's `seconds_to_expiry`
 * (counted on the server's clock when it answered) minus the seconds elapsed since the answer
 * arrived at local time `answeredAt`. Only a difference of the phone's clock is used, so a phone
 * set to the wrong time still counts down correctly.
 */
export function secondsLeft(secondsToExpiry: number, answeredAt: number, at: number): number {
  return Math.max(0, secondsToExpiry - Math.floor(Math.max(0, at - answeredAt) / 1000))
}

const two = (n: number): string => (n < 10 ? `0${n}` : String(n))

/** Seconds as `mm:ss`, or `h:mm:ss` from an hour up (剩余支付时间 14:59). */
export function formatCountdown(seconds: number): string {
  const hours = Math.floor(seconds / 3600)
  const minutes = Math.floor((seconds % 3600) / 60)
  const rest = `${two(minutes)}:${two(seconds % 60)}`
  return hours > 0 ? `${hours}:${rest}` : rest
}
