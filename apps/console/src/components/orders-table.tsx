import type { AdminOrder } from '@quickpay/contracts'
import { Button, Select, Space, Table, Typography } from 'antd'
import type { ReactNode } from 'react'
import { Link } from 'react-router'

import type { OrderPages } from '../api/order-pages'
import { CHANNEL_LABELS } from '../format/labels'
import { yuan } from '../format/money'
import { dateTime } from '../format/time'
import { StatusTag } from './status-tag'

const PAGE_SIZES = [20, 50, 100]

/**
 * A page of orders (useOrderPages) as a table: number (links to the detail), amounts, status,
 * channel, times; under it 上一页 / 下一页 (the BFF pages by cursor, so there are no page numbers to
 * jump to) and the total, which the BFF counts up to 10 000 (「10000+ 笔」 beyond).
 */
export function OrdersTable(props: {
  list: OrderPages
  onPageSize: (pageSize: number) => void
  action?: (order: AdminOrder) => ReactNode
}) {
  const { list } = props
  return (
    <>
      <Table<AdminOrder>
        rowKey="order_no"
        size="middle"
        loading={list.loading}
        dataSource={list.orders}
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
          {list.totalCapped ? `${list.total}+ 笔` : `共 ${list.total} 笔`} · 第 {list.page} 页
        </Typography.Text>
        <Button disabled={list.page <= 1 || list.loading} onClick={list.previous}>
          上一页
        </Button>
        <Button disabled={!list.hasNext || list.loading} onClick={list.next}>
          下一页
        </Button>
        <Select<number>
          aria-label="每页笔数"
          value={list.pageSize}
          style={{ width: 110 }}
          options={PAGE_SIZES.map((size) => ({ value: size, label: `${size} 笔/页` }))}
          onChange={props.onPageSize}
        />
      </Space>
    </>
  )
}
