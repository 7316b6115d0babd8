import type { AdminOrder } from '@quickpay/contracts'
import { Table, Typography } from 'antd'
import type { ReactNode } from 'react'
import { Link } from 'react-router'

import { CHANNEL_LABELS } from '../format/labels'
import { yuan } from '../format/money'
import { dateTime } from '../format/time'
import { StatusTag } from './status-tag'

/** A page of orders as a table: number (links to the detail), amounts, status, channel, times. */
export function OrdersTable(props: {
  orders: AdminOrder[]
  total: number
  page: number
  pageSize: number
  loading: boolean
  onPage: (page: number, pageSize: number) => void
  action?: (order: AdminOrder) => ReactNode
}) {
  return (
    <Table<AdminOrder>
      rowKey="order_no"
      size="middle"
      loading={props.loading}
      dataSource={props.orders}
      scroll={{ x: 960 }}
      pagination={{
        current: props.page,
        pageSize: props.pageSize,
        total: props.total,
        showSizeChanger: true,
        showTotal: (total) => `共 ${total} 笔`,
        onChange: props.onPage,
      }}
      columns={[
        {
          title: '订单号',
          dataIndex: 'order_no',
          fixed: 'left',
          render: (orderNo: string) => (
            <Link to={`/orders/${orderNo}`}>
              <Typography.Text code>{orderNo}</Typography.Text>
            </Link>
          ),
        },
        {
          title: '金额',
          dataIndex: 'amount',
          align: 'right',
          render: (amount: number) => yuan(amount),
        },
        {
          title: '已退款',
          dataIndex: 'refunded_amount',
          align: 'right',
          render: (amount: number) => (amount === 0 ? '—' : yuan(amount)),
        },
        { title: '状态', key: 'status', render: (_, order) => <StatusTag order={order} /> },
        {
          title: '渠道',
          dataIndex: 'channel',
          render: (channel: AdminOrder['channel']) => CHANNEL_LABELS[channel],
        },
        { title: '创建时间', dataIndex: 'created_at', render: (at: string) => dateTime(at) },
        {
          title: '支付时间',
          dataIndex: 'paid_at',
          render: (at: string | undefined) => dateTime(at),
        },
        ...(props.action === undefined
          ? []
          : [
              {
                title: '操作',
                key: 'action',
                render: (_: unknown, order: AdminOrder) => props.action?.(order),
              },
            ]),
      ]}
    />
  )
}
