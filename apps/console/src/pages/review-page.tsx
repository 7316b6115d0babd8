import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { Alert, Card, Typography } from 'antd'
import { useState } from 'react'

import { adminApi } from '../api/admin-api'
import { errorText } from '../api/error-text'
import { OrdersTable } from '../components/orders-table'
import { ReviewButton } from '../components/review-button'

/** 待处理: orders flagged for review (paid after close, mismatch, refund trouble) and their action. */
export function ReviewPage() {
  const [page, setPage] = useState({ page: 1, pageSize: 20 })
  const orders = useQuery({
    queryKey: ['orders', 'review', page],
    queryFn: () => adminApi.orders({ ...page, needsReview: true }),
    refetchInterval: 10_000,
    placeholderData: keepPreviousData,
  })
  return (
    <Card>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        待处理
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        关闭或失败后又收到付款、金额不一致、退款异常的订单会出现在这里。核对后点「标记已处理」，处理记录会写入订单时间线。
      </Typography.Paragraph>
      {orders.isError && <Alert type="error" showIcon title={errorText(orders.error)} />}
      <OrdersTable
        orders={orders.data?.orders ?? []}
        total={orders.data?.total ?? 0}
        page={page.page}
        pageSize={page.pageSize}
        loading={orders.isPending}
        onPage={(next, pageSize) => setPage({ page: next, pageSize })}
        action={(order) => <ReviewButton orderNo={order.order_no} />}
      />
    </Card>
  )
}
