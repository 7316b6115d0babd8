import type {
  AdminOrder,
  AdminOrderDetail,
  AdminOrdersResponse,
  AdminStats,
  Channel,
  ConsoleSession,
  DoctorReportBody,
  OrderStatus,
  Refund,
  TimelinePage,
} from '@quickpay/contracts'

import { request } from './request'

/** The order list's filters as the console holds them. */
export interface OrderListQuery {
  pageSize: number
  /** The previous answer's next_cursor; none for the first page. */
  cursor?: string
  status?: OrderStatus
  channel?: Channel
  /** ISO 8601, inclusive. */
  createdFrom?: string
  /** ISO 8601, exclusive. */
  createdTo?: string
  /** An exact order_no or transaction_no. */
  q?: string
  needsReview?: boolean
}

/** The list query as URL parameters of `GET /api/admin/orders`. */
export function orderListParams(query: OrderListQuery): URLSearchParams {
  const params = new URLSearchParams({ limit: String(query.pageSize) })
  if (query.cursor !== undefined) params.set('cursor', query.cursor)
  if (query.status !== undefined) params.set('status', query.status)
  if (query.channel !== undefined) params.set('channel', query.channel)
  if (query.createdFrom !== undefined) params.set('created_from', query.createdFrom)
  if (query.createdTo !== undefined) params.set('created_to', query.createdTo)
  if (query.q !== undefined && query.q.trim() !== '') params.set('q', query.q.trim())
  if (query.needsReview !== undefined) params.set('needs_review', String(query.needsReview))
  return params
}

/** The BFF's merchant API, one function per call the console makes. */
export const adminApi = {
  session: () => request<ConsoleSession>('GET', '/api/admin/session'),
  login: (token: string) =>
    request<ConsoleSession>('POST', '/api/admin/session', { body: { token } }),
  logout: () => request<undefined>('DELETE', '/api/admin/session'),
  orders: (query: OrderListQuery) =>
    request<AdminOrdersResponse>('GET', `/api/admin/orders?${orderListParams(query).toString()}`),
  order: (orderNo: string) =>
    request<AdminOrderDetail>(
      'GET',
      `/api/admin/orders/${encodeURIComponent(orderNo)}?timeline_limit=0`,
    ),
  timeline: (orderNo: string, after: number) =>
    request<TimelinePage>(
      'GET',
      `/api/admin/orders/${encodeURIComponent(orderNo)}/events?after=${after}&limit=100`,
    ),
  refund: (orderNo: string, body: { amount: number; reason?: string }, idempotencyKey: string) =>
    request<{ refund: Refund; order: AdminOrder }>(
      'POST',
      `/api/admin/orders/${encodeURIComponent(orderNo)}/refunds`,
      { body, headers: { 'Idempotency-Key': idempotencyKey } },
    ),
  review: (orderNo: string, note: string | undefined) =>
    request<{ order: AdminOrder }>(
      'POST',
      `/api/admin/orders/${encodeURIComponent(orderNo)}/review`,
      { body: note === undefined || note === '' ? {} : { note } },
    ),
  doctor: () => request<DoctorReportBody>('GET', '/api/admin/doctor'),
  stats: () =>
    request<AdminStats>(
      'GET',
      `/api/admin/stats?utc_offset_minutes=${-new Date().getTimezoneOffset()}`,
    ),
}
