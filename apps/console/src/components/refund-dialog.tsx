import type { AdminOrder, Refund } from '@quickpay/contracts'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { Alert, Form, Input, Modal, Typography } from 'antd'
import { useRef, useState } from 'react'

import { adminApi } from '../api/admin-api'
import { errorText } from '../api/error-text'
import { fenOfYuan, yuan } from '../format/money'
import { timelineKey } from './order-timeline'

/** What may still be refunded: the amount less every refund that is done or still pending. */
export function refundableFen(order: AdminOrder, refunds: Refund[]): number {
  const committed = refunds
    .filter((refund) => refund.status !== 'failed')
    .reduce((sum, refund) => sum + refund.amount, 0)
  return Math.max(0, order.amount - committed)
}

/**
 * 退款: prefilled with the refundable amount, partial refunds allowed, a reason. Mounted only while
 * open, so each opening starts from the current refundable amount and a new key. One
 * Idempotency-Key per dialog content: a double click, a retry after a timeout or a second tab
 * sending the same dialog reaches the same refund (the BFF derives refund_no from the key); the
 * key changes only when the merchant changes the amount or reason.
 */
export function RefundDialog(props: {
  order: AdminOrder
  refunds: Refund[]
  onClose: () => void
  onDone: (refund: Refund) => void
}) {
  const refundable = refundableFen(props.order, props.refunds)
  const [form] = Form.useForm<{ amount: string; reason?: string }>()
  const [key, setKey] = useState(() => crypto.randomUUID())
  const queryClient = useQueryClient()
  const refund = useMutation({
    mutationFn: (body: { amount: number; reason?: string }) =>
      adminApi.refund(props.order.order_no, body, key),
    onSettled: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['order', props.order.order_no] }),
        queryClient.invalidateQueries({ queryKey: timelineKey(props.order.order_no) }),
        queryClient.invalidateQueries({ queryKey: ['orders'] }),
      ])
    },
    onSuccess: (answer) => {
      props.onDone(answer.refund)
    },
  })
  // Set in the same task as the click, so a second click before React re-renders the button as
  // loading sends nothing more; the Idempotency-Key covers what gets past it (a retry, a second tab).
  const sending = useRef(false)
  const submit = async () => {
    if (sending.current) return
    sending.current = true
    try {
      // A refused field is shown by the form itself; nothing is sent.
      const values = await form.validateFields().catch(() => undefined)
      if (values === undefined) return
      const amount = fenOfYuan(values.amount) ?? 0
      const reason = values.reason?.trim()
      // The error is shown from the mutation's state.
      await refund
        .mutateAsync(reason === undefined || reason === '' ? { amount } : { amount, reason })
        .catch(() => undefined)
    } finally {
      sending.current = false
    }
  }
  return (
    <Modal
      title={`退款：${props.order.order_no}`}
      open
      okText="确认退款"
      cancelText="取消"
      onOk={() => void submit()}
      onCancel={props.onClose}
      confirmLoading={refund.isPending}
    >
      <Typography.Paragraph type="secondary">
        订单金额 {yuan(props.order.amount)}，可退 {yuan(refundable)}。
      </Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ amount: (refundable / 100).toFixed(2), reason: '' }}
        onValuesChange={() => {
          // Another amount or reason is another refund: it gets its own key.
          setKey(crypto.randomUUID())
          refund.reset()
        }}
      >
        <Form.Item
          name="amount"
          label="退款金额（元）"
          rules={[
            {
              validator: (_, value: string | undefined) => {
                const fen = fenOfYuan(value ?? '')
                if (fen === undefined) return Promise.reject(new Error('请输入金额，最多两位小数'))
                if (fen <= 0) return Promise.reject(new Error('退款金额必须大于 0'))
                if (fen > refundable)
                  return Promise.reject(new Error(`最多可退 ${yuan(refundable)}`))
                return Promise.resolve()
              },
            },
          ]}
        >
          <Input prefix="¥" inputMode="decimal" aria-label="退款金额" />
        </Form.Item>
        <Form.Item name="reason" label="退款原因">
          <Input
            maxLength={80}
            showCount
            placeholder="选填，如：缺货、顾客取消"
            aria-label="退款原因"
          />
        </Form.Item>
      </Form>
      {refund.isError && <Alert type="error" showIcon title={errorText(refund.error)} />}
    </Modal>
  )
}
