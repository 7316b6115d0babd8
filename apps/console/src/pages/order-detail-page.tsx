import type { AdminOrder, Refund } from '@quickpay/contracts'
import { useQuery } from '@tanstack/react-query'
import {
  Alert,
  App,
  Breadcrumb,
  Button,
  Card,
  Col,
  Descriptions,
  Result,
  Row,
  Skeleton,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd'
import { useState } from 'react'
import { Link, useParams } from 'react-router'

import { adminApi } from '../api/admin-api'
import { isApiStatus } from '../api/api-error'
import { errorText } from '../api/error-text'
import { OrderTimeline } from '../components/order-timeline'
import { RefundDialog, refundableFen } from '../components/refund-dialog'
import { ReviewButton } from '../components/review-button'
import { StatusTag } from '../components/status-tag'
import { CHANNEL_LABELS, REFUND_LABELS, reviewReasonText } from '../format/labels'
import { yuan } from '../format/money'
import { dateTime } from '../format/time'

/** While a refund is pending the page asks again this often, until the aggregator's answer is final. */
const PENDING_POLL_MS = 2_000

/** 订单详情: items, amounts, masked payer, channel, refunds and the timeline. */
export function OrderDetailPage() {
  const orderNo = useParams().orderNo ?? ''
  const { message } = App.useApp()
  const [refunding, setRefunding] = useState(false)
  const detail = useQuery({
    queryKey: ['order', orderNo],
    queryFn: () => adminApi.order(orderNo),
    refetchInterval: (query) =>
      query.state.data?.refunds.some((refund) => refund.status === 'pending') === true
        ? PENDING_POLL_MS
        : false,
  })
  if (detail.isPending) return <Skeleton active />
  if (detail.isError) {
    return (
      <Result
        status={isApiStatus(detail.error, 404) ? '404' : 'error'}
        title={isApiStatus(detail.error, 404) ? '订单不存在' : errorText(detail.error)}
        extra={<Link to="/orders">返回订单列表</Link>}
      />
    )
  }
  const { order, refunds } = detail.data
  const pending = refunds.some((refund) => refund.status === 'pending')
  const canRefund =
    (order.status === 'paid' || order.status === 'partially_refunded') &&
    refundableFen(order, refunds) > 0
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Breadcrumb items={[{ title: <Link to="/orders">订单</Link> }, { title: order.order_no }]} />
      {order.needs_review && (
        <Alert
          type="warning"
          showIcon
          title={`待处理：${reviewReasonText(order.review_reason)}`}
          action={<ReviewButton orderNo={order.order_no} />}
        />
      )}
      {pending && (
        <Alert type="info" showIcon title="退款处理中：等待支付渠道的最终结果，页面会自动刷新" />
      )}
      <Card
        title={
          <Space wrap>
            <span>订单 {order.order_no}</span>
            <StatusTag order={order} />
          </Space>
        }
        extra={
          <Button
            id="refund-button"
            type="primary"
            danger
            disabled={!canRefund}
            onClick={() => setRefunding(true)}
          >
            退款
          </Button>
        }
      >
        <OrderFacts order={order} refunds={refunds} />
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card title="商品">
            <Table
              rowKey="sku"
              size="small"
              pagination={false}
              dataSource={order.items}
              scroll={{ x: 400 }}
              columns={[
                { title: '商品', dataIndex: 'name' },
                {
                  title: '单价',
                  dataIndex: 'price',
                  align: 'right',
                  render: (fen: number) => yuan(fen),
                },
                { title: '数量', dataIndex: 'quantity', align: 'right' },
                {
                  title: '小计',
                  key: 'subtotal',
                  align: 'right',
                  render: (_, line) => yuan(line.price * line.quantity),
                },
              ]}
            />
          </Card>
          <Card title="退款记录" style={{ marginTop: 16 }}>
            <Table<Refund>
              rowKey="refund_no"
              size="small"
              pagination={false}
              dataSource={refunds}
              scroll={{ x: 480 }}
              locale={{ emptyText: '暂无退款' }}
              columns={[
                {
                  title: '退款单号',
                  dataIndex: 'refund_no',
                  render: (no: string) => <Typography.Text code>{no}</Typography.Text>,
                },
                {
                  title: '金额',
                  dataIndex: 'amount',
                  align: 'right',
                  render: (fen: number) => yuan(fen),
                },
                {
                  title: '状态',
                  dataIndex: 'status',
                  render: (status: Refund['status']) => (
                    <Tag color={REFUND_LABELS[status].color}>{REFUND_LABELS[status].text}</Tag>
                  ),
                },
                { title: '原因', dataIndex: 'reason', render: (reason?: string) => reason ?? '—' },
                { title: '时间', dataIndex: 'created_at', render: (at: string) => dateTime(at) },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title="时间线">
            <OrderTimeline orderNo={order.order_no} refetchMs={pending ? PENDING_POLL_MS : false} />
          </Card>
        </Col>
      </Row>
      {refunding && (
        <RefundDialog
          order={order}
          refunds={refunds}
          onClose={() => setRefunding(false)}
          onDone={(refund) => {
            setRefunding(false)
            if (refund.status === 'refunded') void message.success(`已退款 ${yuan(refund.amount)}`)
            else void message.info('退款已提交，等待支付渠道确认')
          }}
        />
      )}
    </Space>
  )
}

function OrderFacts({ order, refunds }: { order: AdminOrder; refunds: Refund[] }) {
  return (
    <Descriptions
      column={{ xs: 1, sm: 2, lg: 3 }}
      size="small"
      items={[
        { key: 'amount', label: '订单金额', children: yuan(order.amount) },
        {
          key: 'refunded',
          label: '已退款',
          children: <span data-testid="refunded-amount">{yuan(order.refunded_amount)}</span>,
        },
        { key: 'refundable', label: '可退金额', children: yuan(refundableFen(order, refunds)) },
        { key: 'channel', label: '渠道', children: CHANNEL_LABELS[order.channel] },
        {
          key: 'payer',
          label: '付款人',
          children: <Typography.Text code>{order.payer}</Typography.Text>,
        },
        { key: 'transaction', label: '渠道流水号', children: order.transaction_no ?? '—' },
        { key: 'created', label: '创建时间', children: dateTime(order.created_at) },
        { key: 'paid', label: '支付时间', children: dateTime(order.paid_at) },
        { key: 'expires', label: '支付截止', children: dateTime(order.expires_at) },
      ]}
    />
  )
}
