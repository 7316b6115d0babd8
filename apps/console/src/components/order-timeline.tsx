import type { TimelineEntry } from '@quickpay/contracts'
import { useInfiniteQuery } from '@tanstack/react-query'
import { Alert, Button, Empty, Spin, Timeline, Typography } from 'antd'

import { adminApi } from '../api/admin-api'
import { errorText } from '../api/error-text'
import { dateTime } from '../format/time'
import { describeEvent } from '../timeline/describe-event'

/** The query key of an order's timeline pages. */
export const timelineKey = (orderNo: string) => ['timeline', orderNo] as const

function TimelineItemContent({ entry }: { entry: TimelineEntry }) {
  const view = describeEvent(entry)
  return (
    <div data-testid="timeline-event" data-kind={entry.kind}>
      <Typography.Text strong>{view.title}</Typography.Text>
      <Typography.Text type="secondary" style={{ marginLeft: 8, fontSize: 12 }}>
        {dateTime(entry.at)}
      </Typography.Text>
      <div>{view.summary}</div>
      <details>
        <summary style={{ cursor: 'pointer', color: '#1677ff', fontSize: 12 }}>详情</summary>
        <pre
          style={{
            background: '#fafafa',
            padding: 8,
            margin: '4px 0 0',
            fontSize: 12,
            whiteSpace: 'pre-wrap',
            wordBreak: 'break-all',
          }}
        >
          {JSON.stringify({ kind: entry.kind, at: entry.at, ...entry.detail }, null, 2)}
        </pre>
      </details>
    </div>
  )
}

/**
 * An order's timeline as a vertical timeline, oldest first, read a page (100 events) at a time
 * so a timeline of thousands of duplicate notifications stays usable; each event expands to
 * its stored details.
 */
export function OrderTimeline({
  orderNo,
  refetchMs,
}: {
  orderNo: string
  refetchMs: number | false
}) {
  const pages = useInfiniteQuery({
    queryKey: timelineKey(orderNo),
    queryFn: ({ pageParam }) => adminApi.timeline(orderNo, pageParam),
    initialPageParam: 0,
    getNextPageParam: (last) => last.next_after ?? undefined,
    refetchInterval: refetchMs,
  })
  if (pages.isPending) return <Spin />
  if (pages.isError) return <Alert type="error" showIcon title={errorText(pages.error)} />
  const entries = pages.data.pages.flatMap((page) => page.events)
  const total = pages.data.pages.at(-1)?.total ?? entries.length
  if (entries.length === 0) return <Empty description="暂无事件" />
  return (
    <>
      <Timeline
        items={entries.map((entry) => ({
          key: entry.id,
          color: describeEvent(entry).color,
          content: <TimelineItemContent entry={entry} />,
        }))}
      />
      <Typography.Text type="secondary">
        已显示 {entries.length} / {total} 条事件
      </Typography.Text>
      {pages.hasNextPage && (
        <Button
          style={{ marginLeft: 12 }}
          loading={pages.isFetchingNextPage}
          onClick={() => void pages.fetchNextPage()}
        >
          加载更多
        </Button>
      )}
    </>
  )
}
