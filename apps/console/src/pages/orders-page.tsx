import {
  CHANNELS,
  ORDER_STATUSES,
  type Channel,
  type OrderStatus,
} from '@quickpay/contracts/engine-safe'
import { Alert, Card, Checkbox, DatePicker, Input, Select, Space, Typography } from 'antd'
import type { Dayjs } from 'dayjs'
import { useState } from 'react'

import type { OrderListQuery } from '../api/admin-api'
import { errorText } from '../api/error-text'
import { useOrderPages } from '../api/order-pages'
import { OrdersTable } from '../components/orders-table'
import { CHANNEL_LABELS, STATUS_LABELS } from '../format/labels'

/** How often the list asks again, so new orders and status changes appear without a reload. */
const POLL_MS = 5_000

/** 订单: the server-side paged list with filters, search by number, polled for new orders. */
export function OrdersPage() {
  const [query, setQuery] = useState<Omit<OrderListQuery, 'cursor'>>({ pageSize: 20 })
  const list = useOrderPages(query, POLL_MS)
  const change = (patch: { [K in keyof OrderListQuery]?: OrderListQuery[K] | undefined }) => {
    list.reset()
    setQuery((current) => {
      const next: Omit<OrderListQuery, 'cursor'> = { ...current }
      for (const [key, value] of Object.entries(patch)) {
        if (value === undefined) delete next[key as keyof typeof next]
        else Object.assign(next, { [key]: value })
      }
      return next
    })
  }
  const onRange = (range: [Dayjs | null, Dayjs | null] | null) => {
    change({
      createdFrom: range?.[0]?.startOf('day').toISOString(),
      createdTo: range?.[1]?.add(1, 'day').startOf('day').toISOString(),
    })
  }
  return (
    <Card>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        订单
      </Typography.Title>
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          placeholder="订单号 / 渠道流水号"
          aria-label="搜索订单号"
          style={{ width: 300, maxWidth: '100%' }}
          onSearch={(value) => change({ q: value === '' ? undefined : value })}
        />
        <Select<OrderStatus>
          allowClear
          placeholder="全部状态"
          aria-label="状态"
          style={{ width: 130 }}
          options={ORDER_STATUSES.map((status) => ({
            value: status,
            label: STATUS_LABELS[status].text,
          }))}
          onChange={(status) => change({ status })}
        />
        <Select<Channel>
          allowClear
          placeholder="全部渠道"
          aria-label="渠道"
          style={{ width: 150 }}
          options={CHANNELS.map((channel) => ({ value: channel, label: CHANNEL_LABELS[channel] }))}
          onChange={(channel) => change({ channel })}
        />
        <DatePicker.RangePicker aria-label="创建日期" onChange={onRange} />
        <Checkbox
          onChange={(event) => change({ needsReview: event.target.checked ? true : undefined })}
        >
          仅看待处理
        </Checkbox>
      </Space>
      {list.error !== null && (
        <Alert type="error" showIcon title={errorText(list.error)} style={{ marginBottom: 16 }} />
      )}
      <OrdersTable list={list} onPageSize={(pageSize) => change({ pageSize })} />
    </Card>
  )
}
