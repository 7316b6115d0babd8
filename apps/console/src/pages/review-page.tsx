import { Alert, Card, Typography } from 'antd'
import { useState } from 'react'

import { errorText } from '../api/error-text'
import { useOrderPages } from '../api/order-pages'
import { OrdersTable } from '../components/orders-table'
import { ReviewButton } from '../components/review-button'

/** How often the flagged list asks again. */
const POLL_MS = 10_000

/** 待处理: orders flagged for review (paid after close, mismatch, refund trouble) and their action. */
export function ReviewPage() {
  const [pageSize, setPageSize] = useState(20)
  const list = useOrderPages({ pageSize, needsReview: true }, POLL_MS)
  return (
    <Card>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        待处理
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        关闭或失败后又收到付款、金额不一致、退款异常的订单会出现在这里。核对后点「标记已处理」，处理记录会写入订单时间线。
      </Typography.Paragraph>
      {list.error !== null && <Alert type="error" showIcon title={errorText(list.error)} />}
      <OrdersTable
        list={list}
        onPageSize={(size) => {
          list.reset()
          setPageSize(size)
        }}
        action={(order) => <ReviewButton orderNo={order.order_no} />}
      />
    </Card>
  )
}
