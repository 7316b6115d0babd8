import type { DoctorLine } from '@quickpay/contracts'
import { useQuery } from '@tanstack/react-query'
import { Alert, Button, Card, Space, Table, Tag, Typography } from 'antd'

import { adminApi } from '../api/admin-api'
import { errorText } from '../api/error-text'
import { DOCTOR_LINE_LABELS, DOCTOR_STATUS_LABELS } from '../format/doctor-labels'
import { dateTime } from '../format/time'

/**
 * 体检: the BFF's doctor (`GET /api/admin/doctor`) on its own settings, one row per line with its
 * fix. Run once on opening and on 重新检查 only: each run sends real probes (a notification to
 * the public URL among them), so it is never polled.
 */
export function DoctorPage() {
  const report = useQuery({
    queryKey: ['doctor'],
    queryFn: adminApi.doctor,
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  })
  const failing = report.data?.lines.filter((line) => line.status === 'fail').length ?? 0
  return (
    <Card>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          体检
        </Typography.Title>
        <Button id="doctor-rerun" loading={report.isFetching} onClick={() => void report.refetch()}>
          重新检查
        </Button>
      </Space>
      <Typography.Paragraph type="secondary">
        用当前 BFF 实例的配置逐项连通微信、支付宝、聚合支付、数据库和 Redis，与命令行 pnpm doctor
        的检查相同；结果说明沿用其英文原文，不含任何密钥。
      </Typography.Paragraph>
      {report.isError && <Alert type="error" showIcon title={errorText(report.error)} />}
      {report.data !== undefined && (
        <Alert
          id="doctor-summary"
          style={{ marginBottom: 16 }}
          type={report.data.ok ? 'success' : 'error'}
          showIcon
          title={
            report.data.ok ? '未发现配置问题' : `有 ${failing} 项需要修复，请按「修复方法」处理`
          }
          description={`检查时间：${dateTime(report.data.checked_at)}`}
        />
      )}
      <Table<DoctorLine>
        rowKey="name"
        loading={report.isFetching}
        dataSource={report.data?.lines ?? []}
        pagination={false}
        tableLayout="fixed"
        scroll={{ x: 1000 }}
        onRow={(line) => ({ 'data-status': line.status }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: '状态',
            dataIndex: 'status',
            width: 110,
            render: (status: DoctorLine['status']) => {
              const label = DOCTOR_STATUS_LABELS[status]
              return <Tag color={label.color}>{`${label.mark} ${label.text}`}</Tag>
            },
          },
          {
            title: '检查项',
            dataIndex: 'name',
            width: 220,
            render: (name: string, line) => (
              <div>
                <Typography.Text strong>{DOCTOR_LINE_LABELS[name] ?? name}</Typography.Text>
                <br />
                <Typography.Text type="secondary" style={{ fontSize: 12, wordBreak: 'break-word' }}>
                  {line.settings.join(', ')}
                </Typography.Text>
              </div>
            ),
          },
          { title: '结果', dataIndex: 'message' },
          {
            title: '修复方法',
            dataIndex: 'fix',
            width: 340,
            render: (fix: string | undefined, line) =>
              line.status === 'ok' || fix === undefined ? '—' : fix,
          },
        ]}
      />
    </Card>
  )
}
