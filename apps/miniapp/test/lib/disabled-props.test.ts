import { describe, expect, it } from 'vitest'

import { disabledProps } from '../../src/lib/disabled-props'

describe('disabledProps', () => {
  it('leaves the disabled attribute out entirely when the button is enabled (Taro H5 renders false as an attribute)', () => {
    expect(disabledProps(false)).toEqual({})
    expect('disabled' in disabledProps(false)).toBe(false)
    expect(disabledProps(true)).toEqual({ disabled: true })
  })
})
