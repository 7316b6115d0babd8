import type { AdminStats, PeriodTotals } from '@quickpay/contracts'
import { useQuery } from '@tanstack/react-query'
import { Alert, Card, Col, Row, Skeleton, Statistic, Table, Typography } from 'antd'

import { adminApi } from '../api/admin-api'
import { errorText } from '../api/error-text'
import { Chart } from '../components/chart'
import { CHANNEL_LABELS } from '../format/labels'
import { yuan } from '../format/money'
import { duration } from '../format/time'
import { SOURCE_LABELS } from '../timeline/describe-event'

const conversion = (totals: PeriodTotals): string =>
  totals.created === 0 ? '—' : `${((totals.paid / totals.created) * 100).toFixed(1)}%`

/** 概览: today and the last 7 days, channels, how payments were confirmed, notifications, the aggregator. */
export default function OverviewPage() {
  const stats = useQuery({ queryKey: ['stats'], queryFn: adminApi.stats, refetchInterval: 30_000 })
  if (stats.isPending) return <Skeleton active />
  if (stats.isError) return <Alert type="error" showIcon title={errorText(stats.error)} />
  const data = stats.data
  return (
    <div>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        概览
      </Typography.Title>
      <Row gutter={[16, 16]}>
        <Col xs={12} lg={6}>
          <Card>
            <Statistic
              title="今日支付笔数"
              value={data.today.paid}
              suffix={`/ ${data.today.created} 笔下单`}
            />
          </Card>
        </Col>
        <Col xs={12} lg={6}>
          <Card>
            <Statistic title="今日支付金额" value={yuan(data.today.paid_amount)} />
          </Card>
        </Col>
        <Col xs={12} lg={6}>
          <Card>
            <Statistic title="近 7 日支付金额" value={yuan(data.last_7_days.paid_amount)} />
            <Typography.Text type="secondary">
              {data.last_7_days.paid} 笔，转化率 {conversion(data.last_7_days)}
            </Typography.Text>
          </Card>
        </Col>
        <Col xs={12} lg={6}>
          <Card>
            <Statistic
              title="待处理订单"
              value={data.needs_review}
              styles={{ content: { color: data.needs_review > 0 ? '#cf1322' : undefined } }}
            />
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          <Card title="近 7 日下单与支付">
            <Chart option={dailyOption(data)} />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card title="按渠道（近 7 日）">
            <Chart option={channelOption(data)} />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card title="支付如何被确认（近 7 日）">
            <Chart option={sourceOption(data)} height={220} />
            <Row gutter={16}>
              <Col span={8}>
                <Statistic title="确认耗时 P50" value={duration(data.confirmations.p50_ms)} />
              </Col>
              <Col span={8}>
                <Statistic title="确认耗时 P95" value={duration(data.confirmations.p95_ms)} />
              </Col>
              <Col span={8}>
                <Statistic title="样本" value={data.confirmations.sample} suffix="笔" />
              </Col>
            </Row>
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          <Card title="异步通知（近 7 日）">
            <Row gutter={16} style={{ marginBottom: 16 }}>
              <Col span={8}>
                <Statistic title="收到" value={data.notifications.received} />
              </Col>
              <Col span={8}>
                <Statistic title="重复" value={data.notifications.duplicates} />
              </Col>
              <Col span={8}>
                <Statistic title="未确认" value={data.notifications.unconfirmed} />
              </Col>
            </Row>
            <Typography.Title level={5}>聚合支付接口（本进程启动以来）</Typography.Title>
            <Table
              rowKey="route"
              size="small"
              pagination={false}
              dataSource={data.upstream.routes}
              scroll={{ x: 480 }}
              locale={{ emptyText: '本进程尚未调用聚合支付' }}
              columns={[
                { title: '接口', dataIndex: 'route' },
                { title: '调用', dataIndex: 'calls', align: 'right' },
                { title: '出错', dataIndex: 'errors', align: 'right' },
                {
                  title: 'P50',
                  dataIndex: 'p50_ms',
                  align: 'right',
                  render: (ms: number | null) => duration(ms),
                },
                {
                  title: 'P95',
                  dataIndex: 'p95_ms',
                  align: 'right',
                  render: (ms: number | null) => duration(ms),
                },
              ]}
            />
          </Card>
        </Col>
      </Row>
    </div>
  )
}

function dailyOption(data: AdminStats) {
  return {
    tooltip: { trigger: 'axis' as const },
    legend: { top: 0, data: ['下单', '支付', '支付金额'] },
    grid: { left: 48, right: 56, bottom: 32, top: 40 },
    xAxis: { type: 'category' as const, data: data.days.map((day) => day.date.slice(5)) },
    yAxis: [
      { type: 'value' as const, name: '笔数', minInterval: 1 },
      { type: 'value' as const, name: '元' },
    ],
    series: [
      { name: '下单', type: 'bar' as const, data: data.days.map((day) => day.created) },
      { name: '支付', type: 'bar' as const, data: data.days.map((day) => day.paid) },
      {
        name: '支付金额',
        type: 'line' as const,
        yAxisIndex: 1,
        data: data.days.map((day) => day.paid_amount / 100),
      },
    ],
  }
}

function channelOption(data: AdminStats) {
  return {
    tooltip: { trigger: 'axis' as const },
    legend: { top: 0, data: ['下单', '支付'] },
    grid: { left: 96, right: 24, bottom: 32, top: 40 },
    xAxis: { type: 'value' as const, minInterval: 1 },
    yAxis: {
      type: 'category' as const,
      data: data.channels.map((row) => CHANNEL_LABELS[row.channel]),
    },
    series: [
      { name: '下单', type: 'bar' as const, data: data.channels.map((row) => row.created) },
      { name: '支付', type: 'bar' as const, data: data.channels.map((row) => row.paid) },
    ],
  }
}

function sourceOption(data: AdminStats) {
  return {
    tooltip: { trigger: 'item' as const },
    legend: { bottom: 0 },
    series: [
      {
        type: 'pie' as const,
        radius: ['40%', '70%'],
        data: data.confirmations.by_source.map((row) => ({
          name: SOURCE_LABELS[row.source],
          value: row.count,
        })),
      },
    ],
  }
}
