import { Button, Text, View } from '@tarojs/components'
import type { WalletOutcome } from '@quickpay/contracts'
import { formatFen } from '@quickpay/contracts/engine-safe'

import './index.scss'
import { disabledProps } from '../../lib/disabled-props'

/** Props of the sandbox cashier sheet. */
export interface SandboxCashierProps {
  /** The BFF's order amount in fen. */
  amount: number | undefined
  busy: boolean
  onPick: (outcome: WalletOutcome) => void
}

const CHOICES: readonly { outcome: WalletOutcome; label: string; className: string }[] = [
  { outcome: 'success', label: '支付成功', className: 'primary-button' },
  { outcome: 'cancel', label: '取消支付', className: 'secondary-button' },
  { outcome: 'fail', label: '支付失败', className: 'secondary-button' },
  { outcome: 'unknown', label: '结果未知（已扣款）', className: 'secondary-button' },
]

/**
 * The sandbox cashier (`#sandbox-cashier`): stands in for the wallet's payment sheet when the
 * store talks to the simulator; each button asks the simulated wallet for that outcome.
 */
export function SandboxCashier({ amount, busy, onPick }: SandboxCashierProps) {
  return (
    <View id="sandbox-cashier" className="cashier-mask">
      <View className="cashier-sheet">
        <Text className="cashier-title">沙箱收银台</Text>
        <Text className="muted">模拟钱包，不会真实扣款</Text>
        <Text id="sandbox-amount" className="cashier-amount price">
          {amount === undefined ? '' : `¥${formatFen(amount)}`}
        </Text>
        {CHOICES.map((choice) => (
          <Button
            key={choice.outcome}
            id={`sandbox-pay-${choice.outcome}`}
            className={choice.className}
            {...disabledProps(busy)}
            onClick={() => onPick(choice.outcome)}
          >
            {choice.label}
          </Button>
        ))}
      </View>
    </View>
  )
}
