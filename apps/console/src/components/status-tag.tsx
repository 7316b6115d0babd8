import type { AdminOrder } from '@quickpay/contracts'
import { Space, Tag, Tooltip } from 'antd'

import { STATUS_LABELS, reviewReasonText } from '../format/labels'

/** An order's status as a coloured tag, with a red 待处理 badge when it is flagged for review. */
export function StatusTag({
  order,
}: {
  order: Pick<AdminOrder, 'status' | 'needs_review' | 'review_reason'>
}) {
  const label = STATUS_LABELS[order.status]
  return (
    <Space size={4} wrap>
      <Tag color={label.color}>{label.text}</Tag>
      {order.needs_review && (
        <Tooltip title={reviewReasonText(order.review_reason)}>
          <Tag color="error" data-testid="review-badge">
            待处理
          </Tag>
        </Tooltip>
      )}
    </Space>
  )
}
