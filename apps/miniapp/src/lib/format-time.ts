const two = (n: number): string => (n < 10 ? `0${n}` : String(n))

/** An ISO 8601 time as the phone's local `YYYY-MM-DD HH:mm:ss` (what 下单时间 / 支付时间 show). */
export function formatTime(iso: string): string {
  const at = new Date(iso)
  if (Number.isNaN(at.getTime())) return iso
  const date = `${at.getFullYear()}-${two(at.getMonth() + 1)}-${two(at.getDate())}`
  return `${date} ${two(at.getHours())}:${two(at.getMinutes())}:${two(at.getSeconds())}`
}
