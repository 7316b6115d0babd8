import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { Alert, Card, Typography } from 'antd'
import { useState } from 'react'

import { adminApi } from '../api/admin-api'
import { useCursorPages } from '../api/cursor-pages'
import { errorText } from '../api/error-text'
import { OrdersTable } from '../components/orders-table'
import { ReviewButton } from '../components/review-button'

/** 待处理: orders flagged for review (paid after close, mismatch, refund trouble) and their action. */
export function ReviewPage() {
  const [pageSize, setPageSize] = useState(20)
  const pages = useCursorPages()
  const orders = useQuery({
    queryKey: ['orders', 'review', pageSize, pages.cursor],
    queryFn: () =>
      adminApi.orders({
        pageSize,
        needsReview: true,
        ...(pages.cursor === undefined ? {} : { cursor: pages.cursor }),
      }),
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
        totalCapped={orders.data?.total_capped ?? false}
        page={pages.page}
        pageSize={pageSize}
        hasNext={(orders.data?.next_cursor ?? null) !== null}
        loading={orders.isPending || orders.isPlaceholderData}
        onPrevious={pages.previous}
        onNext={() => {
          const cursor = orders.data?.next_cursor
          if (cursor != null) pages.next(cursor)
        }}
        onPageSize={(size) => {
          pages.reset()
          setPageSize(size)
        }}
        action={(order) => <ReviewButton orderNo={order.order_no} />}
      />
    </Card>
  )
}
