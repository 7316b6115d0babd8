import type { AdminOrder } from '@quickpay/contracts'
import { keepPreviousData, useQuery } from '@tanstack/react-query'

import { adminApi, type OrderListQuery } from './admin-api'
import { useCursorPages } from './cursor-pages'

/** One page of a cursor-paged order list and the steps to the next and previous pages. */
export interface OrderPages {
  orders: AdminOrder[]
  /** Counted by the BFF up to its cap; `totalCapped` says there are more. */
  total: number
  totalCapped: boolean
  /** 1-based number of the page shown. */
  page: number
  pageSize: number
  hasNext: boolean
  /** The first answer, or the next page, is on its way (the previous page stays meanwhile). */
  loading: boolean
  /** Why the last ask failed, or null. */
  error: Error | null
  previous: () => void
  next: () => void
  /** Back to the first page: call it when the filters or the page size change. */
  reset: () => void
}

/**
 * `GET /api/admin/orders` with `filters`, one page at a time by cursor (useCursorPages), asked
 * again every `pollMs` so new orders and status changes appear; the answer as OrdersTable takes it.
 */
export function useOrderPages(filters: Omit<OrderListQuery, 'cursor'>, pollMs: number): OrderPages {
  const pages = useCursorPages()
  const answer = useQuery({
    queryKey: ['orders', filters, pages.cursor],
    queryFn: () =>
      adminApi.orders(pages.cursor === undefined ? filters : { ...filters, cursor: pages.cursor }),
    refetchInterval: pollMs,
    placeholderData: keepPreviousData,
  })
  const nextCursor = answer.data?.next_cursor ?? null
  return {
    orders: answer.data?.orders ?? [],
    total: answer.data?.total ?? 0,
    totalCapped: answer.data?.total_capped ?? false,
    page: pages.page,
    pageSize: filters.pageSize,
    hasNext: nextCursor !== null,
    loading: answer.isPending || answer.isPlaceholderData,
    error: answer.error,
    previous: pages.previous,
    next: () => {
      if (nextCursor !== null) pages.next(nextCursor)
    },
    reset: pages.reset,
  }
}
