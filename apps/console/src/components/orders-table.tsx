import type { AdminOrder } from '@quickpay/contracts'
import { Button, Select, Space, Table, Typography } from 'antd'
import type { ReactNode } from 'react'
import { Link } from 'react-router'

import { CHANNEL_LABELS } from '../format/labels'
import { yuan } from '../format/money'
import { dateTime } from '../format/time'
import { StatusTag } from './status-tag'

const PAGE_SIZES = [20, 50, 100]

/**
 * A page of orders as a table: number (links to the detail), amounts, status, channel, times;
 * under it 上一页 / 下一页 (the BFF pages by cursor, so there are no page numbers to jump to) and
 * the total, which the BFF counts up to 10 000 (「10000+ 笔」 beyond).
 */
export function OrdersTable(props: {
  orders: AdminOrder[]
  total: number
  totalCapped: boolean
  page: number
  pageSize: number
  hasNext: boolean
  loading: boolean
  onPrevious: () => void
  onNext: () => void
  onPageSize: (pageSize: number) => void
  action?: (order: AdminOrder) => ReactNode
}) {
  return (
    <>
      <Table<AdminOrder>
        rowKey="order_no"
        size="middle"
        loading={props.loading}
        dataSource={props.orders}
        scroll={{ x: 960 }}
        pagination={false}
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
      <Space wrap style={{ marginTop: 16, width: '100%', justifyContent: 'flex-end' }}>
        <Typography.Text type="secondary">
          {props.totalCapped ? `${props.total}+ 笔` : `共 ${props.total} 笔`} · 第 {props.page} 页
        </Typography.Text>
        <Button disabled={props.page <= 1 || props.loading} onClick={props.onPrevious}>
          上一页
        </Button>
        <Button disabled={!props.hasNext || props.loading} onClick={props.onNext}>
          下一页
        </Button>
        <Select<number>
          aria-label="每页笔数"
          value={props.pageSize}
          style={{ width: 110 }}
          options={PAGE_SIZES.map((size) => ({ value: size, label: `${size} 笔/页` }))}
          onChange={props.onPageSize}
        />
      </Space>
    </>
  )
}
