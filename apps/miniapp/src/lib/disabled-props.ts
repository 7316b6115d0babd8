/**
 * Props that disable a Taro `Button` only when `disabled` is true. Taro's H5 button writes
 * `disabled={false}` out as the attribute `disabled="false"`, which still matches the
 * `[disabled]` style (faded white text), so the attribute must be absent when enabled.
 */
export function disabledProps(disabled: boolean): { disabled?: true } {
  return disabled ? { disabled: true } : {}
}
